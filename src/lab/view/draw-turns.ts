// The page's playing labs draw in turns at animation frames. A comparison figure's four labs each answer their
// worker's frames as they land; drawn at once, two or three draws (a few ms each) fell between the same two vsyncs
// and the page missed one: bench:browser's 4-column row had p95 frame times of 33.3 ms. Here a playing lab's frame
// waits for the next animation frame (a newer frame replaces it, keeping its place in line), and one animation
// frame draws until TURN_BUDGET_MS is spent, the longest-waiting lab first; the rest draw at the next. A lab that
// is not playing draws at once, and a lab that stops drawing in turns (it paused, settled on a step, is disposed)
// flushes or cancels its turn, so a settled state is on screen when the lab says it is.

/** Draw time one animation frame gives the labs' turns, ms: at least one draw always runs. */
export const TURN_BUDGET_MS = 6;

export interface TurnClock {
  requestFrame(cb: () => void): unknown;
  now(): number;
}

const browserClock: TurnClock = {
  requestFrame: (cb) => requestAnimationFrame(() => cb()),
  now: () => performance.now(),
};

export class DrawTurns {
  /** Waiting draws by owner, in the order they first asked (a Map keeps insertion order). */
  private waiting = new Map<object, () => void>();
  private scheduled = false;

  constructor(
    private clock: TurnClock = browserClock,
    private budgetMs = TURN_BUDGET_MS,
  ) {}

  /** Draws `draw` at an animation frame, in turn; an owner already waiting keeps its place (and draws this `draw`). */
  request(owner: object, draw: () => void): void {
    this.waiting.set(owner, draw);
    if (this.scheduled) return;
    this.scheduled = true;
    this.clock.requestFrame(() => this.run());
  }

  /** Draws the owner's waiting turn now, if it has one. */
  flush(owner: object): void {
    const draw = this.waiting.get(owner);
    if (!draw) return;
    this.waiting.delete(owner);
    draw();
  }

  /** Drops the owner's waiting turn (a disposed lab; a lab about to draw at once anyway). */
  cancel(owner: object): void {
    this.waiting.delete(owner);
  }

  /** Whether the owner has a draw waiting. */
  has(owner: object): boolean {
    return this.waiting.has(owner);
  }

  private run() {
    this.scheduled = false;
    const t0 = this.clock.now();
    for (const [owner, draw] of this.waiting) {
      this.waiting.delete(owner);
      try {
        draw();
      } catch (err) {
        console.warn('lab: a draw failed', err);
      }
      if (this.clock.now() - t0 >= this.budgetMs) break;
    }
    if (this.waiting.size && !this.scheduled) {
      this.scheduled = true;
      this.clock.requestFrame(() => this.run());
    }
  }
}

/** The page's one line of turns (every lab on a page shares the animation frames). */
export const drawTurns = new DrawTurns();
