// The run behind a lab (controller.ts builds the public API on it): the trainer and the one queue every call to it
// goes through (run-queue.ts), the play loop (play-loop.ts), frame and metric reads, the state views show,
// visibility, and carrying on after a lost WebGL context. It holds no DOM: views subscribe to its events. Its
// dependencies (how to make a trainer, how to switch backends, the clock) are injected, so it runs in Node tests
// with a fake trainer.
import { buildOnBackend } from './backend-switch';
import { costKey } from './chunk-sizer';
import { Emitter } from './emitter';
import { t as i18n } from './i18n';
import { errorText } from './i18n/error-text';
import type { ControllerDeps, ControllerOptions, LabEvents, LabState, LabStatus } from './lab-api';
import { parseConfig, type GanConfig } from './model/config';
import type { Metrics, TrainerFrame, TrainerSnapshot } from './model/types';
import { PlayLoop, type LoopClock, type MarkedFrame, type PlayHost } from './play-loop';
import { ReadCadence } from './read-cadence';
import { RunQueue } from './run-queue';
import { SlowMotion } from './slow-motion';
import type { BackendInfo, TrainerLike } from './trainer-like';

/** One iteration slower than this is worth a word. */
const SLOW_ITERATION_MS = 250;
const slowText = (ms: number) =>
  i18n('lab.slow', { time: ms >= 1000 ? i18n('lab.seconds', { n: (ms / 1000).toFixed(1) }) : i18n('lab.milliseconds', { n: String(Math.round(ms)) }) });

/** A failure in words for the reader, in the page's locale (src/lab/i18n/error-text.ts). */
export const errText = (err: unknown) => errorText(err);

/** Animation frames from the deps (tests crank them by hand), else the browser's, else a 16 ms timer (Node). */
function animationFrames(deps: ControllerDeps): Omit<LoopClock, 'now'> {
  if (deps.requestFrame) return { requestFrame: deps.requestFrame, cancelFrame: deps.cancelFrame ?? (() => undefined) };
  if (typeof requestAnimationFrame === 'function') return { requestFrame: (cb) => requestAnimationFrame(() => cb()), cancelFrame: (id) => cancelAnimationFrame(id as number) };
  return { requestFrame: (cb) => setTimeout(cb, 16), cancelFrame: (id) => clearTimeout(id as ReturnType<typeof setTimeout>) };
}

export abstract class LabRun {
  protected trainer: TrainerLike;
  protected events = new Emitter<LabEvents>();
  protected queue = new RunQueue();
  protected loop: PlayLoop;
  protected slow: SlowMotion;
  protected wantPlay = false;
  protected visible = true;
  protected pageVisible = true;
  protected dCount = 0;
  protected gCount = 0;
  /** LabState.run: bumped by every trainer replaced, restored or restarted. */
  protected run = 0;
  protected backendInfo?: BackendInfo;
  protected lastFrame?: TrainerFrame;
  /** Whether frames bring D* (its layer shows; hidden at first, as DEFAULT_LAYERS has it): FrameOptions.optimal. */
  protected optimalShown = false;
  /** The frame on screen was read with a mark (a heavy config in a worker): whose, which, and the counts with it. */
  private shown: (MarkedFrame & { of: TrainerLike; token: number }) | null = null;
  protected lastEmitted = '';
  protected disposed = false;
  /** The snapshot the current trainer was restored from, until a frame brings newer weights: a lost context resumes from it. */
  protected carried: TrainerSnapshot | null = null;
  /** Operations queued through exclusive() so far (play-loop ticks not counted): tells an edit whether it is last in line. */
  protected ops = 0;
  private saidSlowFor = '';
  /** The run is a pure function of its config: whole iterations only since it started, so a link can replay it. */
  protected pure = true;
  speed: number;
  /** When frames and metrics are read while playing, from what they cost (read-cadence.ts). */
  protected reads: ReadCadence;

  constructor(
    protected deps: ControllerDeps,
    opts: ControllerOptions = {},
  ) {
    this.speed = opts.speed ?? 10;
    this.reads = new ReadCadence(opts.measureEveryMs ?? 400);
    this.backendInfo = opts.backend;
    this.trainer = deps.createTrainer(parseConfig(opts.config ?? {}));
    this.slow = new SlowMotion({ set: deps.setTimer ?? ((cb, ms) => setTimeout(cb, ms)), clear: deps.clearTimer ?? ((id) => clearTimeout(id as ReturnType<typeof setTimeout>)) }, opts.slowStepMs ?? 1600);
    this.loop = new PlayLoop(this.loopHost(), this.queue, { ...animationFrames(deps), now: () => this.now() }, opts.chunkMs);
    if (typeof document !== 'undefined' && typeof document.addEventListener === 'function') {
      this.pageVisible = document.visibilityState !== 'hidden';
      document.addEventListener('visibilitychange', this.onVisibility);
    }
  }

