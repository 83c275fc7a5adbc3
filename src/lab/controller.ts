// The run loop and the lab's public API. Many iterations per animation frame with no readback; one `frame()`
// read per animation frame; metrics (`measure()`) a few times a second. A lesson drives a lab only through this
// class: loadConfig, setConfig, loadSnapshot, play, pause, step, setLayers, highlight, and events.
//
// The controller holds no DOM of its own: views subscribe to its events. Its dependencies (how to make a trainer,
// how to switch backends, the clock) are injected, so it runs in Node tests with a fake trainer.
import { applyPatch, ConfigError, formatIssue, parseConfig, validateConfig, type ChangeEffect, type GanConfig, type PartialConfig } from './model/config';
import type { Divergence, Metrics, TrainerFrame, TrainerSnapshot } from './model/types';
import type { LayerVisibility } from './view/layered-canvas';
import type { Highlight } from './view/model-graph';
import { slowMotionPlan, type SubStep } from './view/slow-motion';

export type BackendName = 'cpu' | 'wasm' | 'webgl';
export type LabStatus = 'playing' | 'paused' | 'diverged';
export type StepKind = 'd' | 'g' | 'both';

type MaybePromise<T> = T | Promise<T>;

/** Below this many ms since the last tick began, the play loop waits for the next animation frame. */
const MIN_TICK_MS = 14;

/**
 * What the controller needs from a trainer: src/lab/model/trainer.ts's Trainer in the page, or
 * src/lab/remote/remote-trainer.ts's proxy to one in a worker, whose calls resolve later. The controller awaits
 * every call, in its one queue, so the fields are current whenever it reads them.
 */
export interface TrainerLike {
  config: GanConfig;
  iteration: number;
  status: 'ok' | 'diverged';
  divergence?: Divergence;
  history: Metrics[];
  stepD(): MaybePromise<void>;
  stepG(): MaybePromise<void>;
  iterate(n?: number): MaybePromise<void>;
  setConfig(patch: PartialConfig): MaybePromise<ChangeEffect[]>;
  frame(opts?: { keepState?: boolean }): Promise<TrainerFrame | null>;
  /** The weights read with the last frame({ keepState: true }), as plain numbers. */
  lastFrameState?(): TrainerSnapshot | null;
  measure(): Promise<Metrics | null>;
  snapshot(): Promise<TrainerSnapshot>;
  restore(s: TrainerSnapshot): MaybePromise<void>;
  restoreLastGood(): MaybePromise<boolean>;
  dispose(): void;
}

export interface BackendInfo {
  backend: BackendName;
  renderer: string | null;
  reason: string;
}

export interface ControllerDeps {
  createTrainer(config: GanConfig): TrainerLike;
  /** Switches the tfjs backend (existing trainers must be rebuilt afterwards). */
  switchBackend?(name: BackendName | 'auto'): Promise<BackendInfo>;
  requestFrame?(cb: () => void): unknown;
  now?(): number;
  setTimer?(cb: () => void, ms: number): unknown;
  clearTimer?(id: unknown): void;
}

export interface ControllerOptions {
  config?: GanConfig | PartialConfig;
  /** Iterations per animation frame. */
  speed?: number;
  /** Milliseconds between metric measurements while playing. */
  measureEveryMs?: number;
  /** Milliseconds per slow-motion sub-step. */
  slowStepMs?: number;
  backend?: BackendInfo;
}

/** The state views show; also mirrored onto the lab root's data-* attributes. */
export interface LabState {
  status: LabStatus;
  /** The reader (or lesson) wants it to play; it may still be held by visibility. */
  playing: boolean;
  iteration: number;
  /** D and G updates taken since this run (or snapshot) began. */
  dSteps: number;
  gSteps: number;
  speed: number;
  slowMotion: boolean;
  slowStep: number | null;
  config: GanConfig;
  backend?: BackendInfo;
  divergence?: Divergence;
  /** Held back because the lab is off screen or the tab is hidden. */
  held: boolean;
}

