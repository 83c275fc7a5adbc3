// The model overview graph: noise -> generator -> samples -> discriminator -> predictions -> loss -> gradients,
// an SVG whose boxes each hold a live miniature (a small canvas), with `highlight(part)` lighting a path.
import type { TrainerFrame } from '../model/types';
import { h, svg } from './dom';
import { COLORS, drawGradients, drawHeatmap, drawManifold, drawPoints, makeTransform } from './layered-canvas';

export const GRAPH_PARTS = ['noise', 'generator', 'fake', 'real', 'discriminator', 'predictions', 'loss', 'gradients'] as const;
export type GraphPart = (typeof GRAPH_PARTS)[number];

export const GRAPH_EDGES = [
  'noise-generator',
  'generator-fake',
  'fake-discriminator',
  'real-discriminator',
  'discriminator-predictions',
  'predictions-loss',
  'loss-gradients',
  'gradients-discriminator',
  'gradients-generator',
] as const;
export type GraphEdge = (typeof GRAPH_EDGES)[number];

/** Named paths a lesson or slow motion can light up, besides single parts. */
export const GRAPH_PATHS = {
  dForward: {
    parts: ['noise', 'generator', 'fake', 'real', 'discriminator', 'predictions', 'loss'],
    edges: ['noise-generator', 'generator-fake', 'fake-discriminator', 'real-discriminator', 'discriminator-predictions', 'predictions-loss'],
  },
  dBackward: { parts: ['loss', 'gradients', 'discriminator'], edges: ['loss-gradients', 'gradients-discriminator'] },
  gForward: {
    parts: ['noise', 'generator', 'fake', 'discriminator', 'predictions', 'loss'],
    edges: ['noise-generator', 'generator-fake', 'fake-discriminator', 'discriminator-predictions', 'predictions-loss'],
  },
  gBackward: { parts: ['loss', 'gradients', 'discriminator', 'generator'], edges: ['loss-gradients', 'gradients-generator'] },
} as const satisfies Record<string, { parts: readonly GraphPart[]; edges: readonly GraphEdge[] }>;
export type GraphPath = keyof typeof GRAPH_PATHS;
export type Highlight = GraphPart | GraphPath | GraphEdge;

export const PART_LABELS: Record<GraphPart, string> = {
  noise: 'Noise z',
  generator: 'Generator G',
  fake: 'Fake samples',
  real: 'Real samples',
  discriminator: 'Discriminator D',
  predictions: 'Predictions',
  loss: 'Loss',
  gradients: 'Gradients',
};

