// Whose turn it is: each step shown starts a new turn, which ends the previous one (its pending sleeps never wake,
// and every `live` check after an await says whether it still has the lab). DESIGN.md principle 2: a newer step
// cancels whatever an older one was still doing.

export interface Turn {
  /** False once a newer turn has started (or the owner was disposed). */
  readonly live: boolean;
  /** Resolves after `ms`, unless the turn ends first (then it never resolves). */
  sleep(ms: number): Promise<void>;
}

export class Turns {
  private n = 0;
  private timers: ReturnType<typeof setTimeout>[] = [];

  /** The turn now running (for work that continues it rather than starting a new one). */
  current(): Turn {
    const my = this.n;
    const turns = this;
    return {
      get live() {
        return turns.n === my;
      },
      sleep: (ms) => new Promise<void>((ok) => this.timers.push(setTimeout(ok, ms))),
    };
  }

  /** Ends the current turn and starts the next. */
  next(): Turn {
    this.end();
    return this.current();
  }

  /** Ends the current turn: its sleeps never wake, and it is no longer live. */
  end(): void {
    this.n += 1;
    this.timers.forEach(clearTimeout);
    this.timers = [];
  }
}
