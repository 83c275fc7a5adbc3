import type { Bounds } from '../types';
import { UNIT, type DistributionEntry, type Points } from './entry';

/** Standard jitter of a drawn or uploaded point, as a share of the view's width (GAN Lab: 0.02 on the unit square). */
export const POINT_JITTER = 0.02;

/** Square bounds around a set of points, padded, so the view is never stretched. */
export function boundsAround(points: Points, pad = 0.15): Bounds {
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

export const points = {
  text: { en: { label: 'My points (drawn or uploaded)', summary: "the config's own points (drawn or uploaded), each drawn with a small jitter" } },
  sampler: (pts) => {
    const bounds = boundsAround(pts);
    const jitter = POINT_JITTER * (bounds.xMax - bounds.xMin);
    return {
      bounds,
      sample(rng, out) {
        for (let i = 0; i < out.length; i += 2) {
          const p = pts[rng.int(pts.length)];
          out[i] = p[0] + jitter * rng.normal();
          out[i + 1] = p[1] + jitter * rng.normal();
        }
      },
    };
  },
} satisfies DistributionEntry;
