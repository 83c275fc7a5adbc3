// p_data on the metric grid: the share of the real distribution in each cell, for the optimal discriminator
// D* = p_data / (p_data + p_g). Exact for mixtures (products of normal-CDF differences, averaged over the
// modes); from a large fixed sample for the continuous shapes. A property of the distribution alone, so it is
// computed once per data source.
import type { DataSource, Mode } from '../distributions';
import { Rng } from '../random';
import type { Bounds } from '../types';
import { histogram } from './measures';

/** Points drawn to estimate a continuous shape's cell masses (the sampling error is then well below the fakes'). */
export const DATA_MASS_SAMPLES = 200_000;
/** The fixed seed of that sample: the estimate belongs to the distribution, not to a run. */
const DATA_MASS_SEED = 0x0d5a7a;

/** erf(x), Abramowitz and Stegun 7.1.26 (absolute error below 1.5e-7). */
export function erf(x: number): number {
  const s = Math.sign(x), a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-a * a);
  return s * y;
}

export const normalCdf = (z: number): number => 0.5 * (1 + erf(z / Math.SQRT2));

/** Each mode's mass in each of the bins x bins cells, averaged over the modes; the rest goes to the overflow cell. */
export function mixtureCellMass(modes: readonly Mode[], bounds: Bounds, bins: number): Float64Array {
  const out = new Float64Array(bins * bins + 1);
  const edge = (lo: number, hi: number, i: number) => lo + ((hi - lo) * i) / bins;
  const px = new Float64Array(bins), py = new Float64Array(bins);
  for (const m of modes) {
    for (let i = 0; i < bins; i++) {
      px[i] = normalCdf((edge(bounds.xMin, bounds.xMax, i + 1) - m.x) / m.sx) - normalCdf((edge(bounds.xMin, bounds.xMax, i) - m.x) / m.sx);
      py[i] = normalCdf((edge(bounds.yMin, bounds.yMax, i + 1) - m.y) / m.sy) - normalCdf((edge(bounds.yMin, bounds.yMax, i) - m.y) / m.sy);
    }
    for (let r = 0; r < bins; r++) for (let c = 0; c < bins; c++) out[r * bins + c] += (py[r] * px[c]) / modes.length;
  }
  let inside = 0;
  for (let i = 0; i < bins * bins; i++) inside += out[i];
  out[bins * bins] = Math.max(0, 1 - inside);
  return out;
}

/** A histogram of DATA_MASS_SAMPLES points from a fixed stream, as shares. */
export function sampledCellMass(src: DataSource, bins: number): Float64Array {
  const pts = new Float32Array(2 * DATA_MASS_SAMPLES);
  src.sample(new Rng(DATA_MASS_SEED), pts);
  return histogram(pts, src.bounds, bins).map((v) => v / DATA_MASS_SAMPLES);
}

const cache = new WeakMap<DataSource, { bins: number; mass: Float64Array }>();

/** p_data's share in each cell of `src.bounds` (row-major from yMin, overflow last), computed once per source. */
export function dataCellMass(src: DataSource, bins: number): Float64Array {
  const hit = cache.get(src);
  if (hit && hit.bins === bins) return hit.mass;
  const mass = src.modes ? mixtureCellMass(src.modes, src.bounds, bins) : sampledCellMass(src, bins);
  cache.set(src, { bins, mass });
  return mass;
}
