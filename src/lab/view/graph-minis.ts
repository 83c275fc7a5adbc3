// The model graph's live miniatures, one per box of the graph table (src/lab/graph-parts.ts): each draws what its
// box stands for, from the latest frame, on a 64 x 64 canvas.
import type { GraphBox } from '../graph-parts';
import { t } from '../i18n';
import type { TrainerFrame } from '../model/types';
import { drawGradients } from './layers/gradients';
import { drawHeatmap } from './layers/heatmap';
import { drawManifold } from './layers/manifold';
import { rgba, type Colours } from './palette';
import { drawPoints, type Transform } from './plot';

/** Side of a miniature in its own units. */
export const MINI = 64;

export interface MiniDraw {
  ctx: CanvasRenderingContext2D;
  frame: TrainerFrame;
  /** Data units -> miniature units. */
  t: Transform;
  colours: Colours;
  noiseDim: number;
  /** Recent D and G losses, oldest first. */
  losses: readonly { d: number; g: number }[];
}

/** D's output at a data point, read (nearest cell) from the frame's heatmap; NaN outside the view. */
export function lookupD(frame: TrainerFrame, x: number, y: number): number {
  const { res, values } = frame.heatmap;
  const b = frame.bounds;
  const i = Math.floor(((x - b.xMin) / (b.xMax - b.xMin)) * res);
  const j = Math.floor(((y - b.yMin) / (b.yMax - b.yMin)) * res);
  if (!(i >= 0 && i < res && j >= 0 && j < res)) return NaN;
  return values[j * res + i];
}

/** Histograms of D's predictions on the real and the fake samples (shares per bin over [0, 1]). */
export function predictionHistogram(frame: TrainerFrame, bins = 10): { real: number[]; fake: number[] } {
  const hist = (pts: Float32Array) => {
    const out = new Array<number>(bins).fill(0);
    let n = 0;
    for (let k = 0; k + 1 < pts.length; k += 2) {
      const p = lookupD(frame, pts[k], pts[k + 1]);
      if (!Number.isFinite(p)) continue;
      out[Math.min(bins - 1, Math.max(0, Math.floor(p * bins)))] += 1;
      n += 1;
    }
    return out.map((c) => (n ? c / n : 0));
  };
  return { real: hist(frame.real), fake: hist(frame.fake) };
}

function noise({ ctx, colours, noiseDim }: MiniDraw) {
  const n = 9;
  const S = MINI;
  ctx.fillStyle = rgba(colours.axis, 0.8);
  ctx.beginPath();
  for (let j = 0; j < (noiseDim === 1 ? 1 : n); j++)
    for (let i = 0; i < n; i++) {
      const x = 6 + (i * (S - 12)) / (n - 1);
      const y = noiseDim === 1 ? S / 2 : 6 + (j * (S - 12)) / (n - 1);
      ctx.moveTo(x + 1.3, y);
      ctx.arc(x, y, 1.3, 0, Math.PI * 2);
    }
  ctx.fill();
}

function predictions({ ctx, frame, colours }: MiniDraw) {
  const S = MINI;
  const hist = predictionHistogram(frame, 10);
  const bw = (S - 8) / 10;
  const maxH = Math.max(...hist.real, ...hist.fake, 0.01);
  for (let b = 0; b < 10; b++) {
    const hr = (hist.real[b] / maxH) * (S - 14);
    const hf = (hist.fake[b] / maxH) * (S - 14);
    ctx.fillStyle = rgba(colours.real, 0.55);
    ctx.fillRect(4 + b * bw, S - 8 - hr, bw - 1, hr);
    ctx.fillStyle = rgba(colours.fake, 0.55);
    ctx.fillRect(4 + b * bw, S - 8 - hf, bw - 1, hf);
  }
  ctx.fillStyle = colours.axis;
  ctx.fillRect(4, S - 8, S - 8, 1);
}

/** The Loss box: D's and G's latest losses as numbers over a sparkline of the recent ones (never blank). */
function loss({ ctx, losses: L, colours }: MiniDraw) {
  const S = MINI;
  ctx.font = '9px system-ui, sans-serif';
  ctx.textBaseline = 'top';
  const last = L[L.length - 1];
  if (!last) {
    ctx.fillStyle = colours.axis;
    ctx.textAlign = 'center';
    ctx.fillText(t('graph.noLoss'), S / 2, S / 2 - 5);
    ctx.textAlign = 'start';
    return;
  }
  ctx.fillStyle = colours.real;
  ctx.fillText(`D ${last.d.toFixed(3)}`, 4, 3);
  ctx.fillStyle = colours.fake;
  ctx.fillText(`G ${last.g.toFixed(3)}`, 4, 13);
  let lo = Infinity;
  let hi = -Infinity;
  for (const l of L) {
    lo = Math.min(lo, l.d, l.g);
    hi = Math.max(hi, l.d, l.g);
  }
  if (!(hi > lo)) hi = lo + 1;
  const top = 26;
  const yOf = (v: number) => S - 6 - ((v - lo) / (hi - lo)) * (S - 6 - top);
  const line = (key: 'd' | 'g', color: string) => {
    ctx.strokeStyle = color;
    ctx.fillStyle = color;
    ctx.lineWidth = 1.5;
    if (L.length === 1) {
      ctx.beginPath();
      ctx.arc(S / 2, yOf(L[0][key]), 2, 0, Math.PI * 2);
      ctx.fill();
      return;
    }
    ctx.beginPath();
    L.forEach((l, i) => {
      const x = 4 + (i * (S - 8)) / (L.length - 1);
      const y = yOf(l[key]);
      if (i === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    });
    ctx.stroke();
  };
  line('d', colours.real);
  line('g', colours.fake);
}

/** One miniature per box: the compiler asks for one when a box is added to the table. */
export const MINIS: Record<GraphBox, (m: MiniDraw) => void> = {
  noise,
  generator: ({ ctx, frame, t, colours }) => drawManifold(ctx, frame, t, colours.fake),
  fake: ({ ctx, frame, t, colours }) => drawPoints(ctx, frame.fake, t, rgba(colours.fake, 0.85), 1.1),
  real: ({ ctx, frame, t, colours }) => drawPoints(ctx, frame.real, t, rgba(colours.real, 0.6), 1.1),
  discriminator: ({ ctx, frame, t, colours }) => drawHeatmap(ctx, frame, t, colours),
  predictions,
  loss,
  gradients: ({ ctx, frame, t, colours }) => {
    drawPoints(ctx, frame.fake, t, rgba(colours.fake, 0.5), 0.9);
    drawGradients(ctx, frame.fake, frame.fakeGradient, t, 8, colours.grad);
  },
};
