// The gradients: from each fake, a line along -gradient (where the generator's loss pushes it), in pink.
import type { Transform } from '../plot';
import { defineLayer } from './layer';

/** Segments [x0, y0, x1, y1, ...] in CSS px, scaled so the longest is `maxLen` px. */
export function gradientSegments(fake: Float32Array, grad: Float32Array, t: Transform, maxLen: number): number[] {
  let gMax = 0;
  for (let k = 0; k + 1 < grad.length; k += 2) {
    const len = Math.hypot(t.x(grad[k]) - t.x(0), t.y(grad[k + 1]) - t.y(0));
    if (Number.isFinite(len) && len > gMax) gMax = len;
  }
  const out: number[] = [];
  if (!(gMax > 0)) return out;
  const s = maxLen / gMax;
  for (let k = 0; k + 1 < fake.length && k + 1 < grad.length; k += 2) {
    const x = t.x(fake[k]);
    const y = t.y(fake[k + 1]);
    const dx = -(t.x(grad[k]) - t.x(0)) * s;
    const dy = -(t.y(grad[k + 1]) - t.y(0)) * s;
    if (![x, y, dx, dy].every(Number.isFinite)) continue;
    out.push(x, y, x + dx, y + dy);
  }
  return out;
}

export function drawGradients(ctx: CanvasRenderingContext2D, fake: Float32Array, grad: Float32Array, t: Transform, maxLen: number, colour: string) {
  const seg = gradientSegments(fake, grad, t, maxLen);
  ctx.strokeStyle = colour;
  const alpha = ctx.globalAlpha; // the view fades a layer that a hover does not light (multiply, do not replace)
  ctx.globalAlpha = alpha * 0.8;
  ctx.lineWidth = 1; // one pixel: the rasterizer's fast path (1.2 px cost five times as much on a software canvas)
  ctx.beginPath();
  for (let k = 0; k < seg.length; k += 4) {
    ctx.moveTo(seg[k], seg[k + 1]);
    ctx.lineTo(seg[k + 2], seg[k + 3]);
  }
  ctx.stroke();
  ctx.globalAlpha = alpha;
}

export const gradients = defineLayer({
  name: 'gradients',
  key: '5',
  label: { en: 'Gradients', zh: '梯度' },
  description: { en: 'where the generator loss pushes each fake', zh: '生成器的损失把每个假样本推向哪里' },
  box: 'gradients',
  colour: 'grad',
  swatch: { shape: 'line' },
  depth: 4,
  draw: ({ ctx, frame, t, colours, gradientLength }) => drawGradients(ctx, frame.fake, frame.fakeGradient, t, gradientLength, colours.grad),
});
