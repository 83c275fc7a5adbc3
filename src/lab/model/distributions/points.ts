import type { Bounds } from '../types';
import { UNIT, type DistributionEntry, type Points } from './entry';

/** Standard jitter of a drawn or uploaded point, as a share of the data square's width (GAN Lab: 0.02 on the unit square). */
export const POINT_JITTER = 0.02;
/** How many jitter standard deviations around every point the view keeps (per axis, 99.7% of the jitter). */
export const JITTER_MARGIN = 3;

/**
 * The square the jitter is scaled to: the unit square for points drawn on it, else a padded square around the
 * points. It is the view too unless a point's jitter would fall off it (see boundsAround).
 */
export function dataSquare(points: Points, pad = 0.15): Bounds {
  if (points.length === 0) return UNIT;
  let xMin = Infinity, xMax = -Infinity, yMin = Infinity, yMax = -Infinity;
  for (const [x, y] of points) {
    xMin = Math.min(xMin, x); xMax = Math.max(xMax, x);
    yMin = Math.min(yMin, y); yMax = Math.max(yMax, y);
  }
  if (xMin >= 0 && xMax <= 1 && yMin >= 0 && yMax <= 1) return UNIT;
  const cx = (xMin + xMax) / 2, cy = (yMin + yMax) / 2;
  const half = (Math.max(xMax - xMin, yMax - yMin, 1e-6) / 2) * (1 + 2 * pad);
  return { xMin: cx - half, xMax: cx + half, yMin: cy - half, yMax: cy + half };
}

/**
 * The view: the data square, grown where needed (and kept square, so it is never stretched) so that every
 * point's jitter, out to JITTER_MARGIN standard deviations, stays on the picture. Points drawn near the unit
 * square's edge would otherwise put their samples off it, and the metrics would compare fakes with real points
 * that are themselves outside.
 */
export function boundsAround(points: Points, pad = 0.15): Bounds {
  const sq = dataSquare(points, pad);
  const m = JITTER_MARGIN * POINT_JITTER * (sq.xMax - sq.xMin);
  let { xMin, xMax, yMin, yMax } = sq;
  for (const [x, y] of points) {
    xMin = Math.min(xMin, x - m); xMax = Math.max(xMax, x + m);
    yMin = Math.min(yMin, y - m); yMax = Math.max(yMax, y + m);
  }
  const half = Math.max(xMax - xMin, yMax - yMin) / 2;
  if (half === (sq.xMax - sq.xMin) / 2) return sq;
  const cx = (xMin + xMax) / 2, cy = (yMin + yMax) / 2;
  return { xMin: cx - half, xMax: cx + half, yMin: cy - half, yMax: cy + half };
}

export const points = {
  text: { en: { label: 'My points (drawn or uploaded)', summary: "the config's own points (drawn or uploaded), each drawn with a small jitter" }, zh: { label: '我的数据点（手绘或上传）', summary: '配置里自带的数据点（手绘或上传），抽样时各加一点小抖动' } },
  sampler: (pts) => {
    const sq = dataSquare(pts);
    // The jitter follows the data square, not the view: padding the view must not change the data (or training).
    const jitter = POINT_JITTER * (sq.xMax - sq.xMin);
    return {
      bounds: boundsAround(pts),
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
