// The pipelined play loop: each tick trains one chunk, then reads one frame (and metrics when due). A chunk is up to
// `speed` iterations, sized by the measured time of the chunks before (chunk-sizer.ts) so that Pause and edits, which
// wait for the chunk in flight, act within a frame or two whatever the config; when one iteration alone is over that
// budget, the chunk is single D and G updates, and the loop remembers where in the iteration it is.
//
// With a trainer in a worker (its iterate() returns a promise), each tick posts the next chunk of iterations right
// behind its frame request, so the worker trains while the page draws; the next tick then only waits for that
// chunk, and starts as soon as it lands rather than at the next animation frame (animation frames still pace
// in-page trainers, and a worker whose chunks land faster than a display frame). Any other operation first waits
// for the chunk in flight and counts it (`settleAhead`), so it sees the run's true state.
//
// A tick also ends early for the controls (issue 13): once the lab stops running (Pause, off screen) it reads a
// frame and measures only when measuring is cheap. With single-update chunks (a heavy config), when other work
// waits in the queue (an edit, a step) it stops after the update in flight and reads nothing (the work waiting,
// or the next tick, draws), and otherwise reads only when reads are due (read-cadence.ts), so that frames and
// metrics never fill a heavy config's time.
//
// A heavy update in a worker cannot be cut short (wasm kernels do not yield), and one can take a quarter of a
// second. So a worker's frames are marked while it trains in single updates (model/trainer/mark.ts), and when the
// lab stops with the frame on screen still marked, the tick neither waits for the update in flight nor reads a new
// frame: it asks the trainer to rewind to that frame (the worker does so once the update ends), puts its place in
// the iteration and the lab's D/G counts back to what they were at that frame, and ends. 'paused' then comes at
// once, and what the page shows stays a function of the run's state: nothing on screen changes afterwards.
import { ChunkSizer, type Chunk } from './chunk-sizer';
import type { RunQueue } from './run-queue';
import { isPromise, type TrainerLike } from './trainer-like';

/** Below this many ms since the last tick began, the play loop waits for the next animation frame. */
const MIN_TICK_MS = 14;

/** What the loop needs from the controller. */
export interface PlayHost {
  readonly trainer: TrainerLike;
  readonly speed: number;
  /** Whether the loop should train now (wanted, visible, healthy, not in slow motion, not disposed). */
  running(): boolean;
  /**
   * One frame read (and metrics when due); `postAhead`, if given, is called right behind the requests. `stopping`:
   * the lab has stopped running (metrics only if they are cheap to measure). `framed` is called once the frame is
   * shown, before a measurement lands.
   */
  refresh(postAhead?: () => void, stopping?: boolean, framed?: () => void): Promise<void>;
  /** Whether a frame (and metrics) should follow a single-update chunk now; always, if absent. */
  readsDue?(): boolean;
  /** Whether other work waits in the queue behind the tick (it then ends after the update in flight). */
  waiting?(): boolean;
  /** The frame on screen, if it carries the trainer's current mark: the counts and the loop's place it was read at. */
  onScreen?(): MarkedFrame | null;
  /** The run went back to the frame on screen: the lab's counts go back with it. */
  rewound?(to: MarkedFrame): void;
  /** Counts iterations that have landed. */
  count(iterations: number): void;
  /** Counts single D and G updates made by the loop (a heavy config's chunks). */
  countSteps(d: number, g: number): void;
  /** One iteration's measured time, ms, after each chunk. */
  measured?(msPerIteration: number): void;
  /** A tick failed; `failures` in a row so far. */
  onError(err: unknown, failures: number): Promise<void>;
  /** A tick ended: its iterations are counted. */
  tickEnded(): void;
}

/** What the lab showed with a marked frame: its D and G counts, and where the loop was in the iteration. */
export interface MarkedFrame {
  d: number;
  g: number;
  partial: { d: number; g: number };
}

export interface LoopClock {
  requestFrame(cb: () => void): unknown;
  cancelFrame(id: unknown): void;
  now(): number;
}

export class PlayLoop {
  private scheduled = false;
  private frameId: unknown = null;
  private ticking = false;
  /** The trainer whose posted-ahead iterations a tick is waiting for. */
  private settling: TrainerLike | null = null;
  /** Iterations posted to a worker trainer (`of`) and not yet counted. */
  private ahead: { done: Promise<void>; n: number; of: TrainerLike } | null = null;
  private tickStarted = -Infinity;
  private failures = 0;
  private stopped = false;
  private sizer: ChunkSizer;
  /** Updates made so far of the iteration in progress (single-update chunks), and whose trainer they were. */
  private partial = { d: 0, g: 0, of: null as TrainerLike | null };
  /** Wakes a tick waiting for a single update in a worker when the lab stops running. */
  private wake: (() => void) | null = null;

