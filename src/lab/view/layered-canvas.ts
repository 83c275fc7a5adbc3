// The layered distributions view: D's heatmap, G's manifold, real and fake samples and the gradient lines at
// the fakes, drawn from one TrainerFrame onto a 2-D canvas, with axes in data units. Drawing is a pure function
// of (frame, size, visible layers); the class only owns the canvas and its size.
import type { Bounds, TrainerFrame } from '../model/types';

export const LAYER_NAMES = ['heatmap', 'manifold', 'real', 'fake', 'gradient'] as const;
export type LayerName = (typeof LAYER_NAMES)[number];
export type LayerVisibility = Record<LayerName, boolean>;

export const DEFAULT_LAYERS: LayerVisibility = { heatmap: true, manifold: true, real: true, fake: true, gradient: true };

/** The legend: what each layer is called, its colour, and what it shows. */
export const LAYER_INFO: Record<LayerName, { label: string; color: string; description: string }> = {
  real: { label: 'Real samples', color: '#1a9850', description: 'samples from the real distribution' },
  fake: { label: 'Fake samples', color: '#7b3fb5', description: "the generator's samples for a fixed noise batch" },
  manifold: { label: 'Generator manifold', color: '#a57fd1', description: 'the noise grid carried through G; opacity shows density' },
  heatmap: { label: 'Discriminator', color: '#9ecf9e', description: 'green where D says real, purple where it says fake, grey where it cannot tell' },
  gradient: { label: 'Gradients', color: '#e7298a', description: 'where the generator loss pushes each fake' },
};

export const COLORS = {
  real: [26, 152, 80] as const,
  fake: [123, 63, 181] as const,
  undecided: [226, 226, 226] as const,
  gradient: '#e7298a',
  axis: '#555',
  grid: 'rgba(0,0,0,0.06)',
  background: '#fff',
};

export interface Margins {
  left: number;
  right: number;
  top: number;
  bottom: number;
}
export const DEFAULT_MARGINS: Margins = { left: 34, right: 8, top: 8, bottom: 22 };

/** Maps data units to CSS pixels inside the plot area (y grows upward in data, downward on screen). */
export interface Transform {
  x(v: number): number;
  y(v: number): number;
  /** CSS pixel -> data units. */
  invert(px: number, py: number): [number, number];
  plot: { left: number; top: number; width: number; height: number };
}

export function makeTransform(bounds: Bounds, width: number, height: number, m: Margins = DEFAULT_MARGINS): Transform {
  const pw = Math.max(1, width - m.left - m.right);
  const ph = Math.max(1, height - m.top - m.bottom);
  const sx = pw / (bounds.xMax - bounds.xMin || 1);
  const sy = ph / (bounds.yMax - bounds.yMin || 1);
  return {
    x: (v) => m.left + (v - bounds.xMin) * sx,
    y: (v) => m.top + ph - (v - bounds.yMin) * sy,
    invert: (px, py) => [bounds.xMin + (px - m.left) / sx, bounds.yMin + (m.top + ph - py) / sy],
    plot: { left: m.left, top: m.top, width: pw, height: ph },
  };
}

