// The discriminator's heatmap: D's output over the plane, purple where it says fake, green where it says real,
// grey where it cannot tell.
import { cssVar, PALETTE } from '../../../styles/palette';
import type { TrainerFrame } from '../../model/types';
import { rgb, type Colours } from '../palette';
import type { Transform } from '../plot';
import { defineLayer } from './layer';

type HeatColours = Pick<Colours, 'real' | 'fake' | 'undecided'>;

/** D's output p (probability of real) -> RGBA: fake's colour at 0, undecided at 0.5, real's at 1. */
export function heatmapColor(p: number, colours: HeatColours = PALETTE.light, alpha = 0.55): [number, number, number, number] {
  return heatmapScale(colours, alpha)(p);
}

/** heatmapColor with the colours parsed once (it runs for every cell of every frame). */
function heatmapScale(colours: HeatColours, alpha = 0.55): (p: number) => [number, number, number, number] {
  const real = rgb(colours.real);
  const fake = rgb(colours.fake);
  const u = rgb(colours.undecided);
  return (p) => {
    const q = Number.isFinite(p) ? Math.min(1, Math.max(0, p)) : 0.5;
    const t = Math.sqrt(Math.abs(q - 0.5) * 2); // 0 undecided .. 1 sure (square root: small leanings show)
    const target = q >= 0.5 ? real : fake;
    const mix = (i: number) => Math.round(u[i] + (target[i] - u[i]) * t);
    return [mix(0), mix(1), mix(2), alpha];
  };
}

// One reusable res x res bitmap: the heatmap is drawn as a single scaled image, not res^2 rectangles
// (900 fillRect calls cost several ms a frame on a slow machine).
// Its pixels are kept too (a new ImageData every frame was garbage for the collector at every redraw).
let heatBitmap: { canvas: HTMLCanvasElement | OffscreenCanvas; res: number; img?: ImageData } | null = null;

function heatmapBitmap(res: number): { canvas: HTMLCanvasElement | OffscreenCanvas; ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D; img: ImageData } | null {
  if (!heatBitmap || heatBitmap.res !== res) {
    const canvas =
      typeof OffscreenCanvas !== 'undefined'
        ? new OffscreenCanvas(res, res)
        : typeof document !== 'undefined'
          ? Object.assign(document.createElement('canvas'), { width: res, height: res })
          : null;
    if (!canvas) return null;
    heatBitmap = { canvas, res };
  }
  const ctx = heatBitmap.canvas.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
  if (!ctx) return null;
  heatBitmap.img ??= ctx.createImageData(res, res);
  return { canvas: heatBitmap.canvas, ctx, img: heatBitmap.img };
}

export function drawHeatmap(ctx: CanvasRenderingContext2D, frame: TrainerFrame, t: Transform, colours: Colours) {
  const { res, values } = frame.heatmap;
  if (!res || values.length < res * res) return;
  const b = frame.bounds;
  const colour = heatmapScale(colours);
  const bmp = typeof ctx.createImageData === 'function' ? heatmapBitmap(res) : null;
  if (bmp) {
    const img = bmp.img;
    for (let j = 0; j < res; j++)
      for (let i = 0; i < res; i++) {
        const [r, g, bl, a] = colour(values[j * res + i]);
        // values are row-major from yMin; image rows run from the top (yMax)
        const o = 4 * ((res - 1 - j) * res + i);
        img.data[o] = r;
        img.data[o + 1] = g;
        img.data[o + 2] = bl;
        img.data[o + 3] = Math.round(a * 255);
      }
    bmp.ctx.putImageData(img, 0, 0);
    const x0 = t.x(b.xMin), x1 = t.x(b.xMax), yTop = t.y(b.yMax), yBottom = t.y(b.yMin);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(bmp.canvas as CanvasImageSource, x0, yTop, x1 - x0, yBottom - yTop);
    return;
  }
  // Fallback (no image support, e.g. a recording test context): one rectangle per cell.
  const cw = (b.xMax - b.xMin) / res;
  const ch = (b.yMax - b.yMin) / res;
  for (let j = 0; j < res; j++) {
    const y0 = t.y(b.yMin + (j + 1) * ch);
    const y1 = t.y(b.yMin + j * ch);
    for (let i = 0; i < res; i++) {
      const [r, g, bl, a] = colour(values[j * res + i]);
      ctx.fillStyle = `rgba(${r},${g},${bl},${a})`;
      const x0 = t.x(b.xMin + i * cw);
      // +0.5 px overlap hides the seams between cells
      ctx.fillRect(x0, y0, t.x(b.xMin + (i + 1) * cw) - x0 + 0.5, y1 - y0 + 0.5);
    }
  }
}

export const heatmap = defineLayer({
  name: 'heatmap',
  key: '1',
  label: { en: 'Discriminator', zh: '判别器' },
  description: { en: 'green where D says real, purple where it says fake, grey where it cannot tell', zh: 'D 认为是真的地方为绿色，认为是假的地方为紫色，分不清的地方为灰色' },
  box: 'discriminator',
  colour: 'undecided',
  swatch: { shape: 'square', background: `linear-gradient(90deg, ${cssVar('fake')}, ${cssVar('undecided')}, ${cssVar('real')})` },
  depth: 0,
  underGrid: true,
  draw: ({ ctx, frame, t, colours }) => drawHeatmap(ctx, frame, t, colours),
});
