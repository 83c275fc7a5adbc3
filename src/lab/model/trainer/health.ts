// Signs that a run is blowing up before anything is NaN: weights or losses far beyond what training ever needs,
// or every fake far outside the picture. A sign that lasts (DivergenceWatch) ends the run as diverged, and no good
// state is kept while one shows, so "Restore last good state" goes back to before the trouble began.
import type { Bounds } from '../types';

/** A warning sign, or (with the read's `bad`) what ended a run. */
export type Sign = 'weights-exploding' | 'losses-exploding' | 'fakes-outside';

/** Beyond these, a weight or a loss is a warning sign (initial weights are about 1, losses a few units). */
export const WEIGHT_SIGN = 1e4;
export const LOSS_SIGN = 1e4;
/** Beyond this, a weight or a loss ends the run at once: it will not come back. */
export const HOPELESS = 1e6;
/** "Far outside": beyond the view grown by one view size on every side (a box three times as wide and tall). */
const FAR = 1.5;
/** Share of the fakes that must be far outside. */
const ALL_FAKES = 0.99;
/** How long a sign must last to end the run: this many iterations and this many reads in a row. */
export const LASTS_ITERATIONS = 200;
export const LASTS_READS = 3;

/** True when nearly all points (interleaved x,y) are far outside `b` (a NaN point counts as outside). */
export function fakesFarOutside(points: Float32Array, b: Bounds): boolean {
  const n = points.length / 2;
  if (n === 0) return false;
  const cx = (b.xMin + b.xMax) / 2, cy = (b.yMin + b.yMax) / 2;
  const rx = FAR * (b.xMax - b.xMin), ry = FAR * (b.yMax - b.yMin);
  let far = 0;
  for (let i = 0; i < n; i++) {
    const dx = Math.abs(points[2 * i] - cx), dy = Math.abs(points[2 * i + 1] - cy);
    if (!(dx <= rx && dy <= ry)) far++;
  }
  return far >= ALL_FAKES * n;
}

export interface Reading {
  weightMax: number;
  dLoss: number;
  gLoss: number;
  /** Fakes read with it, if any. */
  fake?: Float32Array;
}

/** The worst warning sign in a read, and whether it is hopeless. */
export function warningSign(r: Reading, bounds: Bounds): { sign: Sign; hopeless: boolean } | null {
  const loss = Math.max(Math.abs(r.dLoss) || 0, Math.abs(r.gLoss) || 0);
  if (r.weightMax > WEIGHT_SIGN) return { sign: 'weights-exploding', hopeless: r.weightMax > HOPELESS };
  if (loss > LOSS_SIGN) return { sign: 'losses-exploding', hopeless: loss > HOPELESS };
  if (r.fake && fakesFarOutside(r.fake, bounds)) return { sign: 'fakes-outside', hopeless: false };
  return null;
}

/** Follows warning signs across reads: when the first appeared, and whether they have lasted long enough. */
export class DivergenceWatch {
  /** The iteration of the first read of the current run of signs; null while healthy. */
  since: number | null = null;
  private reads = 0;

  /** Records one read; returns the sign that ends the run now, or null. */
  observe(iteration: number, found: { sign: Sign; hopeless: boolean } | null): Sign | null {
    if (!found) {
      this.clear();
      return null;
    }
    this.since ??= iteration;
    this.reads++;
    const lasted = iteration - this.since >= LASTS_ITERATIONS && this.reads >= LASTS_READS;
    return found.hopeless || lasted ? found.sign : null;
  }

  clear(): void {
    this.since = null;
    this.reads = 0;
  }
}
