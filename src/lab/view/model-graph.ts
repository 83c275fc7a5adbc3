// The model overview graph: noise -> generator -> samples -> discriminator -> predictions -> loss -> gradients,
// an SVG built from the graph table (src/lab/graph-parts.ts) whose boxes each hold a live miniature
// (graph-minis.ts), with `highlight(target)` lighting a path.
import { PALETTE } from '../../styles/palette';
import { GRAPH_BOXES, GRAPH_EDGES, resolveHighlight, type GraphBox, type GraphEdge, type HighlightTarget } from '../graph-parts';
import type { Metrics, TrainerFrame } from '../model/types';
import { getLocale, t } from '../i18n';
import { h, svg } from './dom';
import { GRAPH_LAYOUTS, layoutScale, pickLayout, type GraphLayout, type GraphLayoutName, type GraphRoom } from './graph-layout';
import { layersOfBox, VIEW_LAYERS } from './layers';
import { MINI, MINIS } from './graph-minis';
import type { Colours } from './palette';
import { makeTransform } from './plot';

/** Points the Loss box's sparkline keeps. */
const LOSS_POINTS = 120;

/** A box's drawn parts, moved when the layout changes. */
interface BoxParts {
  rect: SVGRectElement;
  fo: SVGForeignObjectElement;
  text: SVGTextElement;
}

/** The SVG graph with live miniatures. */
export class ModelGraph {
  readonly root: SVGSVGElement;
  private boxes = new Map<GraphBox, SVGGElement>();
  private edges = new Map<GraphEdge, SVGPathElement>();
  private minis = new Map<GraphBox, HTMLCanvasElement>();
  /** The measured losses the Loss box draws (the history's last LOSS_POINTS), with their iterations. */
  private losses: { it: number; d: number; g: number }[] = [];
  private lastFrame?: TrainerFrame;
  private boxFrames = new Map<GraphBox, (f: TrainerFrame) => TrainerFrame>();
  private noiseDim = 2;
  private colours: Colours = PALETTE.light;
  private parts = new Map<GraphBox, BoxParts>();
  private mark?: { circle: SVGCircleElement; path: SVGPathElement };
  private layout: GraphLayout = GRAPH_LAYOUTS.wide;

