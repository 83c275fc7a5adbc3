// The layered distributions view: the registry's layers (layers/index.ts: D's heatmap, G's manifold, real and
// fake samples, the gradient lines at the fakes) drawn from one TrainerFrame onto a 2-D canvas, with axes in data
// units. Drawing is a pure function of (frame, size, visible layers, colours); the class only owns the canvas.
import { PALETTE } from '../../styles/palette';
import type { GanConfig } from '../model/config';
import type { TrainerFrame } from '../model/types';
import { drawCached } from './layer-cache';
import { drawLattice } from './layers/manifold';
import { DEFAULT_LAYERS, isLayerName, LAYERS_BY_DEPTH, type LayerDraw, type LayerVisibility } from './layers';
import { morphFrame, noiseGridPoints } from './morph';
import { rgba, type Colours } from './palette';
import { DEFAULT_MARGINS, drawAxes, drawGrid, makeTransform, type Margins, type Transform } from './plot';

export interface DrawOptions {
  width: number;
  height: number;
  layers: LayerVisibility;
  colours?: Colours;
  margins?: Margins;
  axes?: boolean;
  /** Layers lit by a hover on the model graph or the legend: drawn even if hidden, every other layer faded. */
  focus?: ReadonlySet<string>;
}

const NO_DATA = new Float32Array(0);

/** Draws one frame. `ctx` must already be scaled so that one unit is one CSS pixel. */
export function drawFrame(ctx: CanvasRenderingContext2D, frame: TrainerFrame, o: DrawOptions): Transform {
  const colours = o.colours ?? PALETTE.light;
  const t = makeTransform(frame.bounds, o.width, o.height, o.margins ?? DEFAULT_MARGINS);
  const { left, top, width: pw, height: ph } = t.plot;
  ctx.save();
  ctx.fillStyle = colours['plot-bg'];
  ctx.fillRect(0, 0, o.width, o.height);
  ctx.beginPath();
  ctx.rect(left, top, pw, ph);
  ctx.clip();
  const d: LayerDraw = { ctx, frame, t, colours, pointRadius: 2.2, gradientLength: 22 };
  const focus = o.focus?.size ? o.focus : null;
  const shown = LAYERS_BY_DEPTH.filter((l) => o.layers[l.name] || focus?.has(l.name));
  const draw = (l: (typeof shown)[number]) => {
    ctx.globalAlpha = focus && !focus.has(l.name) ? 0.15 : 1;
    l.draw(d);
    ctx.globalAlpha = 1;
  };
  for (const l of shown) if (l.underGrid) draw(l);
  if (o.axes !== false) drawGrid(ctx, frame.bounds, t, colours);
  for (const l of shown) if (!l.underGrid) draw(l);
  ctx.restore();
  // The axes change only with the bounds, the size and the colour: drawn once, then copied (their labels' text
  // measured and drawn at every frame was a good share of a small canvas's redraw).
  if (o.axes !== false) {
    const b = frame.bounds;
    const key = `${b.xMin},${b.xMax},${b.yMin},${b.yMax}|${o.width}x${o.height}|${left},${top},${pw},${ph}|${colours.axis}`;
    drawCached(ctx, 'axes', NO_DATA, key, (c) => drawAxes(c, b, t, colours));
  }
  return t;
}

/** Owns one canvas: sizes it for the device pixel ratio, keeps the last frame, redraws on demand. */
export class LayeredCanvas {
  readonly canvas: HTMLCanvasElement;
  layers: LayerVisibility = { ...DEFAULT_LAYERS };
  private colours: Colours = PALETTE.light;
  private last?: TrainerFrame;
  private focus = new Set<string>();
  private morph: { noise: GanConfig['noise']; t: number | 'static' } | null = null;
  private cssW = 0;
  private cssH = 0;
  /** The element's border box as a ResizeObserver last reported it (undefined until one has). */
  private box?: { w: number; h: number };

  constructor(canvas: HTMLCanvasElement) {
    this.canvas = canvas;
  }

  /**
   * The size a ResizeObserver saw: draws then read no layout. Reading it per draw forced a style and layout pass
   * every frame, a large share of the page's time with a comparison figure's four labs redrawing.
   */
  setBoxSize(width: number, height: number) {
    this.box = { w: width, h: height };
  }

  /** Matches the backing store to the element's CSS size; returns true if it changed. */
  resize(): boolean {
    const rect = this.box ? { width: this.box.w, height: this.box.h } : this.canvas.getBoundingClientRect();
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
    const m = this.morph;
    const shown = m && typeof m.t === 'number' ? morphFrame(this.last, this.grid(m.noise, this.last), m.t) : this.last;
    const focus = m ? new Set([...this.focus, 'manifold']) : this.focus;
    const t = drawFrame(ctx, shown, { width: this.cssW, height: this.cssH, layers: this.layers, colours: this.colours, focus });
    if (m?.t === 'static') {
      // Reduced motion: the noise grid (before) drawn over the manifold (after), no animation.
      ctx.save();
      ctx.setLineDash([3, 3]);
      drawLattice(ctx, this.grid(m.noise, this.last), this.last.manifold.cells, this.last.manifold.dim, t, rgba(this.colours.axis, 0.8));
      ctx.restore();
    }
  }

  private grid(noise: GanConfig['noise'], f: TrainerFrame): Float32Array {
    return noiseGridPoints(noise, f.manifold.cells, f.manifold.dim, f.bounds);
  }

  /** Lights these layers (a hover on the graph or the legend), or none. */
  setFocus(names: Iterable<string>) {
    const next = new Set(names);
    if (next.size === this.focus.size && [...next].every((n) => this.focus.has(n))) return;
    this.focus = next;
    this.draw();
  }

  /** Draws the manifold `t` of the way from the noise grid ('static': the grid over the manifold), or live (null). */
  setMorph(morph: { noise: GanConfig['noise']; t: number | 'static' } | null) {
    this.morph = morph;
    this.draw();
  }

  /** Shows or hides layers by name (names not in the registry are ignored). */
  setLayers(patch: Partial<Record<string, boolean>>) {
    const next = { ...this.layers };
    for (const [name, on] of Object.entries(patch)) if (isLayerName(name) && typeof on === 'boolean') next[name] = on;
    // A lesson step sets every layer on arrival, usually to what is shown already: skip the redraw (~10 ms).
    const same = (Object.keys(next) as (keyof LayerVisibility)[]).every((k) => next[k] === this.layers[k]);
    this.layers = next;
    if (!same) this.draw();
  }

  setColours(colours: Colours) {
    this.colours = colours;
    this.draw();
  }
}
