// All work on a lab's trainer goes through one queue: steps, edits, reads and rebuilds run one after another, in
// the order they were asked for, so none sees another half done. A failed task does not stop the ones behind it.
export class RunQueue {
  private chain: Promise<unknown> = Promise.resolve();
  private queued = 0;
  /** Bumped by restart(): tasks queued before it no longer count as waiting (they may never start). */
  private generation = 0;

  /** Runs `fn` once everything queued before it has settled. */
  run<T>(fn: () => Promise<T> | T): Promise<T> {
    this.queued++;
    const gen = this.generation;
    const start = () => {
      if (gen === this.generation) this.queued--;
      return fn();
    };
    const run = this.chain.then(start, start);
    this.chain = run.catch(() => undefined);
    return run;
  }

  /**
   * Starts `fn` now, without waiting for the work queued before it, and queues later work behind it alone. For
   * when earlier work may never settle (a read from a lost WebGL context).
   */
  restart<T>(fn: () => Promise<T>): Promise<T> {
    this.generation++;
    this.queued = 0;
    const run = fn();
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Tasks queued that have not started yet: the play loop cuts its tick short for them. */
  get waiting(): number {
    return this.queued;
  }

  /** Settles once everything queued so far has. */
  idle(): Promise<void> {
    return this.chain.then(() => undefined);
  }
}