  constructor() {
    const arrowId = `lab-arrow-${Math.random().toString(36).slice(2, 8)}`;
    this.root = svg('svg', { class: 'lab-graph', role: 'img', 'aria-label': t('view.graph') });
    const defs = svg('defs', {}, svg('marker', { id: arrowId, viewBox: '0 0 10 10', refX: 8, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'lab-graph-arrowhead' })));
    this.root.append(defs);
    for (const e of GRAPH_EDGES) {
      const p = svg('path', { class: `lab-graph-edge${e.startsWith('gradients') || e === 'loss-gradients' ? ' lab-graph-edge-back' : ''}`, 'data-edge': e, 'marker-end': `url(#${arrowId})` });
      this.edges.set(e, p);
      this.root.append(p);
    }
    for (const box of GRAPH_BOXES) this.root.append(this.box(box.name, box.label[getLocale()]));
    this.affordances();
    this.setLayout('wide');
  }

  /** The layout drawn now (`data-layout` on the SVG says it too). */
  get layoutName(): GraphLayoutName {
    return this.layout.name;
  }

  /** Draws the graph in the named layout (graph-layout.ts): every box, label, miniature and edge moves. */
  setLayout(name: GraphLayoutName) {
    const L = GRAPH_LAYOUTS[name];
    this.layout = L;
    const { box: B, mini: M } = L;
    this.root.setAttribute('viewBox', `0 0 ${L.width} ${L.height}`);
    this.root.dataset.layout = name;
    this.root.style.maxWidth = Number.isFinite(L.maxScale) ? `${L.width * L.maxScale}px` : '';
    this.root.style.setProperty('--lab-graph-label', `${L.label}px`);
    for (const [part, p] of this.parts) {
      const [cx, cy] = L.at[part];
      set(p.rect, { x: cx - B / 2, y: cy - B / 2, width: B, height: B });
      set(p.fo, { x: cx - M / 2, y: cy - B / 2 + (B - M) / 2 - 2, width: M, height: M });
      set(p.text, { x: cx, y: cy + B / 2 - 5 });
    }
    for (const [e, el] of this.edges) el.setAttribute('d', L.edge(e));
    if (this.mark) {
      const [cx, cy] = L.at.generator;
      set(this.mark.circle, { cx: cx + B / 2 - 9, cy: cy - B / 2 + 9, r: 7 });
      this.mark.path.setAttribute('d', `M ${cx + B / 2 - 11.5} ${cy - B / 2 + 5} l 6 4 l -6 4 z`);
    }
  }

  /**
   * Picks the layout for the room the graph has now (its box's width, its CSS max-height) and draws it: the one
   * whose labels come out larger. A hidden graph keeps its layout.
   */
  fit(): GraphLayoutName {
    const wrap = this.root.parentElement;
    if (!wrap || !this.root.isConnected) return this.layout.name;
    const maxH = parseFloat(getComputedStyle(this.root).maxHeight);
    const room: GraphRoom = { width: wrap.clientWidth, maxHeight: Number.isFinite(maxH) ? maxH : Infinity };
    const name = pickLayout(room, this.layout.name);
    if (name !== this.layout.name) this.setLayout(name);
    this.root.dataset.scale = layoutScale(this.layout, room).toFixed(3);
    return name;
  }

  /** The box's group element (hover and focus land on it). */
  boxElement(part: GraphBox): SVGGElement {
    return this.boxes.get(part)!;
  }

  /**
   * Boxes that stand for a layer of the view can be hovered or focused (the layer lights up); the generator's box
   * also plays its morph, and says so with a play mark and its label.
   */
  private affordances() {
    for (const [part, g] of this.boxes) {
      const layers = layersOfBox(part);
      if (part !== 'generator' && !layers.length) continue;
      const label = GRAPH_BOXES.find((b) => b.name === part)!.label[getLocale()];
      const what = part === 'generator' ? t('graph.generatorHint') : t('graph.layerHint', { layers: layers.map((n) => VIEW_LAYERS.find((l) => l.name === n)!.label[getLocale()]).join(t('settings.listJoin')) });
      g.setAttribute('tabindex', '0');
      g.setAttribute('role', part === 'generator' ? 'button' : 'img');
      g.setAttribute('aria-label', `${label}: ${what}`);
      g.classList.add('is-linkable');
      g.prepend(svg('title', {}, `${label}: ${what}`));
    }
    this.mark = { circle: svg('circle', {}) as SVGCircleElement, path: svg('path', {}) as SVGPathElement };
    this.boxes.get('generator')!.append(svg('g', { class: 'lab-graph-morph-mark', 'aria-hidden': 'true' }, this.mark.circle, this.mark.path));
  }

  /** Marks boxes linked to a hovered legend chip (or none). */
  setLinked(parts: Iterable<GraphBox>) {
    const set = new Set(parts);
    for (const [p, g] of this.boxes) g.classList.toggle('is-linked', set.has(p));
  }

  /** Shows a box's miniature through `fn` (the generator's, part-way through the morph) until given null. */
  transformBox(part: GraphBox, fn: ((f: TrainerFrame) => TrainerFrame) | null) {
    if (fn) this.boxFrames.set(part, fn);
    else this.boxFrames.delete(part);
    if (this.lastFrame) this.drawBox(part, this.lastFrame);
  }

  private drawBox(part: GraphBox, raw: TrainerFrame) {
    const frame = this.boxFrames.get(part)?.(raw) ?? raw;
    const canvas = this.minis.get(part);
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const t = makeTransform(frame.bounds, MINI, MINI, { left: 2, right: 2, top: 2, bottom: 2 });
    ctx.setTransform(canvas.width / MINI, 0, 0, canvas.height / MINI, 0, 0);
    ctx.clearRect(0, 0, MINI, MINI);
    MINIS[part]({ ctx, frame, t, colours: this.colours, noiseDim: this.noiseDim, losses: part === 'loss' ? this.lossesWith(raw) : this.losses });
  }

  private box(part: GraphBox, label: string): SVGGElement {
    const canvas = h('canvas', { width: 128, height: 128, class: 'lab-graph-mini', 'aria-hidden': 'true' });
    this.minis.set(part, canvas);
    const fo = svg('foreignObject', {}) as SVGForeignObjectElement;
    fo.append(canvas);
    const rect = svg('rect', { rx: 8 }) as SVGRectElement;
    const text = svg('text', { 'text-anchor': 'middle', class: 'lab-graph-label' }, label) as SVGTextElement;
    const g = svg('g', { class: 'lab-graph-box', 'data-part': part }, rect, fo, text);
    this.parts.set(part, { rect, fo, text });
    this.boxes.set(part, g);
    return g;
  }

  highlight(target: HighlightTarget) {
    const { parts, edges } = resolveHighlight(target);
    const any = parts.size > 0 || edges.size > 0;
    this.root.classList.toggle('lab-graph-dim', any);
    for (const [p, g] of this.boxes) g.classList.toggle('is-active', parts.has(p));
    for (const [e, el] of this.edges) el.classList.toggle('is-active', edges.has(e));
  }

  setNoiseDim(dim: number) {
    this.noiseDim = dim;
  }

  setColours(colours: Colours) {
    this.colours = colours;
  }

  resetLosses() {
    this.losses = [];
  }

  /**
   * The Loss box draws the run's measured losses (the history the Losses chart shows, so it is never blank when
   * paused, after a reset or a loaded snapshot), with the frame's losses as its newest point when the frame is
   * past the history's last row. The picture is a function of (history, frame) alone, whichever of the two
   * arrived last (a step reached by scrolling drew the frame's point or not depending on that order).
   */
  setHistory(history: readonly Metrics[]) {
    const out: { it: number; d: number; g: number }[] = [];
    for (let i = Math.max(0, history.length - LOSS_POINTS); i < history.length; i++) {
      const m = history[i];
      if (Number.isFinite(m.dLoss) && Number.isFinite(m.gLoss)) out.push({ it: m.iteration, d: m.dLoss, g: m.gLoss });
    }
    this.losses = out;
    if (this.lastFrame) this.drawBox('loss', this.lastFrame);
  }

  private lossesWith(frame: TrainerFrame): readonly { d: number; g: number }[] {
    const last = this.losses[this.losses.length - 1];
    const fresh = Number.isFinite(frame.dLoss) && Number.isFinite(frame.gLoss) && (!last || frame.iteration > last.it);
    return fresh ? [...this.losses.slice(-(LOSS_POINTS - 1)), { d: frame.dLoss, g: frame.gLoss }] : this.losses;
  }

  update(frame: TrainerFrame) {
    this.lastFrame = frame;
    for (const part of this.minis.keys()) this.drawBox(part, frame);
  }
}

function set(el: Element, attrs: Record<string, number>) {
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
}