export interface LabEvents {
  state: LabState;
  frame: TrainerFrame;
  metrics: Metrics[];
  config: { config: GanConfig; effects: ChangeEffect[] };
  diverged: Divergence;
  notice: { text: string; kind: 'info' | 'error' };
  layers: Partial<LayerVisibility>;
  highlight: Highlight | readonly Highlight[] | null;
  slowmotion: { index: number | null; step?: SubStep; plan: SubStep[] };
  backend: BackendInfo;
}

/** The file a save writes and a load reads. */
export interface SaveFile {
  format: 'gan-lab';
  version: 1;
  savedAt: string;
  snapshot: TrainerSnapshot;
}

export class LabController {
  private trainer!: TrainerLike;
  private listeners = new Map<keyof LabEvents, Set<(v: never) => void>>();
  private wantPlay = false;
  private visible = true;
  private pageVisible = true;
  private loopScheduled = false;
  private chain: Promise<unknown> = Promise.resolve();
  private lastMeasure = -Infinity;
  private dCount = 0;
  private gCount = 0;
  private slowIndex: number | null = null;
  private slowPlan: SubStep[] = [];
  private slowTimer: unknown = null;
  private backendInfo?: BackendInfo;
  private lastFrame?: TrainerFrame;
  private lastEmitted = '';
  private disposed = false;
  private failures = 0;
  /** A play-loop tick is training or reading: until it ends the lab still reports 'playing'. */
  private ticking = false;
  /** Iterations posted to a worker trainer and not yet counted (see `tick`). */
  private ahead: { done: Promise<void>; n: number } | null = null;
  private tickStarted = -Infinity;
  speed: number;
  readonly measureEveryMs: number;
  slowStepMs: number;

  constructor(private deps: ControllerDeps, opts: ControllerOptions = {}) {
    this.speed = opts.speed ?? 10;
    this.measureEveryMs = opts.measureEveryMs ?? 400;
    this.slowStepMs = opts.slowStepMs ?? 1600;
    this.backendInfo = opts.backend;
    this.trainer = deps.createTrainer(parseConfig(opts.config ?? {}));
    if (typeof document !== 'undefined' && typeof document.addEventListener === 'function') {
      this.pageVisible = document.visibilityState !== 'hidden';
      document.addEventListener('visibilitychange', this.onVisibility);
    }
  }

  // ---- events ----------------------------------------------------------------------------------

  on<K extends keyof LabEvents>(type: K, fn: (v: LabEvents[K]) => void): () => void {
    let set = this.listeners.get(type);
    if (!set) this.listeners.set(type, (set = new Set()));
    set.add(fn as (v: never) => void);
    return () => set!.delete(fn as (v: never) => void);
  }

  private emit<K extends keyof LabEvents>(type: K, value: LabEvents[K]) {
    for (const fn of this.listeners.get(type) ?? []) {
      try {
        (fn as (v: LabEvents[K]) => void)(value);
      } catch (err) {
        console.warn(`lab: a "${type}" listener failed`, err);
      }
    }
  }

  // ---- state -----------------------------------------------------------------------------------

  get config(): GanConfig {
    return this.trainer.config;
  }

  get iteration(): number {
    return this.trainer.iteration;
  }

  get history(): readonly Metrics[] {
    return this.trainer.history;
  }

  get frameData(): TrainerFrame | undefined {
    return this.lastFrame;
  }

  get status(): LabStatus {
    if (this.trainer.status === 'diverged') return 'diverged';
    // After pause() the tick in flight still finishes (with a trainer in a worker it may take a few ms more):
    // 'paused' is reported once the iteration count is final.
    return this.running || this.ticking || this.ahead !== null || (this.slowIndex !== null && this.wantPlay) ? 'playing' : 'paused';
  }

  private get running(): boolean {
    return this.wantPlay && this.visible && this.pageVisible && this.trainer.status === 'ok' && this.slowIndex === null && !this.disposed;
  }

