// The lab's public API, which lessons drive it through: loadConfig, setConfig, loadSnapshot, play, pause, step,
// setLayers, highlight, and events (`on`). It builds on the run (lab-run.ts: trainer, queue, play loop, state);
// slow-motion.ts keeps the narration's place, save-file.ts reads saves, backend-switch.ts moves a run to another
// backend.
import { buildOnBackend } from './backend-switch';
import type { HighlightTarget } from './graph-parts';
import type { ChartName } from './view/chart-kinds';
import type { LayerPatch, StepKind } from './lab-api';
import { errText, LabRun } from './lab-run';
import { t } from './i18n';
import { issuesText } from './i18n/config-text';
import { applyPatch, changesNothingShown, ConfigError, mergeConfig, validateConfig, type ChangeEffect, type GanConfig, type PartialConfig } from './model/config';
import { hasOptimalD } from './model/trainer/run';
import type { TrainerSnapshot } from './model/types';
import { makeSaveFile, parseSaveText, type SaveFile } from './save-file';
import type { SubStep } from './slow-motion-plan';
import type { BackendInfo, BackendName } from './trainer-like';

export type { BackendInfo, BackendName, TrainerLike } from './trainer-like';
export type { SaveFile } from './save-file';
export type { ControllerDeps, ControllerOptions, LabEvents, LabState, LabStatus, LayerPatch, StepKind } from './lab-api';

/** A settings edit queued and not yet started; later edits merge into it while nothing is queued behind it. */
interface WaitingEdit {
  patch: PartialConfig;
  /** `ops` when it was queued. */
  seq: number;
  done: Promise<ChangeEffect[]>;
}

export class LabController extends LabRun {
  private waitingEdit: WaitingEdit | null = null;
  /** Layer changes waiting behind a frame read for D* (setLayers), and the last of them. */
  private layersWaiting = 0;
  private layersChange: Promise<void> = Promise.resolve();

  // ---- public API ------------------------------------------------------------------------------

  play() {
    if (this.trainer.status === 'diverged' || this.disposed) return;
    this.wantPlay = true;
    if (this.slow.active) this.scheduleSlow();
    this.emitState();
    this.loop.schedule();
  }

  pause() {
    this.wantPlay = false;
    this.endNarration(false);
    this.slow.clearTimer();
    this.emitState();
    this.settleIfStopped();
  }

  toggle() {
    if (this.wantPlay) this.pause();
    else this.play();
  }

  /**
   * Pauses, then takes one D update, one G update, or one whole iteration (dSteps D + gSteps G). In slow motion
   * the narration walks on to the end of the matching sub-step instead ("Update D"; "Update G", which ends the
   * iteration), so what it says stays true.
   */
  step(which: StepKind = 'both'): Promise<void> {
    this.pause();
    if (this.slow.active) return this.walkSubSteps((s) => s.action === (which === 'd' ? 'stepD' : 'stepG'));
    return this.exclusive(async () => {
      if (this.trainer.status !== 'ok') return;
      if (which === 'd') {
        await this.trainer.stepD();
        this.dCount += 1;
        this.pure = false;
      } else if (which === 'g') {
        await this.trainer.stepG();
        this.gCount += 1;
        this.pure = false;
      } else {
        await this.trainer.iterate(1);
        this.count(1);
      }
      await this.refresh(true);
    });
  }

  setSpeed(n: number) {
    this.speed = Math.max(1, Math.min(1000, Math.round(n) || 1));
    this.emitState();
  }

  /** Draws the current state again (frame + metrics) without training. */
  redraw(): Promise<void> {
    return this.exclusive(() => this.refresh(true));
  }

  /** Starts over with the current config (same seed: the same run again). */
  reset(): Promise<void> {
    return this.loadConfig(this.trainer.config);
  }

  /** Replaces the whole config (missing keys take defaults) and starts over. Throws ConfigError if invalid. */
  loadConfig(config: GanConfig | PartialConfig): Promise<void> {
    const r = validateConfig(config);
    if (!r.ok) return Promise.reject(new ConfigError(r.issues));
    const wasPlaying = this.wantPlay;
    this.stopSlowMotion(false);
    return this.exclusive(async () => {
      this.replaceTrainer(this.deps.createTrainer(r.config));
      this.emit('config', { config: r.config, effects: ['restart'] });
      await this.refresh(true);
      if (wasPlaying) this.play();
    });
  }

