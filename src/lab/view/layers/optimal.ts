// The optimal discriminator D* = p_data / (p_data + p_g) against the current fakes (Goodfellow et al. 2014,
// Proposition 1), drawn like the heatmap so the two can be compared: green where the real data outnumbers the
// fakes, purple where the fakes do, grey where they balance, and nothing where neither lands (D* is undefined
// there). The frame carries it only for losses that have such an optimum (the log and least-squares losses).
import { cssVar } from '../../../styles/palette';
import type { TrainerFrame } from '../../model/types';
import type { Colours } from '../palette';
import type { Transform } from '../plot';
import { heatmapColor } from './heatmap';
import { defineLayer } from './layer';

// One reusable res x res bitmap, drawn scaled (as the heatmap does), not res^2 rectangles.
let bitmap: { canvas: HTMLCanvasElement | OffscreenCanvas; res: number } | null = null;

function canvasFor(res: number): HTMLCanvasElement | OffscreenCanvas | null {
  if (!bitmap || bitmap.res !== res) {
    const canvas =
      typeof OffscreenCanvas !== 'undefined'
        ? new OffscreenCanvas(res, res)
        : typeof document !== 'undefined'
          ? Object.assign(document.createElement('canvas'), { width: res, height: res })
          : null;
    if (!canvas) return null;
    bitmap = { canvas, res };
  }
  return bitmap.canvas;
}

/** D*'s colour at each cell as RGBA bytes, row-major from the top (yMax); transparent where D* is undefined. */
export function optimalPixels(values: Float32Array, res: number, colours: Colours): Uint8ClampedArray {
  const px = new Uint8ClampedArray(4 * res * res);
  for (let j = 0; j < res; j++)
    for (let i = 0; i < res; i++) {
      const v = values[j * res + i];
      if (!Number.isFinite(v)) continue;
      const [r, g, b, a] = heatmapColor(v, colours);
      // values are row-major from yMin; image rows run from the top
      const o = 4 * ((res - 1 - j) * res + i);
      px.set([r, g, b, Math.round(a * 255)], o);
    }
  return px;
}

export function drawOptimal(ctx: CanvasRenderingContext2D, frame: TrainerFrame, t: Transform, colours: Colours): void {
  const opt = frame.optimal;
  if (!opt || opt.values.length < opt.res * opt.res) return;
  const b = frame.bounds;
  const x0 = t.x(b.xMin), x1 = t.x(b.xMax), yTop = t.y(b.yMax), yBottom = t.y(b.yMin);
  const px = optimalPixels(opt.values, opt.res, colours);
  const canvas = typeof ctx.createImageData === 'function' ? canvasFor(opt.res) : null;
  const bctx = canvas?.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null | undefined;
  if (canvas && bctx) {
    const img = bctx.createImageData(opt.res, opt.res);
    img.data.set(px);
    bctx.putImageData(img, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(canvas as CanvasImageSource, x0, yTop, x1 - x0, yBottom - yTop);
    return;
  }
  // Fallback (no image support, e.g. a recording test context): one rectangle per defined cell.
  const cw = (x1 - x0) / opt.res, ch = (yBottom - yTop) / opt.res;
  for (let row = 0; row < opt.res; row++)
    for (let i = 0; i < opt.res; i++) {
      const o = 4 * (row * opt.res + i);
      if (px[o + 3] === 0) continue;
      ctx.fillStyle = `rgba(${px[o]},${px[o + 1]},${px[o + 2]},${px[o + 3] / 255})`;
      ctx.fillRect(x0 + i * cw, yTop + row * ch, cw + 0.5, ch + 0.5);
    }
}

export const optimal = defineLayer({
  name: 'optimal',
  key: '6',
  label: { en: 'Optimal D*', zh: '最优判别器 D*' },
  description: {
    en: 'the best possible discriminator against the current fakes, p_data / (p_data + p_g): green where real data outnumbers the fakes, purple where the fakes do, blank where neither lands (log and least-squares losses only)',
    zh: '针对当前假样本最好的判别器 p_data / (p_data + p_g)：真实数据多于假样本处为绿色，假样本更多处为紫色，两者都没有的地方留空（仅限对数损失和最小二乘损失）',
  },
  box: 'discriminator',
  colour: 'undecided',
  swatch: { shape: 'square', background: `linear-gradient(135deg, ${cssVar('fake')}, ${cssVar('undecided')}, ${cssVar('real')})` },
  depth: 0.5,
  underGrid: true,
  hidden: true,
  draw: ({ ctx, frame, t, colours }) => drawOptimal(ctx, frame, t, colours),
});