  get state(): LabState {
    return {
      status: this.status,
      playing: this.wantPlay,
      iteration: this.trainer.iteration,
      dSteps: this.dCount,
      gSteps: this.gCount,
      speed: this.speed,
      slowMotion: this.slowIndex !== null,
      slowStep: this.slowIndex,
      config: this.trainer.config,
      backend: this.backendInfo,
      divergence: this.trainer.divergence,
      held: this.wantPlay && !(this.visible && this.pageVisible),
    };
  }

  private emitState(force = false) {
    const s = this.state;
    const key = `${s.status}|${s.playing}|${s.iteration}|${s.dSteps}|${s.gSteps}|${s.speed}|${s.slowStep}|${s.held}|${s.backend?.backend}`;
    if (!force && key === this.lastEmitted) return;
    this.lastEmitted = key;
    this.emit('state', s);
  }

  /**
   * Runs `fn` after every queued operation, so reads, steps and rebuilds never interleave. Iterations posted ahead
   * to a worker (see `tick`) are waited for and counted first, so `fn` sees the run's true state.
   */
  private exclusive<T>(fn: () => Promise<T> | T): Promise<T> {
    return this.queue(async () => {
      await this.settleAhead();
      return fn();
    });
  }

  private queue<T>(fn: () => Promise<T> | T): Promise<T> {
    const run = this.chain.then(fn, fn);
    this.chain = run.catch(() => undefined);
    return run;
  }

  // ---- the loop --------------------------------------------------------------------------------