/** Round tick values covering [min, max], about `count` of them (1, 2, 5 x 10^k steps). */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min) || !Number.isFinite(min) || !Number.isFinite(max)) return [];
  const raw = (max - min) / Math.max(1, count);
  const pow = 10 ** Math.floor(Math.log10(raw));
  const err = raw / pow;
  const step = (err >= 7.07 ? 10 : err >= 3.16 ? 5 : err >= 1.41 ? 2 : 1) * pow;
  const out: number[] = [];
  const start = Math.ceil(min / step - 1e-9) * step;
  for (let v = start; v <= max + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

/** D's output p (probability of real) -> RGBA: purple at 0, light grey at 0.5, green at 1. */
export function heatmapColor(p: number, alpha = 0.55): [number, number, number, number] {
  const q = Number.isFinite(p) ? Math.min(1, Math.max(0, p)) : 0.5;
  const t = Math.sqrt(Math.abs(q - 0.5) * 2); // 0 undecided .. 1 sure (square root: small leanings show)
  const target = q >= 0.5 ? COLORS.real : COLORS.fake;
  const u = COLORS.undecided;
  const mix = (i: number) => Math.round(u[i] + (target[i] - u[i]) * t);
  return [mix(0), mix(1), mix(2), alpha];
}

const rgba = (c: readonly number[], a: number) => `rgba(${c[0]},${c[1]},${c[2]},${a})`;

export interface DrawOptions {
  width: number;
  height: number;
  layers: LayerVisibility;
  margins?: Margins;
  /** Longest gradient line, CSS px. */
  gradientLength?: number;
  pointRadius?: number;
  axes?: boolean;
}

/** Draws one frame. `ctx` must already be scaled so that one unit is one CSS pixel. */
export function drawFrame(ctx: CanvasRenderingContext2D, frame: TrainerFrame, o: DrawOptions): Transform {
  const t = makeTransform(frame.bounds, o.width, o.height, o.margins ?? DEFAULT_MARGINS);
  const { left, top, width: pw, height: ph } = t.plot;
  ctx.save();
  ctx.fillStyle = COLORS.background;
  ctx.fillRect(0, 0, o.width, o.height);
  ctx.beginPath();
  ctx.rect(left, top, pw, ph);
  ctx.clip();
  if (o.layers.heatmap) drawHeatmap(ctx, frame, t);
  if (o.axes !== false) drawGrid(ctx, frame.bounds, t);
  if (o.layers.manifold) drawManifold(ctx, frame, t);
  const r = o.pointRadius ?? 2.2;
  if (o.layers.real) drawPoints(ctx, frame.real, t, rgba(COLORS.real, 0.55), r);
  if (o.layers.fake) drawPoints(ctx, frame.fake, t, rgba(COLORS.fake, 0.85), r);
  if (o.layers.gradient) drawGradients(ctx, frame.fake, frame.fakeGradient, t, o.gradientLength ?? 22);
  ctx.restore();
  if (o.axes !== false) drawAxes(ctx, frame.bounds, t);
  return t;
}

// One reusable res x res bitmap: the heatmap is drawn as a single scaled image, not res^2 rectangles
// (900 fillRect calls cost several ms a frame on a slow machine).
let heatBitmap: { canvas: HTMLCanvasElement | OffscreenCanvas; res: number } | null = null;

function heatmapBitmap(res: number): { canvas: HTMLCanvasElement | OffscreenCanvas; ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D } | null {
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
  return ctx ? { canvas: heatBitmap.canvas, ctx } : null;
}

export function drawHeatmap(ctx: CanvasRenderingContext2D, frame: TrainerFrame, t: Transform) {
  const { res, values } = frame.heatmap;
  if (!res || values.length < res * res) return;
  const b = frame.bounds;
  const bmp = typeof ctx.createImageData === 'function' ? heatmapBitmap(res) : null;
  if (bmp) {
    const img = bmp.ctx.createImageData(res, res);
    for (let j = 0; j < res; j++)
      for (let i = 0; i < res; i++) {
        const [r, g, bl, a] = heatmapColor(values[j * res + i]);
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
      const [r, g, bl, a] = heatmapColor(values[j * res + i]);
      ctx.fillStyle = `rgba(${r},${g},${bl},${a})`;
      const x0 = t.x(b.xMin + i * cw);
      // +0.5 px overlap hides the seams between cells
      ctx.fillRect(x0, y0, t.x(b.xMin + (i + 1) * cw) - x0 + 0.5, y1 - y0 + 0.5);
    }
  }
}

function maxOf(a: Float32Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) if (Number.isFinite(a[i]) && a[i] > m) m = a[i];
  return m;
}

