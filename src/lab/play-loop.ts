// The pipelined play loop: each tick trains `speed` iterations, then reads one frame (and metrics when due).
//
// With a trainer in a worker (its iterate() returns a promise), each tick posts the next chunk of iterations right
// behind its frame request, so the worker trains while the page draws; the next tick then only waits for that
// chunk, and starts as soon as it lands rather than at the next animation frame (animation frames still pace
// in-page trainers, and a worker whose chunks land faster than a display frame). Any other operation first waits
// for the chunk in flight and counts it (`settleAhead`), so it sees the run's true state.
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
  /** One frame read (and metrics when due); `postAhead`, if given, is called right behind the requests. */
  refresh(postAhead?: () => void): Promise<void>;
  /** Counts iterations that have landed. */
  count(iterations: number): void;
  /** A tick failed; `failures` in a row so far. */
  onError(err: unknown, failures: number): Promise<void>;
  /** A tick ended: its iterations are counted. */
  tickEnded(): void;
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
  /** Iterations posted to a worker trainer and not yet counted. */
  private ahead: { done: Promise<void>; n: number } | null = null;
  private tickStarted = -Infinity;
  private failures = 0;
  private stopped = false;

  constructor(
    private host: PlayHost,
    private queue: RunQueue,
    private clock: LoopClock,
  ) {}

  /** A tick is running or iterations posted ahead have not landed: the lab still reports 'playing'. */
  get busy(): boolean {
    return this.ticking || this.ahead !== null;
  }

  get hasAhead(): boolean {
    return this.ahead !== null;
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
    await a.done;
    this.host.count(a.n);
    return true;
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
    try {
      let remote = await this.settleAhead();
      if (!remote) {
        if (!host.running()) return;
        const n = host.speed;
        const r = host.trainer.iterate(n);
        remote = isPromise(r);
        await r;
        host.count(n);
      }
      if (!host.running()) {
        await host.refresh();
        return;
      }
      await host.refresh(remote ? () => host.running() && this.postAhead() : undefined);
      this.failures = 0;
    } catch (err) {
      this.failures += 1;
      await host.onError(err, this.failures);
    } finally {
      this.ticking = false;
      host.tickEnded();
    }
  }

  /** Posts `speed` iterations to a worker trainer without waiting for them. */
  private postAhead() {
    const n = this.host.speed;
    this.ahead = { done: Promise.resolve(this.host.trainer.iterate(n)), n };
  }
}
