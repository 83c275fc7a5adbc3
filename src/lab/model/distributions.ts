// The real data. Each distribution draws points with a given Rng, knows its view bounds and, for mixtures,
// its modes (the metrics need them). Definitions follow REFERENCE.md (GAN Lab's four; PacGAN's and WGAN-GP's).
import type { Distribution, GanConfig } from './config';
import type { Rng } from './random';
import type { Bounds } from './types';

export interface Mode {
  x: number;
  y: number;
  sx: number;
  sy: number;
}

export interface DataSource {
  name: Distribution;
  bounds: Bounds;
  /** Mixture components, equally weighted; absent for continuous shapes (line, ring, swissroll, points). */
  modes?: Mode[];
  /** Writes n points, interleaved x,y, into out (length 2n). */
  sample(rng: Rng, out: Float32Array): void;
}

const UNIT: Bounds = { xMin: 0, xMax: 1, yMin: 0, yMax: 1 };

/** Standard jitter of a drawn or uploaded point, as a share of the view's width (GAN Lab: 0.02 on the unit square). */
export const POINT_JITTER = 0.02;

function mixture(name: Distribution, modes: Mode[], bounds: Bounds): DataSource {
  return {
    name,
    bounds,
    modes,
    sample(rng, out) {
      for (let i = 0; i < out.length; i += 2) {
        const m = modes[rng.int(modes.length)];
        out[i] = m.x + m.sx * rng.normal();
        out[i + 1] = m.y + m.sy * rng.normal();
      }
    },
  };
}

export function ring8Modes(): Mode[] {
  // Eight distinct angles 2*pi*i/8 (one public notebook repeats the first angle and gets seven modes).
  return Array.from({ length: 8 }, (_, i) => ({
    x: Math.cos((2 * Math.PI * i) / 8),
    y: Math.sin((2 * Math.PI * i) / 8),
    sx: 0.01,
    sy: 0.01,
  }));
}

export function grid25Modes(): Mode[] {
  const out: Mode[] = [];
  for (const x of [-4, -2, 0, 2, 4]) for (const y of [-4, -2, 0, 2, 4]) out.push({ x, y, sx: 0.05, sy: 0.05 });
  return out;
}

/** Square bounds around a set of points, padded, so the view is never stretched. */
export function boundsAround(points: readonly (readonly [number, number])[], pad = 0.15): Bounds {
  if (points.length === 0) return UNIT;
  let xMin = Infinity, xMax = -Infinity, yMin = Infinity, yMax = -Infinity;
  for (const [x, y] of points) {
    xMin = Math.min(xMin, x); xMax = Math.max(xMax, x);
    yMin = Math.min(yMin, y); yMax = Math.max(yMax, y);
  }
  // Points drawn on the unit square keep the unit square as their view.
  if (xMin >= 0 && xMax <= 1 && yMin >= 0 && yMax <= 1) return UNIT;
  const cx = (xMin + xMax) / 2, cy = (yMin + yMax) / 2;
  const half = (Math.max(xMax - xMin, yMax - yMin, 1e-6) / 2) * (1 + 2 * pad);
  return { xMin: cx - half, xMax: cx + half, yMin: cy - half, yMax: cy + half };
}

export function dataSource(config: Pick<GanConfig, 'distribution' | 'points'>): DataSource {
  switch (config.distribution) {
    case 'line':
      return {
        name: 'line',
        bounds: UNIT,
        sample(rng, out) {
          for (let i = 0; i < out.length; i += 2) {
            const t = rng.uniform();
            out[i] = 0.8 - 0.75 * t + 0.01 * rng.normal();
            out[i + 1] = 0.6 + 0.3 * t + 0.01 * rng.normal();
          }
        },
      };
    case 'gaussians':
      return mixture('gaussians', [
        { x: 0.3, y: 0.7, sx: 0.1, sy: 0.1 },
        { x: 0.7, y: 0.4, sx: 0.05, sy: 0.2 },
      ], UNIT);
    case 'ring':
      return {
        name: 'ring',
        bounds: UNIT,
        sample(rng, out) {
          for (let i = 0; i < out.length; i += 2) {
            const t = rng.uniform();
            out[i] = 0.5 + 0.3 * Math.cos(2 * Math.PI * t) + 0.025 * rng.normal();
            out[i + 1] = 0.45 + 0.25 * Math.sin(2 * Math.PI * t) + 0.025 * rng.normal();
          }
        },
      };
    case 'disjoint':
      return mixture('disjoint', [
        { x: 0.35, y: 0.75, sx: 0.025, sy: 0.025 },
        { x: 0.75, y: 0.6, sx: 0.025, sy: 0.025 },
        { x: 0.45, y: 0.35, sx: 0.025, sy: 0.025 },
      ], UNIT);
    case 'ring8':
      return mixture('ring8', ring8Modes(), { xMin: -1.5, xMax: 1.5, yMin: -1.5, yMax: 1.5 });
    case 'grid25':
      return mixture('grid25', grid25Modes(), { xMin: -5.5, xMax: 5.5, yMin: -5.5, yMax: 5.5 });
    case 'swissroll':
      return {
        name: 'swissroll',
        bounds: { xMin: -2.2, xMax: 2.2, yMin: -2.2, yMax: 2.2 },
        sample(rng, out) {
          // sklearn's make_swiss_roll (x and z columns), noise 0.25, scaled by 1/7.5 (WGAN-GP's toy set).
          for (let i = 0; i < out.length; i += 2) {
            const t = 1.5 * Math.PI * (1 + 2 * rng.uniform());
            out[i] = (t * Math.cos(t) + 0.25 * rng.normal()) / 7.5;
            out[i + 1] = (t * Math.sin(t) + 0.25 * rng.normal()) / 7.5;
          }
        },
      };
    case 'points': {
      const pts = config.points;
      const bounds = boundsAround(pts);
      const jitter = POINT_JITTER * (bounds.xMax - bounds.xMin);
      return {
        name: 'points',
        bounds,
        sample(rng, out) {
          for (let i = 0; i < out.length; i += 2) {
            const p = pts[rng.int(pts.length)];
            out[i] = p[0] + jitter * rng.normal();
            out[i + 1] = p[1] + jitter * rng.normal();
          }
        },
      };
    }
  }
}

export function samplePoints(src: DataSource, rng: Rng, n: number): Float32Array {
  const out = new Float32Array(2 * n);
  src.sample(rng, out);
  return out;
}