  private schedule() {
    if (this.loopScheduled || !this.running) return;
    this.loopScheduled = true;
    const raf = this.deps.requestFrame ?? ((cb: () => void) => (typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => cb()) : setTimeout(cb, 16)));
    const go = () => {
      this.loopScheduled = false;
      if (!this.running) return;
      this.tickStarted = this.now();
      void this.queue(() => this.tick()).finally(() => this.schedule());
    };
    // A worker is already training the next chunk: start the next tick now (it waits for that chunk without
    // blocking the page), so each chunk is shown when it lands rather than at the animation frame after it, which
    // rounded every view interval up to a whole number of display frames. Animation frames still pace in-page
    // trainers, and a worker whose chunks land faster than a display frame.
    if (this.ahead && this.now() - this.tickStarted >= MIN_TICK_MS) void Promise.resolve().then(go);
    else raf(go);
  }

  /**
   * One play-loop step: `speed` iterations, then one frame read (and metrics when due).
   *
   * With a trainer in a worker (its iterate() returns a promise), the next chunk of iterations is posted right after
   * the frame request, so the worker trains while the page draws and waits for the next animation frame; the next
   * tick then only waits for that chunk. The frame request is posted first, so the frame shows the state before it.
   */
  private async tick() {
    this.ticking = true;
    try {
      let remote = await this.settleAhead();
      if (!remote) {
        if (!this.running) return;
        const r = this.trainer.iterate(this.speed);
        remote = isPromise(r);
        await r;
        this.count(this.speed);
      }
      if (!this.running) {
        await this.refresh(false);
        return;
      }
      await this.refresh(false, remote ? () => this.running && !this.disposed && this.postAhead() : undefined);
      this.failures = 0;
    } catch (err) {
      await this.onLoopError(err);
    } finally {
      this.ticking = false;
      this.emitState(); // 'paused' once the tick's iterations are counted
    }
  }

  /** Posts `speed` iterations to a worker trainer without waiting for them. */
  private postAhead() {
    const n = this.speed;
    this.ahead = { done: Promise.resolve(this.trainer.iterate(n)), n };
  }

  /** Waits for and counts iterations posted ahead; true if there were any. */
  private async settleAhead(): Promise<boolean> {
    const a = this.ahead;
    if (!a) return false;
    this.ahead = null;
    await a.done;
    this.count(a.n);
    return true;
  }

  private count(iterations: number) {
    this.dCount += iterations * this.trainer.config.dSteps;
    this.gCount += iterations * this.trainer.config.gSteps;
  }

  private now(): number {
    return this.deps.now?.() ?? (typeof performance !== 'undefined' ? performance.now() : Date.now());
  }

  /**
   * One frame read (and a measurement when one is due); emits frame, metrics, state, diverged. With `postAhead`
   * (a trainer in a worker), the measurement is requested right behind the frame and before the chunk posted ahead,
   * so the worker answers both before training on and the page never waits a whole chunk for its metrics.
   */
  private async refresh(measureNow: boolean, postAhead?: () => void) {
    // On WebGL the frame's one read also brings the weights back, so a lost context loses at most one frame.
    const pending = this.trainer.frame({ keepState: this.backendInfo?.backend === 'webgl' });
    const due = () => this.trainer.status === 'ok' && (measureNow || this.now() - this.lastMeasure >= this.measureEveryMs);
    let measuring: Promise<Metrics | null> | null = null;
    if (postAhead) {
      if (due()) {
        this.lastMeasure = this.now();
        measuring = this.trainer.measure();
      }
      postAhead();
    }
    const f = await pending;
    if (f) {
      this.lastFrame = f;
      this.emit('frame', f);
    }
    if (!postAhead && due()) {
      this.lastMeasure = this.now();
      measuring = this.trainer.measure();
    }
    if (measuring && (await measuring)) this.emit('metrics', this.trainer.history);
    if (this.trainer.status === 'diverged') {
      this.wantPlay = false;
      this.stopSlowMotion(false);
      this.emit('diverged', this.trainer.divergence!);
    }
    this.emitState();
  }

  private async onLoopError(err: unknown) {
    this.failures += 1;
    console.warn('lab: training step failed', err);
    if (this.backendInfo?.backend === 'webgl' && this.deps.switchBackend && this.failures <= 2) {
      await this.continueOnWasm();
      return;
    }
    this.wantPlay = false;
    this.notice(`Training stopped: ${err instanceof Error ? err.message : String(err)}`, 'error');
    this.emitState();
  }

  /** The WebGL context is gone (GPU reset, too many contexts): carry on with WASM from the last frame's weights. */
  handleContextLost(): Promise<void> {
    // A read from the lost context may never settle, so do not wait behind it: start a fresh queue.
    const run = this.continueOnWasm();
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async continueOnWasm() {
    const snap = this.trainer.lastFrameState?.() ?? null;
    const wasPlaying = this.wantPlay;
    const info = await this.deps.switchBackend!('wasm');
    const t = this.deps.createTrainer(snap ? snap.config : this.trainer.config);
    if (snap) await t.restore(snap);
    this.replaceTrainer(t);
    this.setBackendInfo(info); // after the run is restored, so the page never shows the new backend at iteration 0
    this.notice(
      snap
        ? `The GPU (WebGL) context was lost; switched to ${info.backend.toUpperCase()} and continued from the last frame's weights (iteration ${t.iteration}).`
        : `The GPU (WebGL) context was lost before any weights were read; switched to ${info.backend.toUpperCase()} and restarted.`,
      'error',
    );
    await this.refresh(true);
    if (wasPlaying) this.schedule();
  }

  private onVisibility = () => {
    this.pageVisible = document.visibilityState !== 'hidden';
    this.emitState();
    this.settleIfStopped();
    this.schedule();
  };

  /** The lab element calls this from an IntersectionObserver: training pauses while off screen. */
  setVisible(visible: boolean) {
    if (visible === this.visible) return;
    this.visible = visible;
    this.emitState();
    this.settleIfStopped();
    this.schedule();
  }

  // ---- public API ------------------------------------------------------------------------------

  play() {
    if (this.trainer.status === 'diverged' || this.disposed) return;
    this.wantPlay = true;
    if (this.slowIndex !== null) this.scheduleSlow();
    this.emitState();
    this.schedule();
  }

  pause() {
    this.wantPlay = false;
    this.clearSlowTimer();
    this.emitState();
    this.settleIfStopped();
  }

  /** Iterations already posted to a worker still land when the loop stops: show them, then report 'paused'. */
  private settleIfStopped() {
    if (this.ahead && !this.running) void this.exclusive(() => this.refresh(false)).finally(() => this.emitState());
  }

  toggle() {
    if (this.wantPlay) this.pause();
    else this.play();
  }

  /** Pauses, then takes one D update, one G update, or one whole iteration (dSteps D + gSteps G). */
  step(which: StepKind = 'both'): Promise<void> {
    this.pause();
    return this.exclusive(async () => {
      if (this.trainer.status !== 'ok') return;
      if (which === 'd') {
        await this.trainer.stepD();
        this.dCount += 1;
      } else if (which === 'g') {
        await this.trainer.stepG();
        this.gCount += 1;
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

  /** Changes settings live; says what each change cost. Throws ConfigError (changing nothing) if invalid. */
  setConfig(patch: PartialConfig): Promise<ChangeEffect[]> {
    const r = applyPatch(this.trainer.config, patch);
    if (!r.ok) return Promise.reject(new ConfigError(r.issues));
    return this.exclusive(async () => {
      const effects = await this.trainer.setConfig(patch);
      if (effects.includes('restart')) {
        this.dCount = this.gCount = 0;
        this.emit('metrics', this.trainer.history);
      }
      if (this.slowIndex !== null) this.slowPlan = slowMotionPlan(this.trainer.config);
      this.emit('config', { config: this.trainer.config, effects });
      await this.refresh(true);
      return effects;
    });
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
    return { format: 'gan-lab', version: 1, savedAt: new Date().toISOString(), snapshot: await this.snapshot() };
  }

  /** Loads a save file's text (or a bare snapshot). Rejects with a message a person can act on. */
  async loadSaveText(text: string): Promise<void> {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw new Error('the file is not JSON');
    }
    const snap = (data && typeof data === 'object' && 'snapshot' in data ? (data as SaveFile).snapshot : data) as TrainerSnapshot;
    if (!snap || typeof snap !== 'object' || snap.version !== 1 || !snap.config) throw new Error('the file is not a saved lab (expected {"format": "gan-lab", "snapshot": {...}})');
    try {
      await this.loadSnapshot(snap);
    } catch (err) {
      throw new Error(err instanceof ConfigError ? err.issues.map(formatIssue).join('; ') : err instanceof Error ? err.message : String(err));
    }
  }

  /** After divergence: back to the last finite state. */
  restoreLastGood(): Promise<boolean> {
    return this.exclusive(async () => {
      const ok = await this.trainer.restoreLastGood();
      if (!ok) this.replaceTrainer(this.deps.createTrainer(this.trainer.config));
      this.notice(ok ? `Restored the last good state (iteration ${this.trainer.iteration}). Change the setting that caused it before playing again.` : 'No good state was kept; started over.', 'info');
      await this.refresh(true);
      return ok;
    });
  }

  setLayers(layers: Partial<LayerVisibility>) {
    this.emit('layers', layers);
  }

  highlight(part: Highlight | readonly Highlight[] | null) {
    this.emit('highlight', part);
  }

  notice(text: string, kind: 'info' | 'error' = 'info') {
    this.emit('notice', { text, kind });
  }

  /** Switches the tfjs backend, carrying the run over through a snapshot. */
  setBackend(name: BackendName | 'auto'): Promise<BackendInfo | undefined> {
    const sw = this.deps.switchBackend;
    if (!sw) return Promise.resolve(undefined);
    const wasPlaying = this.wantPlay;
    this.pause();
    return this.exclusive(async () => {
      const snap = this.trainer.status === 'ok' ? await this.trainer.snapshot() : undefined;
      const config = this.trainer.config;
      this.trainer.dispose();
      const info = await sw(name);
      const t = this.deps.createTrainer(config);
      if (snap) await t.restore(snap);
      this.trainer = t;
      this.setBackendInfo(info);
      await this.refresh(true);
      if (wasPlaying) this.play();
      return info;
    });
  }

  setBackendInfo(info: BackendInfo) {
    this.backendInfo = info;
    this.emit('backend', info);
    this.emitState(true);
  }

  private replaceTrainer(t: TrainerLike) {
    if (t !== this.trainer) this.trainer.dispose();
    this.trainer = t;
    this.dCount = this.gCount = 0;
    this.lastMeasure = -Infinity;
    this.emit('metrics', t.history);
  }

  // ---- slow motion -----------------------------------------------------------------------------

  get slowMotion(): boolean {
    return this.slowIndex !== null;
  }

  /** Narrates one iteration sub-step by sub-step (auto-advancing while playing; `nextSubStep()` by hand). */
  startSlowMotion() {
    if (this.trainer.status !== 'ok') return;
    this.slowPlan = slowMotionPlan(this.trainer.config);
    this.slowIndex = 0;
    this.showSlow();
    this.scheduleSlow();
  }

  stopSlowMotion(emit = true) {
    if (this.slowIndex === null) return;
    this.clearSlowTimer();
    this.slowIndex = null;
    this.emit('slowmotion', { index: null, plan: this.slowPlan });
    this.emit('highlight', null);
    if (emit) this.emitState();
    this.schedule();
  }

  toggleSlowMotion() {
    if (this.slowIndex === null) this.startSlowMotion();
    else this.stopSlowMotion();
  }

  private showSlow() {
    const step = this.slowPlan[this.slowIndex!];
    this.emit('slowmotion', { index: this.slowIndex, step, plan: this.slowPlan });
    this.emit('highlight', step.highlight);
    this.emitState();
  }

  private clearSlowTimer() {
    if (this.slowTimer !== null) (this.deps.clearTimer ?? clearTimeout)(this.slowTimer as ReturnType<typeof setTimeout>);
    this.slowTimer = null;
  }

  private scheduleSlow() {
    this.clearSlowTimer();
    if (this.slowIndex === null || !this.wantPlay) return;
    this.slowTimer = (this.deps.setTimer ?? setTimeout)(() => {
      this.slowTimer = null;
      void this.nextSubStep();
    }, this.slowStepMs);
  }

  /** Performs the current sub-step's action (if any) and moves to the next; after the last, starts the next iteration. */
  nextSubStep(): Promise<void> {
    return this.exclusive(async () => {
      if (this.slowIndex === null) return;
      const step = this.slowPlan[this.slowIndex];
      const c = this.trainer.config;
      if (step.action === 'stepD') {
        for (let k = 0; k < c.dSteps; k++) await this.trainer.stepD();
        this.dCount += c.dSteps;
        await this.refresh(true);
      } else if (step.action === 'stepG') {
        for (let k = 0; k < c.gSteps; k++) await this.trainer.stepG();
        this.gCount += c.gSteps;
        this.trainer.iteration += 1; // D's and G's turns together make one iteration
        await this.refresh(true);
      }
      if (this.slowIndex === null) return; // diverged during the refresh
      this.slowIndex = (this.slowIndex + 1) % this.slowPlan.length;
      if (this.slowIndex === 0) this.slowPlan = slowMotionPlan(this.trainer.config);
      this.showSlow();
      this.scheduleSlow();
    });
  }

  dispose() {
    this.disposed = true;
    this.wantPlay = false;
    this.clearSlowTimer();
    if (typeof document !== 'undefined' && typeof document.removeEventListener === 'function') document.removeEventListener('visibilitychange', this.onVisibility);
    void this.chain.then(() => this.trainer.dispose());
    this.listeners.clear();
  }
}

function isPromise(v: unknown): v is Promise<unknown> {
  return !!v && typeof (v as Promise<unknown>).then === 'function';
}
