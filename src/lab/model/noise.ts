// The generator's input: noise batches for training, and the lattice over noise space that the manifold view
// carries through G.
import type { GanConfig } from './config';
import type { Rng } from './random';

export function sampleNoise(noise: GanConfig['noise'], rng: Rng, n: number): Float32Array {
  const out = new Float32Array(n * noise.dim);
  if (noise.type === 'gaussian') rng.fillNormal(out);
  else rng.fillUniform(out, -1, 1);
  return out;
}

/** Inverse of the standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - lo) return -normalQuantile(1 - p);
  const q = p - 0.5, r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/** Noise-space share the manifold lattice covers for Gaussian noise (the tails are left out). */
export const GAUSSIAN_LATTICE_MASS = 0.99;

/**
 * A lattice over noise space whose cells all hold the same probability mass: evenly spaced for uniform noise,
 * spaced by quantiles for Gaussian noise. 2-D (or more: extra coordinates 0) gives (cells+1)^2 points row-major;
 * 1-D gives cells+1 points. Returns the points and each cell's mass.
 */
export function noiseLattice(noise: GanConfig['noise'], cells: number): { points: Float32Array; cellMass: number; dim: 1 | 2 } {
  const axis = Array.from({ length: cells + 1 }, (_, i) => {
    if (noise.type === 'uniform') return -1 + (2 * i) / cells;
    const tail = (1 - GAUSSIAN_LATTICE_MASS) / 2;
    return normalQuantile(tail + (GAUSSIAN_LATTICE_MASS * i) / cells);
  });
  const axisMass = noise.type === 'uniform' ? 1 : GAUSSIAN_LATTICE_MASS;
  if (noise.dim === 1) {
    const points = new Float32Array(axis);
    return { points, cellMass: axisMass / cells, dim: 1 };
  }
  const n = (cells + 1) * (cells + 1);
  const points = new Float32Array(n * noise.dim);
  for (let r = 0; r <= cells; r++)
    for (let c = 0; c <= cells; c++) {
      const k = (r * (cells + 1) + c) * noise.dim;
      points[k] = axis[c];
      points[k + 1] = axis[r];
    }
  return { points, cellMass: (axisMass * axisMass) / (cells * cells), dim: 2 };
}

/**
 * Density of the generator's output in each lattice cell: the cell's noise mass over the area (2-D) or length
 * (1-D) of its image. Points are the lattice carried through G, interleaved x,y.
 */
export function manifoldDensity(points: Float32Array, cells: number, dim: 1 | 2, cellMass: number): Float32Array {
  if (dim === 1) {
    const out = new Float32Array(cells);
    for (let i = 0; i < cells; i++) {
      const len = Math.hypot(points[2 * i + 2] - points[2 * i], points[2 * i + 3] - points[2 * i + 1]);
      out[i] = cellMass / Math.max(len, 1e-9);
    }
    return out;
  }
  const out = new Float32Array(cells * cells);
  const w = cells + 1;
  const px = (r: number, c: number) => points[2 * (r * w + c)];
  const py = (r: number, c: number) => points[2 * (r * w + c) + 1];
  for (let r = 0; r < cells; r++)
    for (let c = 0; c < cells; c++) {
      // Shoelace area of the quadrilateral (r,c) (r,c+1) (r+1,c+1) (r+1,c).
      const xs = [px(r, c), px(r, c + 1), px(r + 1, c + 1), px(r + 1, c)];
      const ys = [py(r, c), py(r, c + 1), py(r + 1, c + 1), py(r + 1, c)];
      let a = 0;
      for (let k = 0; k < 4; k++) a += xs[k] * ys[(k + 1) % 4] - xs[(k + 1) % 4] * ys[k];
      out[r * cells + c] = cellMass / Math.max(Math.abs(a) / 2, 1e-9);
    }
  return out;
}