  constructor(
    private host: PlayHost,
    private queue: RunQueue,
    private clock: LoopClock,
    chunkMs?: number,
  ) {
    this.sizer = new ChunkSizer(chunkMs);
  }

  /**
   * A tick is training or reading its frame, or iterations posted ahead have not landed: the lab still reports
   * 'playing'. A measurement in flight does not count: once the frame of the final state is shown, Pause has acted.
   */
  get busy(): boolean {
    return this.ticking || (this.settling !== null && this.settling === this.host.trainer) || this.ahead !== null;
  }

  get hasAhead(): boolean {
    return this.ahead !== null;
  }

  /** Where the loop is in the iteration in progress (single updates), for a frame marked now. */
  get position(): { d: number; g: number } {
    return this.partial.of === this.host.trainer ? { d: this.partial.d, g: this.partial.g } : { d: 0, g: 0 };
  }

  /** Whether frames should be marked: a trainer in a worker that this loop trains in single updates (a heavy config). */
  get marking(): boolean {
    const t = this.host.trainer;
    if (!t.remote || !t.rewind) return false;
    this.sizer.follow(t.config);
    return (this.partial.of === t && this.partial.d + this.partial.g > 0) || 'steps' in this.sizer.next(t.config, this.host.speed);
  }

  /** The lab has stopped running (Pause, off screen): a tick waiting for a single update in a worker may rewind. */
  interrupt(): void {
    this.wake?.();
  }

  /** Starts the next tick when the host is running and none is scheduled. */
  schedule(): void {
    if (this.scheduled || this.stopped || !this.host.running()) return;
    this.scheduled = true;
    const go = () => {
      this.scheduled = false;
      this.frameId = null;
      if (this.stopped || !this.host.running()) return;
      this.tickStarted = this.clock.now();
      void this.queue.run(() => this.tick()).finally(() => this.schedule());
    };
    if (this.ahead && this.clock.now() - this.tickStarted >= MIN_TICK_MS) void Promise.resolve().then(go);
    else this.frameId = this.clock.requestFrame(go);
  }

  /** Waits for and counts iterations posted ahead; true if there were any. */
  async settleAhead(): Promise<boolean> {
    const a = this.ahead;
    if (!a) return false;
    this.ahead = null;
    // Posted to a trainer replaced since without waiting for it (a lost WebGL worker's, which never answers): not
    // this run's iterations, and nothing to wait for.
    if (a.of !== this.host.trainer) return false;
    this.settling = a.of; // still busy: 'paused' waits until these iterations are counted
    try {
      await a.done;
    } finally {
      if (this.settling === a.of) this.settling = null;
    }
    this.host.count(a.n);
    this.observe(this.host.trainer.lastWorkMs, a.n * (this.host.trainer.config.dSteps + this.host.trainer.config.gSteps));
    return true;
  }

  private observe(ms: number | undefined, steps: number) {
    if (ms === undefined) return;
    this.sizer.observe(ms, steps);
    const perIt = this.sizer.msPerIteration(this.host.trainer.config);
    if (perIt !== null) this.host.measured?.(perIt);
  }

  /** No more ticks (the lab is disposed); cancels the animation frame asked for. */
  stop(): void {
    this.stopped = true;
    if (this.frameId !== null) this.clock.cancelFrame(this.frameId);
    this.frameId = null;
  }

