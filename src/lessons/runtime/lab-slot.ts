// A lab in the page, mounted once, on demand (tfjs loads with it), and disposable. A lesson figure holds one per
// lab; a step view (step-view.ts) asks it for the lab and shows steps on it.
import type { MountOptions } from '../../lab/lab-element';
import type { PartialConfig } from '../../lab/model/config';
import type { TrainerSnapshot } from '../../lab/model/types';
import type { LessonLab } from './lab';
import type { Progress } from './progress';
import { pageLocale, runtimeText } from './locale';
import { stepShortcuts } from './step-keys';

type MountLab = (root: HTMLElement, opts: MountOptions) => Promise<{ controller: LessonLab; dispose(): Promise<void> }>;

export interface LabSlotOptions {
  root: HTMLElement;
  progress: Progress;
  backend: MountOptions['backend'];
  /** What to start from, read when mounting begins: the active step's config and (to be fetched) snapshot. */
  start(): { config: PartialConfig; snapshot: Promise<TrainerSnapshot | undefined> };
  /** Called once the lab is up; returns how to undo what it set up. */
  onMounted?(lab: LessonLab): () => void;
  /** The lab element's mount (loaded on demand by default). */
  load?(): Promise<MountLab>;
}

const loadLab = async (): Promise<MountLab> => (await import('../../lab/lab-element')).mountLab;

export class LabSlot {
  private wanted = false;
  private disposed = false;
  private lab: LessonLab | null = null;
  private mounting: Promise<LessonLab | null> | null = null;
  private release: (() => Promise<void>) | null = null;
  /** The snapshot the lab was mounted with, until the first step shown takes it (it need not load it again). */
  private held: TrainerSnapshot | null = null;

  constructor(private readonly opts: LabSlotOptions) {}

  get isWanted(): boolean {
    return this.wanted;
  }

  /** From now on, get() mounts the lab. Returns false when it was already wanted. */
  want(): boolean {
    if (this.wanted) return false;
    this.wanted = true;
    return true;
  }

  /** The lab if it is up, without mounting it. */
  get mounted(): LessonLab | null {
    return this.lab;
  }

  /** The lab, mounting it on the first call once wanted; null when not wanted yet or it failed to start. */
  get(): Promise<LessonLab | null> {
    if (this.lab) return Promise.resolve(this.lab);
    if (!this.wanted || this.disposed) return Promise.resolve(null);
    if (!this.mounting) {
      this.opts.progress.set('lab', true, runtimeText('chapter.loadingTf'));
      this.mounting = this.mount()
        .catch((err) => {
          console.warn('lesson: the lab failed to start', err);
          this.opts.progress.say(runtimeText('chapter.labFailed'));
          return null;
        })
        .finally(() => this.opts.progress.set('lab', false));
    }
    return this.mounting;
  }

  /** The snapshot the lab was mounted with, once (null after the first call). */
  takeHeld(): TrainerSnapshot | null {
    const s = this.held;
    this.held = null;
    return s;
  }

  private async mount(): Promise<LessonLab | null> {
    const mountLab = await (this.opts.load ?? loadLab)();
    // Start on the active step's state (fetched long before tfjs is ready), so the first picture is already the
    // right one and the step need not load it a second time.
    const { config, snapshot: pending } = this.opts.start();
    const snapshot = await pending;
    const locale = pageLocale();
    const { controller: lab, dispose } = await mountLab(this.opts.root, { config, snapshot, autoplay: false, compact: true, backend: this.opts.backend, locale, pageShortcuts: stepShortcuts(locale) });
    const unwire = this.opts.onMounted?.(lab) ?? (() => undefined);
    this.release = () => {
      unwire();
      return dispose();
    };
    if (this.disposed) {
      await this.release();
      return null;
    }
    if (snapshot) this.held = snapshot;
    this.lab = lab;
    return lab;
  }

  /** Unmounts the lab (now, or as soon as a mount in progress finishes). */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.lab = null;
    this.held = null;
    await this.release?.();
  }
}