  protected loopHost(): PlayHost {
    const self = this;
    return {
      get trainer() {
        return self.trainer;
      },
      get speed() {
        return self.speed;
      },
      running: () => self.running,
      refresh: (postAhead, stopping, framed) => self.refresh(stopping ? 'if-cheap' : false, postAhead, framed),
      readsDue: () => self.reads.readsDue(self.now()),
      waiting: () => self.queue.waiting > 0,
      onScreen: () => {
        const s = self.shown;
        return s && s.of === self.trainer && s.token === self.trainer.markToken ? s : null;
      },
      rewound: (to) => {
        self.dCount = to.d;
        self.gCount = to.g;
      },
      count: (n) => self.count(n),
      countSteps: (d, g) => {
        self.dCount += d;
        self.gCount += g;
      },
      measured: (ms) => self.sayIfSlow(ms),
      onError: (err, failures) => self.onLoopError(err, failures),
      tickEnded: () => self.emitState(), // 'paused' once the tick's iterations are counted
    };
  }

  on<K extends keyof LabEvents>(type: K, fn: (v: LabEvents[K]) => void): () => void {
    return this.events.on(type, fn);
  }

  protected emit<K extends keyof LabEvents>(type: K, value: LabEvents[K]) {
    this.events.emit(type, value);
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

  /** Whether replaying the config to this iteration (on this backend) rebuilds exactly this state. */
  get replayable(): boolean {
    return this.pure && this.trainer.status === 'ok';
  }

  get frameData(): TrainerFrame | undefined {
    return this.lastFrame;
  }

  get status(): LabStatus {
    if (this.trainer.status === 'diverged') return 'diverged';
    // After pause() the tick in flight still finishes (with a trainer in a worker it may take a few ms more):
    // 'paused' is reported once the iteration count is final.
    return this.running || this.loop.busy || (this.slow.active && this.wantPlay) ? 'playing' : 'paused';
  }

  protected get running(): boolean {
    return this.wantPlay && this.visible && this.pageVisible && this.trainer.status === 'ok' && !this.slow.active && !this.disposed;
  }

  get state(): LabState {
    return {
      status: this.status,
      playing: this.wantPlay,
      iteration: this.trainer.iteration,
      run: this.run,
      dSteps: this.dCount,
      gSteps: this.gCount,
      speed: this.speed,
      slowMotion: this.slow.active,
      slowStep: this.slow.position,
      config: this.trainer.config,
      backend: this.backendInfo,
      divergence: this.trainer.divergence,
      held: this.wantPlay && !(this.visible && this.pageVisible),
    };
  }

  protected emitState(force = false) {
    const s = this.state;
    const key = `${s.status}|${s.playing}|${s.run}|${s.iteration}|${s.dSteps}|${s.gSteps}|${s.speed}|${s.slowStep}|${s.held}|${s.backend?.backend}`;
    if (!force && key === this.lastEmitted) return;
    this.lastEmitted = key;
    this.emit('state', s);
  }

  /** Runs `fn` after every queued operation, once iterations posted ahead to a worker have landed and been counted. */
  protected exclusive<T>(fn: () => Promise<T> | T): Promise<T> {
    this.ops++;
    return this.queue.run(async () => {
      await this.loop.settleAhead();
      return fn();
    });
  }

  protected count(iterations: number) {
    this.dCount += iterations * this.trainer.config.dSteps;
    this.gCount += iterations * this.trainer.config.gSteps;
  }

  protected now(): number {
    return this.deps.now?.() ?? (typeof performance !== 'undefined' ? performance.now() : Date.now());
  }

  /**
   * One frame read (and a measurement when one is due); emits frame, metrics, state, diverged. With `postAhead`
   * (a trainer in a worker), the measurement is requested right behind the frame and before the chunk posted ahead,
   * so the worker answers both before training on and the page never waits a whole chunk for its metrics.
   */
  protected async refresh(measureNow: boolean | 'if-cheap', postAhead?: () => void, framed?: () => void) {
    // On WebGL the frame's one read also brings the weights back, so a lost context loses at most one frame.
    const t0 = this.now();
    // Marked (the trainer keeps this state on its device) only where a Pause could rewind to it: play-loop.ts.
    const mark = this.loop.marking;
    const keepState = this.backendInfo?.backend === 'webgl', optimal = this.optimalShown;
    const pending = this.trainer.frame(mark ? { keepState, mark, optimal } : { keepState, optimal });
    const { reads } = this;
    const due = () => this.trainer.status === 'ok' && (measureNow === true || (reads.measureDue(this.now()) && (measureNow === false || reads.measureCheap)));
    // What a read cost: a worker says (its own time, not the queue's); in the page, the time it held us.
    const cost = (from: number) => this.trainer.lastWorkMs ?? this.now() - from;
    const measure = async () => {
      const at = this.now();
      const m = await this.trainer.measure();
      reads.measured(at, cost(at));
      return m;
    };
    let measuring: Promise<Metrics | null> | null = null;
    if (postAhead) {
      if (due()) measuring = measure();
      postAhead();
    }
    const f = await pending;
    reads.framed(this.now(), cost(t0));
    if (f) {
      this.lastFrame = f;
      const token = mark ? this.trainer.markToken : null;
      this.shown = token != null ? { of: this.trainer, token, d: this.dCount, g: this.gCount, partial: this.loop.position } : null;
      this.emit('frame', f);
    }
    framed?.();
    if (!postAhead && due()) measuring = measure();
    if (measuring && (await measuring)) this.emit('metrics', this.trainer.history);
    if (this.trainer.status === 'diverged') {
      this.wantPlay = false;
      this.stopSlowMotion(false);
      this.emit('diverged', this.trainer.divergence!);
    }
    this.emitState();
  }

  protected async onLoopError(err: unknown, failures: number) {
    console.warn('lab: training step failed', err);
    if (this.backendInfo?.backend === 'webgl' && this.deps.switchBackend && failures <= 2) {
      await this.continueOnWasm();
      return;
    }
    this.wantPlay = false;
    this.notice(i18n('run.stopped', { error: errText(err) }), 'error');
    this.emitState();
  }

  /** Says once per config when one iteration takes long, so a slow config is not mistaken for a stuck lab. */
  protected sayIfSlow(msPerIteration: number) {
    if (msPerIteration < SLOW_ITERATION_MS) return;
    const key = costKey(this.trainer.config);
    if (key === this.saidSlowFor) return;
    this.saidSlowFor = key;
    this.notice(slowText(msPerIteration), 'info');
  }

  /** The WebGL context is gone (GPU reset, too many contexts): carry on with WASM from the last frame's weights. */
  handleContextLost(): Promise<void> {
    // A read from the lost context may never settle, so do not wait behind it.
    return this.queue.restart(() => this.continueOnWasm());
  }

  protected async continueOnWasm() {
    // The last frame's weights, else the state this trainer was restored from (a switch, a load): never a wiped run.
    const snap = this.trainer.lastFrameState?.() ?? this.carried;
    const wasPlaying = this.wantPlay;
    let moved: Awaited<ReturnType<typeof buildOnBackend>>;
    try {
      moved = await buildOnBackend({ start: () => this.deps.switchBackend!('wasm'), create: (c) => this.deps.createTrainer(c) }, this.trainer.config, snap);
    } catch (err) {
      this.deps.settleBackend?.('revert');
      throw err;
    }
    const { trainer: t, info } = moved;
    this.replaceTrainer(t);
    this.carried = snap;
    this.pure = false; // part of the run was trained on another backend
    this.deps.settleBackend?.('commit');
    this.setBackendInfo(info); // after the run is restored, so the page never shows the new backend at iteration 0
    this.notice(
      snap
        ? i18n('backend.contextLost', { backend: info.backend.toUpperCase(), iteration: t.iteration })
        : i18n('backend.contextLostEarly', { backend: info.backend.toUpperCase() }),
      'error',
    );
    await this.refresh(true);
    if (wasPlaying) this.loop.schedule();
  }

  protected onVisibility = () => {
    this.pageVisible = document.visibilityState !== 'hidden';
    this.emitState();
    this.settleIfStopped();
    this.loop.schedule();
  };

  /** The lab element calls this from an IntersectionObserver: training pauses while off screen. */
  setVisible(visible: boolean) {
    if (visible === this.visible) return;
    this.visible = visible;
    this.emitState();
    this.settleIfStopped();
    this.loop.schedule();
  }

  setBackendInfo(info: BackendInfo) {
    this.backendInfo = info;
    this.emit('backend', info);
    this.emitState(true);
  }

  protected replaceTrainer(t: TrainerLike) {
    if (t !== this.trainer) this.trainer.dispose();
    this.trainer = t;
    this.run += 1;
    this.carried = null;
    this.pure = true;
    this.dCount = this.gCount = 0;
    this.reads.forget();
    this.emit('metrics', t.history);
  }

  notice(text: string, kind: 'info' | 'error' = 'info') {
    this.emit('notice', { text, kind });
  }

  /**
   * Stops everything and releases every listener and the trainer; the promise settles once the trainer is disposed
   * (after the work in flight, which is never cancelled halfway).
   */
  dispose(): Promise<void> {
    if (this.disposed) return this.queue.idle();
    this.disposed = true;
    this.wantPlay = false;
    this.slow.stop();
    this.loop.stop();
    if (typeof document !== 'undefined' && typeof document.removeEventListener === 'function') document.removeEventListener('visibilitychange', this.onVisibility);
    this.events.clear();
    return this.queue.run(() => this.trainer.dispose());
  }

  /** Iterations already posted to a worker still land when the loop stops: show them, then report 'paused'. */
  protected settleIfStopped() {
    if (!this.running) this.loop.interrupt(); // a single update in a worker: back to the frame shown (play-loop.ts)
    if (this.loop.hasAhead && !this.running) void this.exclusive(() => this.refresh(false)).finally(() => this.emitState());
  }

  /** Ends slow motion (a diverged run cannot go on narrating). */
  abstract stopSlowMotion(emit?: boolean): void;
}