  /**
   * Changes settings live; says what each change cost. Throws ConfigError (changing nothing) if invalid. Edits made
   * faster than the trainer applies them coalesce: while an edit waits in the queue with nothing queued behind it,
   * a new one merges into it (the later value of a setting wins), so 200 quick changes cost one rebuild and one
   * redraw, not 200. Every merged caller's promise settles with the merged edit's effects.
   */
  setConfig(patch: PartialConfig): Promise<ChangeEffect[]> {
    const waiting = this.waitingEdit && this.waitingEdit.seq === this.ops ? this.waitingEdit : null;
    const merged = waiting ? mergeConfig(waiting.patch, patch) : patch;
    const r = applyPatch(this.trainer.config, merged);
    if (!r.ok) return Promise.reject(new ConfigError(r.issues));
    if (waiting) {
      waiting.patch = merged;
      return waiting.done;
    }
    const edit: WaitingEdit = { patch: merged, seq: 0, done: Promise.resolve([]) };
    edit.done = this.exclusive(async () => {
      if (this.waitingEdit === edit) this.waitingEdit = null;
      const before = this.trainer.config;
      const effects = await this.trainer.setConfig(edit.patch);
      if (effects.includes('restart')) {
        this.run += 1;
        this.carried = null;
        this.dCount = this.gCount = 0;
        this.emit('metrics', this.trainer.history);
      }
      // Live edits part-way make the run no longer a function of its final config (a link then carries no `it`).
      this.pure = effects.includes('restart') || (this.pure && this.trainer.iteration === 0 && effects.every((e) => e === 'live' || e === 'reset-optimizer'));
      this.slow.replan(this.trainer.config);
      this.emit('config', { config: this.trainer.config, effects });
      // A rate or a step count changes nothing on screen: no frame to read (a heavy config's takes a quarter of a
      // second). Except on WebGL, whose frames also carry the state a lost context carries on from, settings included.
      if (changesNothingShown(before, this.trainer.config) && this.backendInfo?.backend !== 'webgl') return effects;
      // An edit that keeps the run (a rate, an activation, the loss) is drawn at once, but measured at once only
      // where measuring is cheap (a heavy config's would hold the controls for seconds): the next measurement due
      // takes it. A new run, new data or a rebuilt network is measured at once (the charts start over).
      await this.refresh(effects.every((e) => e === 'live' || e === 'reset-optimizer') ? 'if-cheap' : true);
      return effects;
    });
    edit.seq = this.ops;
    this.waitingEdit = edit;
    return edit.done;
  }

  /** Puts the lab exactly where a snapshot was taken (weights, optimizer, random state, history). */
  loadSnapshot(snapshot: TrainerSnapshot): Promise<void> {
    this.stopSlowMotion(false);
    return this.exclusive(async () => {
      const cfg = validateConfig(snapshot?.config);
      if (!cfg.ok) throw new ConfigError(cfg.issues);
      const t = this.deps.createTrainer(cfg.config);
      try {
        await t.restore(snapshot);
      } catch (err) {
        t.dispose();
        throw err;
      }
      this.replaceTrainer(t);
      this.carried = snapshot;
      this.pure = false;
      this.dCount = snapshot.discriminator?.step ?? 0;
      this.gCount = snapshot.generator?.step ?? 0;
      this.emit('config', { config: t.config, effects: ['restart'] });
      this.emit('metrics', t.history);
      await this.refresh(true);
    });
  }

  snapshot(): Promise<TrainerSnapshot> {
    return this.exclusive(() => this.trainer.snapshot());
  }

  /** The save file: config + weights + optimizer + random state + history. */
  async save(): Promise<SaveFile> {
    return makeSaveFile(await this.snapshot());
  }

  /** Loads a save file's text (or a bare snapshot). Rejects with a message a person can act on, changing nothing. */
  async loadSaveText(text: string, bytes?: number): Promise<void> {
    const read = parseSaveText(text, bytes);
    if (!read.ok) throw new Error(read.error);
    try {
      await this.loadSnapshot(read.snapshot);
    } catch (err) {
      throw new Error(err instanceof ConfigError ? issuesText(err.issues) : errText(err));
    }
  }

