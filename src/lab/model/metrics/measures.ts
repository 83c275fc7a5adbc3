// Measures of how far the fakes are from the real data. Pure functions over point arrays (interleaved x,y).
import type { Mode } from '../distributions';
import type { Bounds } from '../types';

/** Samples each side for metrics (VEEGAN/PacGAN use 2,500). */
export const METRIC_SAMPLES = 2500;
/** Bins per axis for the grid divergences. */
export const METRIC_BINS = 30;
/** Added to every bin's count before normalising KL's histograms, so an empty bin does not make KL infinite. */
export const KL_SMOOTHING = 0.5;

/**
 * Histogram over bins x bins cells of `bounds`, plus one overflow cell (index bins*bins) for points outside:
 * outside points are counted, never dropped, so each histogram sums to the sample count.
 */
export function histogram(points: Float32Array, bounds: Bounds, bins: number): Float64Array {
  const h = new Float64Array(bins * bins + 1);
  const w = bounds.xMax - bounds.xMin, hgt = bounds.yMax - bounds.yMin;
  for (let i = 0; i < points.length; i += 2) {
    const fx = (points[i] - bounds.xMin) / w, fy = (points[i + 1] - bounds.yMin) / hgt;
    if (!(fx >= 0 && fx <= 1 && fy >= 0 && fy <= 1)) {
      h[bins * bins]++;
      continue;
    }
    const cx = Math.min(bins - 1, Math.floor(fx * bins)), cy = Math.min(bins - 1, Math.floor(fy * bins));
    h[cy * bins + cx]++;
  }
  return h;
}

function normalise(h: Float64Array, alpha: number): Float64Array {
  let total = 0;
  for (const v of h) total += v + alpha;
  return h.map((v) => (v + alpha) / total);
}

/** Jensen–Shannon divergence in bits between two histograms of counts (each normalised to sum 1). */
export function jsBits(a: Float64Array, b: Float64Array): number {
  const pa = normalise(a, 0), pb = normalise(b, 0);
  let js = 0;
  // No smoothing: m > 0 wherever pa or pb is.
  for (let i = 0; i < pa.length; i++) {
    const m = (pa[i] + pb[i]) / 2;
    if (pa[i] > 0) js += 0.5 * pa[i] * Math.log2(pa[i] / m);
    if (pb[i] > 0) js += 0.5 * pb[i] * Math.log2(pb[i] / m);
  }
  // JS is at most 1 bit; clamp float error.
  return Math.min(1, js);
}

/** KL(real || fake) and JS(real, fake) in bits over the grid, and the share of fakes outside the bounds. */
export function gridDivergence(real: Float32Array, fake: Float32Array, bounds: Bounds, bins = METRIC_BINS) {
  return histogramDivergence(histogram(real, bounds, bins), histogram(fake, bounds, bins), bins);
}

/** gridDivergence from the two histograms (./measures.ts's `histogram`, overflow cell last). */
export function histogramDivergence(hr: Float64Array, hf: Float64Array, bins: number) {
  const p = normalise(hr, KL_SMOOTHING), q = normalise(hf, KL_SMOOTHING);
  let kl = 0;
  for (let i = 0; i < p.length; i++) kl += p[i] * Math.log2(p[i] / q[i]);
  const fakes = hf.reduce((s, v) => s + v, 0);
  return { kl, js: jsBits(hr, hf), bins, samples: fakes, outside: hf[bins * bins] / fakes };
}

/**
 * Share of fakes where the real sample says there is no data: in a grid cell that holds no real point, or off
 * the picture (the overflow cell, the last, always counts: a few real points outside do not make the whole
 * outside data).
 */
export function fakesOffData(hr: Float64Array, hf: Float64Array): number {
  const overflow = hf.length - 1;
  let off = hf[overflow], all = hf[overflow];
  for (let i = 0; i < overflow; i++) {
    all += hf[i];
    if (hr[i] === 0) off += hf[i];
  }
  return all > 0 ? off / all : 0;
}

/** Distance from a point to a mode in units of the mode's standard deviation. */
function sdDistance(x: number, y: number, m: Mode): number {
  return Math.hypot((x - m.x) / m.sx, (y - m.y) / m.sy);
}

/**
 * VEEGAN/PacGAN mode metrics: a sample is high quality when within 3 sd of its nearest mode; a mode is
 * covered when it is the nearest mode of at least one high-quality sample; reverse KL is
 * KL(mode histogram of high-quality samples || uniform) = ln K - entropy (nats). With no high-quality
 * sample at all, reverse KL is reported as ln K (the collapse value).
 */
export function modeMetrics(fake: Float32Array, modes: readonly Mode[]) {
  const counts = new Array(modes.length).fill(0);
  let hq = 0;
  const n = fake.length / 2;
  for (let i = 0; i < fake.length; i += 2) {
    let best = 0, bestD = Infinity;
    for (let k = 0; k < modes.length; k++) {
      const d = sdDistance(fake[i], fake[i + 1], modes[k]);
      if (d < bestD) { bestD = d; best = k; }
    }
    if (bestD <= 3) {
      hq++;
      counts[best]++;
    }
  }
  const K = modes.length;
  let reverseKL = Math.log(K);
  if (hq > 0) {
    let entropy = 0;
    for (const c of counts) if (c > 0) entropy -= (c / hq) * Math.log(c / hq);
    reverseKL = Math.log(K) - entropy;
  }
  return { modes: counts.filter((c) => c > 0).length, modesTotal: K, highQuality: hq / n, reverseKL, counts };
}

/** Centre of a point cloud and its root-mean-square distance from the centre. */
export function cloudShape(points: Float32Array): { fakeMeanX: number; fakeMeanY: number; fakeSpread: number } {
  const n = points.length / 2;
  let mx = 0, my = 0;
  for (let i = 0; i < points.length; i += 2) {
    mx += points[i];
    my += points[i + 1];
  }
  mx /= n;
  my /= n;
  let ss = 0;
  for (let i = 0; i < points.length; i += 2) ss += (points[i] - mx) ** 2 + (points[i + 1] - my) ** 2;
  return { fakeMeanX: mx, fakeMeanY: my, fakeSpread: Math.sqrt(ss / n) };
}
