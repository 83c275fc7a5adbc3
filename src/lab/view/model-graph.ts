// The model overview graph: noise -> generator -> samples -> discriminator -> predictions -> loss -> gradients,
// an SVG built from the graph table (src/lab/graph-parts.ts) whose boxes each hold a live miniature
// (graph-minis.ts), with `highlight(target)` lighting a path.
import { PALETTE } from '../../styles/palette';
import { GRAPH_BOXES, GRAPH_EDGES, resolveHighlight, type GraphBox, type GraphEdge, type HighlightTarget } from '../graph-parts';
import type { TrainerFrame } from '../model/types';
import { getLocale, t } from '../i18n';
import { h, svg } from './dom';
import { MINI, MINIS } from './graph-minis';
import type { Colours } from './palette';
import { makeTransform } from './plot';

const BOX = 84;
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

  update(frame: TrainerFrame) {
    if (Number.isFinite(frame.dLoss) && Number.isFinite(frame.gLoss)) {
      this.losses.push({ d: frame.dLoss, g: frame.gLoss });
      if (this.losses.length > 120) this.losses.shift();
    }
    const t = makeTransform(frame.bounds, MINI, MINI, { left: 2, right: 2, top: 2, bottom: 2 });
    for (const [part, canvas] of this.minis) {
      const ctx = canvas.getContext('2d');
      if (!ctx) continue;
      ctx.setTransform(canvas.width / MINI, 0, 0, canvas.height / MINI, 0, 0);
      ctx.clearRect(0, 0, MINI, MINI);
      MINIS[part]({ ctx, frame, t, colours: this.colours, noiseDim: this.noiseDim, losses: this.losses });
    }
  }
}