  /** After divergence: back to the last finite state. */
  restoreLastGood(): Promise<boolean> {
    return this.exclusive(async () => {
      const ok = await this.trainer.restoreLastGood();
      if (ok) this.run += 1;
      else this.replaceTrainer(this.deps.createTrainer(this.trainer.config));
      this.notice(ok ? t('divergence.restored', { iteration: this.trainer.iteration }) : t('divergence.noGoodState'), 'info');
      await this.refresh(true);
      return ok;
    });
  }

  /**
   * Shows and hides view layers. Frames carry D* only while its layer shows (FrameOptions.optimal): turned on while
   * the lab is still, the frame on screen is read again with it before the layers change, so D* never shows empty;
   * changes made meanwhile wait their turn. The promise settles once the layers have changed.
   */
  setLayers(layers: LayerPatch): Promise<void> {
    const before = this.optimalShown;
    if (layers.optimal !== undefined) this.optimalShown = layers.optimal;
    const f = this.lastFrame;
    const reread = this.optimalShown && !before && f !== undefined && !f.optimal && hasOptimalD(this.trainer.config) && !this.wantPlay && !this.disposed;
    if (!reread && !this.layersWaiting) {
      this.emit('layers', layers);
      return Promise.resolve();
    }
    this.layersWaiting++;
    const read = reread ? this.exclusive(() => this.refresh('if-cheap')).catch(() => undefined) : undefined;
    this.layersChange = this.layersChange.then(() => read).then(() => {
      this.layersWaiting--;
      if (!this.disposed) this.emit('layers', layers);
    });
    return this.layersChange;
  }

  highlight(part: HighlightTarget) {
    this.emit('highlight', part);
  }

  /** Brings one chart forward: a lesson's lab shows one chart at a time (the sandbox shows all of them). */
  showChart(name: ChartName) {
    this.emit('chart', name);
  }

  /**
   * Moves the run to another tfjs backend through a snapshot. The new trainer is built and restored before the old
   * one is disposed: if the new backend fails, the run carries on where it was, a notice says why, and the promise
   * rejects with the same message.
   */
  setBackend(name: BackendName | 'auto'): Promise<BackendInfo | undefined> {
    const sw = this.deps.switchBackend;
    if (!sw) return Promise.resolve(undefined);
    const wasPlaying = this.wantPlay;
    this.pause();
    return this.exclusive(async () => {
      const old = this.trainer;
      const snap = old.status === 'ok' ? await old.snapshot() : undefined;
      let moved: Awaited<ReturnType<typeof buildOnBackend>>;
      try {
        moved = await buildOnBackend({ start: () => sw(name), create: (c) => this.deps.createTrainer(c) }, old.config, snap);
      } catch (err) {
        this.deps.settleBackend?.('revert');
        const text = t('backend.switchFailed', { name, error: errText(err), current: this.backendInfo?.backend ?? t('backend.sameBackend') });
        this.notice(text, 'error');
        if (wasPlaying) this.play();
        throw new Error(text);
      }
      this.trainer = moved.trainer;
      this.carried = snap ?? null; // a context lost before the new backend's first frame resumes from here
      this.pure = this.pure && moved.trainer.iteration === 0;
      old.dispose();
      this.deps.settleBackend?.('commit');
      this.setBackendInfo(moved.info);
      await this.refresh(true);
      if (wasPlaying) this.play();
      return moved.info;
    });
  }

  /**
   * Trains from here to `target` iterations without drawing every step (a link's `it`): training is deterministic,
   * so the same config on the same backend reaches the same state. Reports progress; a change of run (a new
   * config, a reset, a loaded file) stops it. Resolves true when it got there.
   */
  async replayTo(target: number, progress: (done: number, target: number) => void = () => undefined): Promise<boolean> {
    this.pause();
    const t = this.trainer;
    const chunk = 100;
    // Play (or a new run) takes over from wherever the replay got to.
    while (this.trainer === t && t.status === 'ok' && t.iteration < target && !this.disposed && !this.wantPlay) {
      await this.exclusive(async () => {
        if (this.trainer !== t || t.status !== 'ok') return;
        const n = Math.min(chunk, target - t.iteration);
        await t.iterate(n);
        this.count(n);
      });
      progress(t.iteration, target);
      this.emitState();
    }
    if (this.trainer !== t || this.disposed) return false;
    await this.redraw();
    return t.iteration === target;
  }