/** Which parts and edges light up for a highlight request (unknown names light nothing). */
export function resolveHighlight(target: Highlight | readonly Highlight[] | null | undefined): { parts: Set<GraphPart>; edges: Set<GraphEdge> } {
  const parts = new Set<GraphPart>();
  const edges = new Set<GraphEdge>();
  const list = target == null ? [] : Array.isArray(target) ? target : [target as Highlight];
  for (const t of list) {
    if ((GRAPH_PARTS as readonly string[]).includes(t)) parts.add(t as GraphPart);
    else if ((GRAPH_EDGES as readonly string[]).includes(t)) {
      edges.add(t as GraphEdge);
      for (const p of t.split('-')) parts.add(p as GraphPart);
    } else if (t in GRAPH_PATHS) {
      const p = GRAPH_PATHS[t as GraphPath];
      p.parts.forEach((x) => parts.add(x));
      p.edges.forEach((x) => edges.add(x));
    }
  }
  return { parts, edges };
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

const BOX = 84;
const POS: Record<GraphPart, [number, number]> = {
  noise: [55, 78],
  generator: [165, 78],
  fake: [275, 78],
  real: [275, 188],
  discriminator: [395, 133],
  predictions: [505, 133],
  loss: [615, 133],
  gradients: [725, 133],
};
const VIEW_W = 780;
const VIEW_H = 250;

function edgePath(e: GraphEdge): string {
  const [a, b] = e.split('-') as [GraphPart, GraphPart];
  const [ax, ay] = POS[a];
  const [bx, by] = POS[b];
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
  private boxes = new Map<GraphPart, SVGGElement>();
  private edges = new Map<GraphEdge, SVGPathElement>();
  private minis = new Map<GraphPart, HTMLCanvasElement>();
  private losses: { d: number; g: number }[] = [];
  private last?: TrainerFrame;
  private noiseDim = 2;

  constructor() {
    const arrowId = `lab-arrow-${Math.random().toString(36).slice(2, 8)}`;
    this.root = svg('svg', {
      class: 'lab-graph',
      viewBox: `0 0 ${VIEW_W} ${VIEW_H}`,
      role: 'img',
      'aria-label': 'Model overview: noise goes through the generator to fake samples; the discriminator scores real and fake samples; the loss gives gradients that update both networks.',
    });
    const defs = svg('defs', {}, svg('marker', { id: arrowId, viewBox: '0 0 10 10', refX: 8, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'lab-graph-arrowhead' })));
    this.root.append(defs);
    for (const e of GRAPH_EDGES) {
      const p = svg('path', { d: edgePath(e), class: `lab-graph-edge${e.startsWith('gradients') || e === 'loss-gradients' ? ' lab-graph-edge-back' : ''}`, 'data-edge': e, 'marker-end': `url(#${arrowId})` });
      this.edges.set(e, p);
      this.root.append(p);
    }
    for (const part of GRAPH_PARTS) {
      const [cx, cy] = POS[part];
      const canvas = h('canvas', { width: 128, height: 128, class: 'lab-graph-mini', 'aria-hidden': 'true' });
      this.minis.set(part, canvas);
      const fo = svg('foreignObject', { x: cx - 32, y: cy - 34, width: 64, height: 64 });
      fo.append(canvas);
      const g = svg(
        'g',
        { class: 'lab-graph-box', 'data-part': part },
        svg('rect', { x: cx - BOX / 2, y: cy - BOX / 2, width: BOX, height: BOX, rx: 8 }),
        fo,
        svg('text', { x: cx, y: cy + BOX / 2 - 5, 'text-anchor': 'middle', class: 'lab-graph-label' }, PART_LABELS[part]),
      );
      this.boxes.set(part, g);
      this.root.append(g);
    }
  }

  highlight(target: Highlight | readonly Highlight[] | null) {
    const { parts, edges } = resolveHighlight(target);
    const any = parts.size > 0 || edges.size > 0;
    this.root.classList.toggle('lab-graph-dim', any);
    for (const [p, g] of this.boxes) g.classList.toggle('is-active', parts.has(p));
    for (const [e, el] of this.edges) el.classList.toggle('is-active', edges.has(e));
  }

  setNoiseDim(dim: number) {
    this.noiseDim = dim;
  }

  resetLosses() {
    this.losses = [];
  }

  update(frame: TrainerFrame) {
    this.last = frame;
    if (Number.isFinite(frame.dLoss) && Number.isFinite(frame.gLoss)) {
      this.losses.push({ d: frame.dLoss, g: frame.gLoss });
      if (this.losses.length > 120) this.losses.shift();
    }
    for (const part of GRAPH_PARTS) this.drawMini(part, frame);
  }

  private drawMini(part: GraphPart, frame: TrainerFrame) {
    const canvas = this.minis.get(part)!;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const S = 64;
    ctx.setTransform(canvas.width / S, 0, 0, canvas.height / S, 0, 0);
    ctx.clearRect(0, 0, S, S);
    const m = { left: 2, right: 2, top: 2, bottom: 2 };
    const t = makeTransform(frame.bounds, S, S, m);
    switch (part) {
      case 'noise': {
        const n = 9;
        ctx.fillStyle = 'rgba(120,120,120,0.8)';
        ctx.beginPath();
        for (let j = 0; j < (this.noiseDim === 1 ? 1 : n); j++)
          for (let i = 0; i < n; i++) {
            const x = 6 + (i * (S - 12)) / (n - 1);
            const y = this.noiseDim === 1 ? S / 2 : 6 + (j * (S - 12)) / (n - 1);
            ctx.moveTo(x + 1.3, y);
            ctx.arc(x, y, 1.3, 0, Math.PI * 2);
          }
        ctx.fill();
        break;
      }
      case 'generator':
        drawManifold(ctx, frame, t);
        break;
      case 'fake':
        drawPoints(ctx, frame.fake, t, `rgba(${COLORS.fake.join(',')},0.85)`, 1.1);
        break;
      case 'real':
        drawPoints(ctx, frame.real, t, `rgba(${COLORS.real.join(',')},0.6)`, 1.1);
        break;
      case 'discriminator':
        drawHeatmap(ctx, frame, t);
        break;
      case 'predictions': {
        const hist = predictionHistogram(frame, 10);
        const bw = (S - 8) / 10;
        const maxH = Math.max(...hist.real, ...hist.fake, 0.01);
        for (let b = 0; b < 10; b++) {
          const hr = (hist.real[b] / maxH) * (S - 14);
          const hf = (hist.fake[b] / maxH) * (S - 14);
          ctx.fillStyle = `rgba(${COLORS.real.join(',')},0.55)`;
          ctx.fillRect(4 + b * bw, S - 8 - hr, bw - 1, hr);
          ctx.fillStyle = `rgba(${COLORS.fake.join(',')},0.55)`;
          ctx.fillRect(4 + b * bw, S - 8 - hf, bw - 1, hf);
        }
        ctx.fillStyle = '#666';
        ctx.fillRect(4, S - 8, S - 8, 1);
        break;
      }
      case 'loss': {
        const L = this.losses;
        if (L.length < 2) break;
        let lo = Infinity;
        let hi = -Infinity;
        for (const l of L) {
          lo = Math.min(lo, l.d, l.g);
          hi = Math.max(hi, l.d, l.g);
        }
        if (!(hi > lo)) hi = lo + 1;
        const line = (key: 'd' | 'g', color: string) => {
          ctx.strokeStyle = color;
          ctx.lineWidth = 1.5;
          ctx.beginPath();
          L.forEach((l, i) => {
            const x = 4 + (i * (S - 8)) / (L.length - 1);
            const y = S - 6 - ((l[key] - lo) / (hi - lo)) * (S - 12);
            if (i === 0) ctx.moveTo(x, y);
            else ctx.lineTo(x, y);
          });
          ctx.stroke();
        };
        line('d', `rgb(${COLORS.real.join(',')})`);
        line('g', `rgb(${COLORS.fake.join(',')})`);
        break;
      }
      case 'gradients':
        drawPoints(ctx, frame.fake, t, `rgba(${COLORS.fake.join(',')},0.5)`, 0.9);
        drawGradients(ctx, frame.fake, frame.fakeGradient, t, 8);
        break;
    }
  }

  get lastFrame() {
    return this.last;
  }
}