export function drawManifold(ctx: CanvasRenderingContext2D, frame: TrainerFrame, t: Transform) {
  const { cells, points, density, dim } = frame.manifold;
  if (!cells || !points.length) return;
  const dMax = maxOf(density) || 1;
  const alpha = (k: number) => 0.05 + 0.5 * Math.min(1, Math.max(0, (density[k] ?? 0) / dMax));
  if (dim === 1) {
    ctx.lineWidth = 3;
    ctx.lineCap = 'round';
    for (let k = 0; k < cells && 2 * k + 3 < points.length; k++) {
      ctx.strokeStyle = rgba(COLORS.fake, alpha(k) + 0.2);
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
    ctx.fillStyle = rgba(COLORS.fake, a * 0.6);
    ctx.beginPath();
    for (const k of ks) quad(k % cells, Math.floor(k / cells));
    ctx.fill();
  });
  ctx.lineWidth = 0.5;
  ctx.strokeStyle = rgba(COLORS.fake, 0.25);
  ctx.beginPath();
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

export function drawPoints(ctx: CanvasRenderingContext2D, pts: Float32Array, t: Transform, color: string, r: number) {
  ctx.fillStyle = color;
  ctx.beginPath();
  for (let k = 0; k + 1 < pts.length; k += 2) {
    const x = t.x(pts[k]);
    const y = t.y(pts[k + 1]);
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    ctx.moveTo(x + r, y);
    ctx.arc(x, y, r, 0, Math.PI * 2);
  }
  ctx.fill();
}

/** Lines from each fake along -gradient (where the generator pushes it), scaled so the longest is `maxLen` px. */
export function gradientSegments(fake: Float32Array, grad: Float32Array, t: Transform, maxLen: number): number[] {
  let gMax = 0;
  for (let k = 0; k + 1 < grad.length; k += 2) {
    const gx = (t.x(grad[k]) - t.x(0)) as number;
    const gy = (t.y(grad[k + 1]) - t.y(0)) as number;
    const len = Math.hypot(gx, gy);
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

export function drawGradients(ctx: CanvasRenderingContext2D, fake: Float32Array, grad: Float32Array, t: Transform, maxLen: number) {
  const seg = gradientSegments(fake, grad, t, maxLen);
  ctx.strokeStyle = COLORS.gradient;
  ctx.globalAlpha = 0.8;
  ctx.lineWidth = 1.2;
  ctx.beginPath();
  for (let k = 0; k < seg.length; k += 4) {
    ctx.moveTo(seg[k], seg[k + 1]);
    ctx.lineTo(seg[k + 2], seg[k + 3]);
  }
  ctx.stroke();
  ctx.globalAlpha = 1;
}

function drawGrid(ctx: CanvasRenderingContext2D, b: Bounds, t: Transform) {
  ctx.strokeStyle = COLORS.grid;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (const v of niceTicks(b.xMin, b.xMax)) {
    ctx.moveTo(Math.round(t.x(v)) + 0.5, t.plot.top);
    ctx.lineTo(Math.round(t.x(v)) + 0.5, t.plot.top + t.plot.height);
  }
  for (const v of niceTicks(b.yMin, b.yMax)) {
    ctx.moveTo(t.plot.left, Math.round(t.y(v)) + 0.5);
    ctx.lineTo(t.plot.left + t.plot.width, Math.round(t.y(v)) + 0.5);
  }
  ctx.stroke();
}

function drawAxes(ctx: CanvasRenderingContext2D, b: Bounds, t: Transform) {
  const { left, top, width: pw, height: ph } = t.plot;
  ctx.strokeStyle = COLORS.axis;
  ctx.fillStyle = COLORS.axis;
  ctx.lineWidth = 1;
  ctx.strokeRect(left + 0.5, top + 0.5, pw - 1, ph - 1);
  ctx.font = '10px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  const label = (v: number) => String(Number(v.toPrecision(3)));
  for (const v of niceTicks(b.xMin, b.xMax)) ctx.fillText(label(v), t.x(v), top + ph + 4);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const v of niceTicks(b.yMin, b.yMax)) ctx.fillText(label(v), left - 4, t.y(v));
}

/** Owns one canvas: sizes it for the device pixel ratio, keeps the last frame, redraws on demand. */
export class LayeredCanvas {
  readonly canvas: HTMLCanvasElement;
  layers: LayerVisibility = { ...DEFAULT_LAYERS };
  private last?: TrainerFrame;
  private transform?: Transform;
  private cssW = 0;
  private cssH = 0;

  constructor(canvas: HTMLCanvasElement) {
    this.canvas = canvas;
  }

  /** Matches the backing store to the element's CSS size; returns true if it changed. */
  resize(): boolean {
    const rect = this.canvas.getBoundingClientRect();
    const w = Math.max(50, Math.round(rect.width));
    const h = Math.max(50, Math.round(rect.height || rect.width));
    const dpr = Math.min(3, globalThis.devicePixelRatio || 1);
    if (w === this.cssW && h === this.cssH && this.canvas.width === Math.round(w * dpr)) return false;
    this.cssW = w;
    this.cssH = h;
    this.canvas.width = Math.round(w * dpr);
    this.canvas.height = Math.round(h * dpr);
    return true;
  }

  draw(frame?: TrainerFrame) {
    if (frame) this.last = frame;
    if (!this.last) return;
    this.resize();
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    const dpr = this.canvas.width / this.cssW;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    this.transform = drawFrame(ctx, this.last, { width: this.cssW, height: this.cssH, layers: this.layers });
  }

  setLayers(patch: Partial<LayerVisibility>) {
    const next = { ...this.layers, ...patch };
    // A lesson step sets all five layers on arrival, usually to what is shown already: skip the redraw (~10 ms).
    const same = (Object.keys(next) as (keyof LayerVisibility)[]).every((k) => next[k] === this.layers[k]);
    this.layers = next;
    if (!same) this.draw();
  }

  /** Client (event) coordinates -> data units, with the last frame's bounds. */
  toData(clientX: number, clientY: number): [number, number] | undefined {
    if (!this.transform) return undefined;
    const r = this.canvas.getBoundingClientRect();
    return this.transform.invert(clientX - r.left, clientY - r.top);
  }

  get lastFrame(): TrainerFrame | undefined {
    return this.last;
  }
}
