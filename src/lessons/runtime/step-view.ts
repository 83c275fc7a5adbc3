// A step view: one lab showing a chapter's steps. show(i) puts the lab at step i's baked checkpoint with its layers
// and highlight (step-state.ts), then does what the step does on arrival (arrival.ts); a newer show() cancels
// whatever an older one was still doing. A figure with several labs holds one step view per lab, each with its
// own steps (their snapshots), and shows the same index on all of them.
import { ReaderError } from '../../lab/i18n/reader-error';
import { runtimeText } from './locale';
import type { RuntimeStep } from '../page-data';
import { arrive } from './arrival';
import type { LessonLab } from './lab';
import type { LabSlot } from './lab-slot';
import type { Progress } from './progress';
import type { SnapshotCache } from './snapshots';
import { showCheckpoint, stepState } from './step-state';
import { Turns, type Turn } from './turns';

export interface StepViewOptions {
  /** By step index; null where this view has nothing to show (a figure column at the chapter's other steps). */
  steps: readonly (RuntimeStep | null)[];
  slot: LabSlot;
  snapshots: SnapshotCache;
  progress: Progress;
  /** prefers-reduced-motion: no `play`, manual steps without narration. */
  reduced: boolean;
  /** Called when step i's checkpoint is on screen (before its arrival action). */
  onShown?(i: number, lab: LessonLab): void;
  /** Called when step i has done what it does on arrival (a `play` step: once it started playing). */
  onArrived?(i: number): void;
}

export class StepView {
  private readonly turns = new Turns();
  private active = -1;
  private parked = false;

  constructor(private readonly opts: StepViewOptions) {}

  /** Shows step i (a new turn: whatever the previous step was doing stops). */
  show(i: number): void {
    this.active = i;
    this.parked = false;
    this.hold();
    // Snapshots are small: start fetching now, even before the lab is mounted.
    this.opts.snapshots.prefetch(i);
    void this.apply(i, this.turns.current());
  }

  /** Nothing to show for now (a figure stands in the lab's place): stop, pause, and do not mount until shown. */
  park(): void {
    this.active = -1;
    this.parked = true;
    this.hold();
  }

  private hold(): void {
    this.turns.next();
    const lab = this.opts.slot.mounted;
    if (lab) {
      lab.stopSlowMotion();
      lab.pause();
    }
  }

  /** The lab became wanted: show the active step on it (same turn), or just start mounting it (unless parked). */
  wake(): void {
    if (this.active >= 0) void this.apply(this.active, this.turns.current());
    else if (!this.parked) void this.opts.slot.get();
  }

  /** Stops what the current step does (the lab holds still until the next show()). */
  dispose(): void {
    this.turns.end();
  }

  private async apply(i: number, turn: Turn): Promise<void> {
    const state = stepState(this.opts.steps, i);
    if (!state) return;
    const lab = await this.opts.slot.get();
    if (!lab || !turn.live) return;
    const { progress, snapshots } = this.opts;
    progress.set('step', true, runtimeText('chapter.loadingStep', { n: String(i + 1) }));
    try {
      const snap = await snapshots.fetch(i);
      if (!turn.live) return;
      if (!(await showCheckpoint(lab, state, snap, this.opts.slot.takeHeld(), () => turn.live))) return;
      this.opts.onShown?.(i, lab);
    } catch (err) {
      // A fetch that failed is said in the page's words already; other failures in the lab's (its tables are
      // loaded by now, with the lab).
      if (err instanceof ReaderError) {
        if (turn.live) lab.notice(err.message, 'error');
      } else if (turn.live) void import('../../lab/i18n/error-text').then(({ errorText }) => turn.live && lab.notice(errorText(err), 'error'));
      return;
    } finally {
      if (turn.live) progress.set('step', false);
    }
    for (const j of [i + 1, i - 1]) snapshots.prefetch(j);
    await arrive(lab, state, turn, this.opts.reduced);
    if (turn.live) this.opts.onArrived?.(i);
  }
}
