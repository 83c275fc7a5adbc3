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
  const n = cells + 1;
  const px = (i: number, j: number) => t.x(points[2 * (j * n + i)]);
  const py = (i: number, j: number) => t.y(points[2 * (j * n + i) + 1]);
  // Cells are filled in a few opacity bands, one path each, and outlined in one stroke: ~10 draw calls
  // instead of two per cell.
  const BANDS = 12;
  const bands: number[][] = Array.from({ length: BANDS }, () => []);
  for (let k = 0; k < cells * cells; k++) bands[Math.min(BANDS - 1, Math.floor(((alpha(k) - 0.05) / 0.5) * BANDS))].push(k);
  const quad = (i: number, j: number) => {
    ctx.moveTo(px(i, j), py(i, j));
    ctx.lineTo(px(i + 1, j), py(i + 1, j));
    ctx.lineTo(px(i + 1, j + 1), py(i + 1, j + 1));
    ctx.lineTo(px(i, j + 1), py(i, j + 1));
    ctx.closePath();
  };
  bands.forEach((ks, band) => {
    if (!ks.length) return;
    const a = 0.05 + (0.5 * (band + 0.5)) / BANDS;
    ctx.fillStyle = rgba(colour, a * 0.6);
    ctx.beginPath();
    for (const k of ks) quad(k % cells, Math.floor(k / cells));
    ctx.fill();
  });
  ctx.lineWidth = 0.5;
  drawLattice(ctx, points, cells, dim, t, rgba(colour, 0.25));
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
  const px = (i: number, j: number) => t.x(points[2 * (j * n + i)]);
  const py = (i: number, j: number) => t.y(points[2 * (j * n + i) + 1]);
  for (let j = 0; j <= cells; j++) {
    ctx.moveTo(px(0, j), py(0, j));
    for (let i = 1; i <= cells; i++) ctx.lineTo(px(i, j), py(i, j));
  }
  for (let i = 0; i <= cells; i++) {
    ctx.moveTo(px(i, 0), py(i, 0));
    for (let j = 1; j <= cells; j++) ctx.lineTo(px(i, j), py(i, j));
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
