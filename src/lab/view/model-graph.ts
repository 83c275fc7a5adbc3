// The model overview graph: noise -> generator -> samples -> discriminator -> predictions -> loss -> gradients,
// an SVG built from the graph table (src/lab/graph-parts.ts) whose boxes each hold a live miniature
// (graph-minis.ts), with `highlight(target)` lighting a path.
import { PALETTE } from '../../styles/palette';
import { GRAPH_BOXES, GRAPH_EDGES, resolveHighlight, type GraphBox, type GraphEdge, type HighlightTarget } from '../graph-parts';
import type { Metrics, TrainerFrame } from '../model/types';
import { getLocale, t } from '../i18n';
import { h, svg } from './dom';
import { layersOfBox, VIEW_LAYERS } from './layers';
import { MINI, MINIS } from './graph-minis';
import type { Colours } from './palette';
import { makeTransform } from './plot';

const BOX = 84;
/** Points the Loss box's sparkline keeps. */
const LOSS_POINTS = 120;

const VIEW_W = 780;
const VIEW_H = 250;
const AT = Object.fromEntries(GRAPH_BOXES.map((b) => [b.name, b.at])) as Record<GraphBox, readonly [number, number]>;

function edgePath(e: GraphEdge): string {
  const [a, b] = e.split('-') as [GraphBox, GraphBox];
  const [ax, ay] = AT[a];
  const [bx, by] = AT[b];
  const r = BOX / 2;
  if (e === 'gradients-discriminator') return `M ${ax} ${ay - r} C ${ax} ${ay - r - 60}, ${bx} ${by - r - 60}, ${bx + 12} ${by - r - 4}`;
  if (e === 'gradients-generator') return `M ${ax - 10} ${ay - r} C ${ax - 40} ${8}, ${bx + 40} ${8}, ${bx} ${by - r - 4}`;
  const x1 = ax + r;
  const x2 = bx - r - 4;
  return `M ${x1} ${ay} C ${(x1 + x2) / 2} ${ay}, ${(x1 + x2) / 2} ${by}, ${x2} ${by}`;
}

/** The SVG graph with live miniatures. */
export class ModelGraph {
  readonly root: SVGSVGElement;
  private boxes = new Map<GraphBox, SVGGElement>();
  private edges = new Map<GraphEdge, SVGPathElement>();
  private minis = new Map<GraphBox, HTMLCanvasElement>();
  private losses: { d: number; g: number }[] = [];
  private lastFrame?: TrainerFrame;
  private boxFrames = new Map<GraphBox, (f: TrainerFrame) => TrainerFrame>();
  private noiseDim = 2;
  private colours: Colours = PALETTE.light;

  constructor() {
    const arrowId = `lab-arrow-${Math.random().toString(36).slice(2, 8)}`;
    this.root = svg('svg', {
      class: 'lab-graph',
      viewBox: `0 0 ${VIEW_W} ${VIEW_H}`,
      role: 'img',
      'aria-label': t('view.graph'),
    });
    const defs = svg('defs', {}, svg('marker', { id: arrowId, viewBox: '0 0 10 10', refX: 8, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'lab-graph-arrowhead' })));
    this.root.append(defs);
    for (const e of GRAPH_EDGES) {
      const p = svg('path', { d: edgePath(e), class: `lab-graph-edge${e.startsWith('gradients') || e === 'loss-gradients' ? ' lab-graph-edge-back' : ''}`, 'data-edge': e, 'marker-end': `url(#${arrowId})` });
      this.edges.set(e, p);
      this.root.append(p);
    }
    for (const box of GRAPH_BOXES) this.root.append(this.box(box.name, box.at, box.label[getLocale()]));
    this.affordances();
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
    const [cx, cy] = AT.generator;
    const mark = svg('g', { class: 'lab-graph-morph-mark', 'aria-hidden': 'true' }, svg('circle', { cx: cx + BOX / 2 - 9, cy: cy - BOX / 2 + 9, r: 7 }), svg('path', { d: `M ${cx + BOX / 2 - 11.5} ${cy - BOX / 2 + 5} l 6 4 l -6 4 z` }));
    this.boxes.get('generator')!.append(mark);
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
    MINIS[part]({ ctx, frame, t, colours: this.colours, noiseDim: this.noiseDim, losses: this.losses });
  }

  private box(part: GraphBox, [cx, cy]: readonly [number, number], label: string): SVGGElement {
    const canvas = h('canvas', { width: 128, height: 128, class: 'lab-graph-mini', 'aria-hidden': 'true' });
    this.minis.set(part, canvas);
    const fo = svg('foreignObject', { x: cx - 32, y: cy - 34, width: 64, height: 64 });
    fo.append(canvas);
    const g = svg(
      'g',
      { class: 'lab-graph-box', 'data-part': part },
      svg('rect', { x: cx - BOX / 2, y: cy - BOX / 2, width: BOX, height: BOX, rx: 8 }),
      fo,
      svg('text', { x: cx, y: cy + BOX / 2 - 5, 'text-anchor': 'middle', class: 'lab-graph-label' }, label),
    );
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
   * paused, after a reset or a loaded snapshot), with the latest frame's losses as its newest point.
   */
  setHistory(history: readonly Metrics[]) {
    const out: { d: number; g: number }[] = [];
    for (let i = Math.max(0, history.length - LOSS_POINTS); i < history.length; i++) {
      const m = history[i];
      if (Number.isFinite(m.dLoss) && Number.isFinite(m.gLoss)) out.push({ d: m.dLoss, g: m.gLoss });
    }
    this.losses = out;
    if (this.lastFrame) this.drawBox('loss', this.lastFrame);
  }

  update(frame: TrainerFrame) {
    this.lastFrame = frame;
    const withFrame = Number.isFinite(frame.dLoss) && Number.isFinite(frame.gLoss) ? [...this.losses.slice(-(LOSS_POINTS - 1)), { d: frame.dLoss, g: frame.gLoss }] : this.losses;
    const kept = this.losses;
    this.losses = withFrame;
    for (const part of this.minis.keys()) this.drawBox(part, frame);
    this.losses = kept;
  }
}