  // ---- slow motion -----------------------------------------------------------------------------

  get slowMotion(): boolean {
    return this.slow.active;
  }

  get slowStepMs(): number {
    return this.slow.stepMs;
  }

  set slowStepMs(ms: number) {
    this.slow.stepMs = ms;
  }

  /** Narrates one iteration sub-step by sub-step (auto-advancing while playing; `nextSubStep()` by hand). */
  startSlowMotion() {
    if (this.trainer.status !== 'ok') return;
    this.slow.start(this.trainer.config);
    this.showSlow();
    this.scheduleSlow();
  }

  stopSlowMotion(emit = true) {
    this.endNarration(false);
    if (!this.slow.stop()) return;
    this.emit('slowmotion', { index: null, plan: this.slow.plan });
    this.emit('highlight', null);
    if (emit) this.emitState();
    this.loop.schedule();
  }

  toggleSlowMotion() {
    if (this.slow.active) this.stopSlowMotion();
    else this.startSlowMotion();
  }

  private showSlow() {
    const step = this.slow.current!;
    this.emit('slowmotion', { index: this.slow.position, step, plan: this.slow.plan });
    this.emit('highlight', step.highlight);
    this.emitState();
  }

  private scheduleSlow() {
    this.slow.schedule(this.wantPlay, () => void this.nextSubStep());
  }

  /** Performs the current sub-step's action (if any) and moves to the next; after the last, starts the next iteration. */
  nextSubStep(): Promise<void> {
    return this.exclusive(async () => {
      const step = this.slow.current;
      if (!step) return;
      const c = this.trainer.config;
      if (step.action) this.pure = false; // sub-steps need not draw their batches as iterate() does
      if (step.action === 'stepD') {
        for (let k = 0; k < c.dSteps; k++) await this.trainer.stepD();
        this.dCount += c.dSteps;
        await this.refresh(true);
      } else if (step.action === 'stepG') {
        for (let k = 0; k < c.gSteps; k++) await this.trainer.stepG();
        this.gCount += c.gSteps;
        await this.trainer.endIteration(); // D's and G's turns together make one iteration
        await this.refresh(true);
      }
      if (!this.slow.active) return; // diverged during the refresh
      this.slow.advance(this.trainer.config);
      if (this.narrating && --this.narrating.left <= 0) {
        this.wantPlay = false;
        this.endNarration(true);
      }
      this.showSlow();
      this.scheduleSlow();
    });
  }

  /** Walks sub-steps (performing their actions) until one for which `until` holds has been done. */
  private async walkSubSteps(until: (s: SubStep) => boolean): Promise<void> {
    for (let k = 0; k < 2 * this.slow.plan.length && this.slow.active; k++) {
      const s = this.slow.current!;
      await this.nextSubStep();
      if (until(s)) return;
    }
  }

  /**
   * Jumps the narration to sub-step `index` (0-based), walking forward and doing every update on the way; an
   * earlier sub-step is reached through the end of this iteration, in the next one.
   */
  async goToSubStep(index: number): Promise<void> {
    if (!this.slow.active || !(index >= 0 && index < this.slow.plan.length)) return;
    for (let k = 0; k < this.slow.plan.length && this.slow.active && this.slow.position !== index; k++) await this.nextSubStep();
  }

  /**
   * Narrates `count` sub-steps at `stepMs` each as the lab playing (the button reads Pause; pausing stops the
   * narration where it is). Resolves true once told, false if paused or stopped first.
   */
  narrate(count: number, stepMs = this.slow.stepMs): Promise<boolean> {
    if (this.trainer.status !== 'ok' || count <= 0) return Promise.resolve(false);
    this.endNarration(false);
    if (!this.slow.active) this.startSlowMotion();
    const before = this.slow.stepMs;
    this.slow.stepMs = stepMs;
    return new Promise<boolean>((resolve) => {
      this.narrating = {
        left: count,
        done: (told) => {
          this.slow.stepMs = before;
          resolve(told);
        },
      };
      this.play();
    });
  }

  private narrating: { left: number; done: (told: boolean) => void } | null = null;

  private endNarration(told: boolean) {
    const n = this.narrating;
    this.narrating = null;
    n?.done(told);
  }

}
