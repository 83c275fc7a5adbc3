// Plot geometry and the marks every canvas view shares: data units <-> CSS pixels, round ticks, point clouds, the
// grid and the axes. Pure functions of their arguments (a canvas context is passed in).
import type { Bounds } from '../model/types';
import type { Colours } from './palette';

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

/**
 * Tick values to label along `px` pixels: niceTicks' count lowered until neighbouring labels are `space(ticks)` px
 * apart (a comparison figure's small canvases on a phone ran "-1.5-0.5 0.5 1.5" together).
 */
export function labelTicks(min: number, max: number, px: number, space: (ticks: number[]) => number): number[] {
  for (let count = 5; count >= 2; count--) {
    const ticks = niceTicks(min, max, count);
    if (ticks.length < 2 || (px * (ticks[1] - ticks[0])) / (max - min) >= space(ticks)) return ticks;
  }
  return niceTicks(min, max, 1);
}

/** One filled disc per (x, y) pair, in one path. */
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

export function drawGrid(ctx: CanvasRenderingContext2D, b: Bounds, t: Transform, colours: Colours) {
  ctx.strokeStyle = colours.grid;
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

export function drawAxes(ctx: CanvasRenderingContext2D, b: Bounds, t: Transform, colours: Colours) {
  const { left, top, width: pw, height: ph } = t.plot;
  ctx.strokeStyle = colours.axis;
  ctx.fillStyle = colours.axis;
  ctx.lineWidth = 1;
  ctx.strokeRect(left + 0.5, top + 0.5, pw - 1, ph - 1);
  ctx.font = '10px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  const label = (v: number) => String(Number(v.toPrecision(3)));
  const widest = (ticks: number[]) => Math.max(0, ...ticks.map((v) => ctx.measureText(label(v)).width)) + 6;
  for (const v of labelTicks(b.xMin, b.xMax, pw, widest)) ctx.fillText(label(v), t.x(v), top + ph + 4);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const v of labelTicks(b.yMin, b.yMax, ph, () => 13)) ctx.fillText(label(v), left - 4, t.y(v));
}