  private async tick() {
    const host = this.host;
    this.ticking = true;
    const t0 = this.clock.now();
    try {
      let remote = await this.settleAhead();
      let single = false;
      if (!remote) {
        if (!host.running()) return;
        const t = host.trainer;
        this.sizer.follow(t.config);
        const chunk: Chunk = this.sizer.next(t.config, host.speed);
        const left = this.partial.of === t && this.partial.d + this.partial.g > 0 ? Math.max(1, t.config.dSteps + t.config.gSteps - this.partial.d - this.partial.g) : 0;
        if ('steps' in chunk || left > 0) {
          // an iteration begun update by update is finished that way before whole iterations resume
          single = true;
          if ((await this.updates('steps' in chunk ? chunk.steps : left)) === null) return; // rewound
        } else {
          const n = chunk.iterations;
          const r = t.iterate(n);
          remote = isPromise(r);
          // In the page (WebGL) iterate() returns once its work is queued on the GPU: that is what holds the page.
          const queued = this.clock.now() - t0;
          await r;
          host.count(n);
          // A worker says how long the chunk took there.
          this.observe(remote ? t.lastWorkMs : queued, n * (t.config.dSteps + t.config.gSteps));
        }
      }
      // Once this tick's frame is shown, the lab may report 'paused' while a measurement still runs.
      const framed = () => {
        this.ticking = false;
        host.tickEnded();
      };
      if (!host.running()) {
        // Stopped between single updates: back to the frame on screen rather than read one more.
        if (single && this.rewindToScreen()) return;
        await host.refresh(undefined, true, framed);
        return;
      }
      // Between single updates (a heavy config), reads only when due, and none when other work waits: that work
      // draws, or the next tick does. (Whole-iteration chunks are short: their frame keeps the pipeline going.)
      if (single && (host.waiting?.() || (host.readsDue && !host.readsDue()))) return;
      await host.refresh(remote && this.partial.d + this.partial.g === 0 ? () => host.running() && this.postAhead() : undefined, false, framed);
      this.failures = 0;
    } catch (err) {
      this.failures += 1;
      await host.onError(err, this.failures);
    } finally {
      this.ticking = false;
      host.tickEnded();
    }
  }

  /**
   * Up to `k` single updates, D's then G's turn of the iteration in progress, stopping early when the lab stops
   * running or other work waits (so Pause and edits act after one update); returns how many were made, or null
   * when the lab stopped during one and the run went back to the frame on screen (rewindToScreen).
   */
  private async updates(k: number): Promise<number | null> {
    const host = this.host, t = host.trainer;
    if (this.partial.of !== t) this.partial = { d: 0, g: 0, of: t };
    const t0 = this.clock.now();
    let made = 0;
    for (; made < k && (made === 0 || (host.running() && !host.waiting?.())); made++) {
      const c = t.config;
      const d = this.partial.d < c.dSteps;
      const update = d ? t.stepD() : t.stepG();
      if (isPromise(update) && (await this.stoppedFirst(update))) return null;
      if (d) {
        this.partial.d++;
        host.countSteps(1, 0);
      } else {
        this.partial.g++;
        host.countSteps(0, 1);
      }
      if (this.partial.d >= c.dSteps && this.partial.g >= c.gSteps) {
        await t.endIteration();
        this.partial = { d: 0, g: 0, of: t };
      }
      if (t.status !== 'ok') break;
    }
    this.observe(this.clock.now() - t0, made); // a worker's round trips included: a few ms against a heavy update
    return made;
  }

  /**
   * Waits for an update in a worker, unless the lab stops running first and the run can go back to the frame on
   * screen (then the update is left to end in the worker, which rewinds after it): true if it went back.
   */
  private async stoppedFirst(update: Promise<unknown>): Promise<boolean> {
    if (!this.host.onScreen) {
      await update;
      return false;
    }
    const stop = new Promise<true>((resolve) => (this.wake = () => resolve(true)));
    try {
      if ((await Promise.race([update.then(() => false), stop])) && this.rewindToScreen()) {
        update.catch(() => undefined); // its failure, if any, is the worker's to report on the calls after it
        return true;
      }
      await update;
      return false;
    } finally {
      this.wake = null;
    }
  }

  /**
   * The lab stopped during single updates on a trainer in a worker whose mark is the frame on screen: rewinds the
   * run there (the worker after the update in flight; the proxy's fields at once) and puts the loop's place and the
   * lab's counts back to that frame's. False, changing nothing, if not so.
   */
  private rewindToScreen(): boolean {
    const host = this.host, t = host.trainer;
    const at = host.onScreen?.() ?? null;
    if (!at || !t.remote || !t.rewind || host.running()) return false;
    const done = t.rewind();
    // The mark was checked against the worker's last word and nothing sent since drops it: a refusal is a bug.
    void Promise.resolve(done).then((ok) => ok || console.warn('lab: the trainer had no mark to rewind to'), () => undefined);
    this.partial = { ...at.partial, of: t };
    host.rewound?.(at);
    return true;
  }

  /** Posts a chunk of iterations (sized like the last) to a worker trainer without waiting for it. */
  private postAhead() {
    const chunk = this.sizer.next(this.host.trainer.config, this.host.speed);
    if (!('iterations' in chunk)) return;
    const n = chunk.iterations;
    const of = this.host.trainer;
    this.ahead = { done: Promise.resolve(of.iterate(n)), n, of };
  }
}
