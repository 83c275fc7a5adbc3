// How often a playing lab reads a frame and measures metrics, from what those reads cost here (issue 13). A frame
// or a measurement is one call to the trainer like an update, and nothing else runs until it lands: on a heavy
// config a measurement (2,500 fresh samples through both networks, and G's gradient) costs several updates, so
// taken a few times a second it would fill most of the time, and Pause would mostly wait for one. So reads take a
// bounded share: a measurement at most every `measureEveryMs` and never more often than 4x its own cost apart,
// a frame between single-update chunks never more often than 2x its cost apart. After Pause or a learning-rate
// edit a measurement is taken at once only when it is cheap; otherwise the next one due takes it.
import { CHUNK_MS } from './chunk-sizer';

/** Time between measurements, at least this many times a measurement's cost (so it takes at most 1/5 of the time). */
const MEASURE_GAP = 4;
/** Time between frames of single-update chunks, at least this many times a frame's cost (at most 1/3 of the time). */
const FRAME_GAP = 2;
/** A measurement this quick (ms) is taken at once after Pause or an edit, as if nothing had changed. */
export const CHEAP_READ_MS = 2 * CHUNK_MS;

export class ReadCadence {
  /** What the last frame read and the last measurement cost, ms (0 until measured). */
  frameMs = 0;
  measureMs = 0;
  private lastFrame = -Infinity;
  private lastMeasure = -Infinity;

  constructor(readonly measureEveryMs: number) {}

  /** A new trainer: measure at its first read; what reads cost is learnt again. */
  forget(): void {
    this.lastMeasure = this.lastFrame = -Infinity;
    this.frameMs = this.measureMs = 0;
  }

  measureDue(now: number): boolean {
    return now - this.lastMeasure >= Math.max(this.measureEveryMs, MEASURE_GAP * this.measureMs);
  }

  /** Whether a measurement costs little enough to take at once when the run stops or is edited. */
  get measureCheap(): boolean {
    return this.measureMs <= CHEAP_READ_MS;
  }

  /** Whether a frame (and the measurement, if due) should follow a single-update chunk now. */
  readsDue(now: number): boolean {
    return now - this.lastFrame >= FRAME_GAP * this.frameMs || this.measureDue(now);
  }

  /** A measurement was asked for at `at` and cost `ms`. */
  measured(at: number, ms: number): void {
    this.lastMeasure = at;
    if (ms >= 0) this.measureMs = ms;
  }

  /** A frame read landed at `at`, having cost `ms`. */
  framed(at: number, ms: number): void {
    this.lastFrame = at;
    if (ms >= 0) this.frameMs = ms;
  }
}
