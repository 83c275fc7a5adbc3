// The generator's manifold: the noise lattice carried through G, each cell's opacity its share of the mass.
import type { TrainerFrame } from '../../model/types';
import { cssVar } from '../../../styles/palette';
import { rgba } from '../palette';
import type { Transform } from '../plot';
import { defineLayer } from './layer';

function maxOf(a: Float32Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) if (Number.isFinite(a[i]) && a[i] > m) m = a[i];
  return m;
}

/** A 1-D manifold as a polyline, a 2-D one as quads filled by density. */
export function drawManifold(ctx: CanvasRenderingContext2D, frame: TrainerFrame, t: Transform, colour: string) {
  const { cells, points, density, dim } = frame.manifold;
  if (!cells || !points.length) return;
  const dMax = maxOf(density) || 1;
  const alpha = (k: number) => 0.05 + 0.5 * Math.min(1, Math.max(0, (density[k] ?? 0) / dMax));
  if (dim === 1) {
    ctx.lineWidth = 3;
    ctx.lineCap = 'round';
    for (let k = 0; k < cells && 2 * k + 3 < points.length; k++) {
      ctx.strokeStyle = rgba(colour, alpha(k) + 0.2);
      ctx.beginPath();
      ctx.moveTo(t.x(points[2 * k]), t.y(points[2 * k + 1]));
      ctx.lineTo(t.x(points[2 * k + 2]), t.y(points[2 * k + 3]));
      ctx.stroke();
    }
    return;
  }
  const xy = toPixels(points, (cells + 1) * (cells + 1), t);
  const n = cells + 1;
  // Cells are filled in a few opacity bands, one path each, and outlined in one stroke: ~10 draw calls instead of
  // two per cell. A fill closes each cell's outline itself (no closePath: a quarter of the path calls).
  const BANDS = 12;
  const bands: number[][] = Array.from({ length: BANDS }, () => []);
  for (let k = 0; k < cells * cells; k++) bands[Math.min(BANDS - 1, Math.floor(((alpha(k) - 0.05) / 0.5) * BANDS))].push(k);
  bands.forEach((ks, band) => {
    if (!ks.length) return;
    const a = 0.05 + (0.5 * (band + 0.5)) / BANDS;
    ctx.fillStyle = rgba(colour, a * 0.6);
    ctx.beginPath();
    for (const k of ks) {
      // corners (i, j), (i+1, j), (i+1, j+1), (i, j+1) of cell k, as indices into xy
      const p = 2 * ((k - (k % cells)) / cells * n + (k % cells));
      const q = p + 2 * n;
      ctx.moveTo(xy[p], xy[p + 1]);
      ctx.lineTo(xy[p + 2], xy[p + 3]);
      ctx.lineTo(xy[q + 2], xy[q + 3]);
      ctx.lineTo(xy[q], xy[q + 1]);
    }
    ctx.fill();
  });
  ctx.lineWidth = 0.5;
  drawLattice(ctx, points, cells, dim, t, rgba(colour, 0.25));
}

/** The first `count` points' canvas coordinates, [x0, y0, x1, y1, ...] (once each, not once per cell corner). */
function toPixels(points: Float32Array, count: number, t: Transform): Float64Array {
  const xy = new Float64Array(2 * count);
  for (let k = 0; k < count; k++) {
    xy[2 * k] = t.x(points[2 * k]);
    xy[2 * k + 1] = t.y(points[2 * k + 1]);
  }
  return xy;
}

/** The lattice's lines only (1-D: a polyline), in one stroke. */
export function drawLattice(ctx: CanvasRenderingContext2D, points: Float32Array, cells: number, dim: 1 | 2, t: Transform, stroke: string) {
  ctx.strokeStyle = stroke;
  ctx.beginPath();
  if (dim === 1) {
    ctx.moveTo(t.x(points[0]), t.y(points[1]));
    for (let k = 1; k <= cells; k++) ctx.lineTo(t.x(points[2 * k]), t.y(points[2 * k + 1]));
    ctx.stroke();
    return;
  }
  const n = cells + 1;
  const xy = toPixels(points, n * n, t);
  for (let j = 0; j <= cells; j++) {
    ctx.moveTo(xy[2 * j * n], xy[2 * j * n + 1]);
    for (let i = 1; i <= cells; i++) ctx.lineTo(xy[2 * (j * n + i)], xy[2 * (j * n + i) + 1]);
  }
  for (let i = 0; i <= cells; i++) {
    ctx.moveTo(xy[2 * i], xy[2 * i + 1]);
    for (let j = 1; j <= cells; j++) ctx.lineTo(xy[2 * (j * n + i)], xy[2 * (j * n + i) + 1]);
  }
  ctx.stroke();
}

export const manifold = defineLayer({
  name: 'manifold',
  key: '2',
  label: { en: 'Generator manifold', zh: '生成器流形' },
  description: { en: 'the noise grid carried through G; opacity shows density', zh: '经过 G 变换的噪声网格；不透明度表示密度' },
  box: 'generator',
  colour: 'fake',
  swatch: { shape: 'square', background: `color-mix(in srgb, ${cssVar('fake')} 45%, transparent)` },
  depth: 1,
  draw: ({ ctx, frame, t, colours }) => drawManifold(ctx, frame, t, colours.fake),
});
