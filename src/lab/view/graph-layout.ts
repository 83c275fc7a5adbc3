// Where the model graph's boxes and edges sit, in two layouts of the same graph: `wide`, GAN Lab's one row
// (the graph table's `at`, a 780 x 250 drawing), and `compact`, the same boxes folded into two rows of four
// (noise -> G -> fake, real above D; D -> predictions -> loss -> gradients back along the second row), a 380 x 232
// drawing for a narrow column or a phone. `pickLayout` keeps the row where its labels read and otherwise folds:
// a 780-wide drawing squeezed into 333 px (a phone) or under a 150 px height cap (the lesson's column) draws its
// 11 px labels at 5 px; folded, the same graph draws them about twice as large.
import { GRAPH_BOXES, type GraphBox, type GraphEdge } from '../graph-parts';

export type GraphLayoutName = 'wide' | 'compact';

export interface GraphLayout {
  name: GraphLayoutName;
  width: number;
  height: number;
  /** A box's side. */
  box: number;
  /** The live miniature's side (a square in the box's upper part). */
  mini: number;
  /** The labels' font size in drawing units (CSS pixels at scale 1). */
  label: number;
  /** The most the drawing is scaled up in a wide box (beyond it, it stays centred at that size). */
  maxScale: number;
  /** Each box's centre. */
  at: Readonly<Record<GraphBox, readonly [number, number]>>;
  /** An edge's path. */
  edge(e: GraphEdge): string;
}

const ends = (e: GraphEdge) => e.split('-') as [GraphBox, GraphBox];

const WIDE_AT = Object.fromEntries(GRAPH_BOXES.map((b) => [b.name, b.at])) as Record<GraphBox, readonly [number, number]>;

/** GAN Lab's row: data flows left to right, the gradients arc back over the top. */
export const WIDE: GraphLayout = {
  name: 'wide',
  width: 780,
  height: 250,
  box: 84,
  mini: 64,
  label: 11,
  maxScale: Infinity,
  at: WIDE_AT,
  edge(e) {
    const [a, b] = ends(e);
    const [ax, ay] = WIDE_AT[a];
    const [bx, by] = WIDE_AT[b];
    const r = this.box / 2;
    if (e === 'gradients-discriminator') return `M ${ax} ${ay - r} C ${ax} ${ay - r - 60}, ${bx} ${by - r - 60}, ${bx + 12} ${by - r - 4}`;
    if (e === 'gradients-generator') return `M ${ax - 10} ${ay - r} C ${ax - 40} ${8}, ${bx + 40} ${8}, ${bx} ${by - r - 4}`;
    const x1 = ax + r;
    const x2 = bx - r - 4;
    return `M ${x1} ${ay} C ${(x1 + x2) / 2} ${ay}, ${(x1 + x2) / 2} ${by}, ${x2} ${by}`;
  },
};

const C_BOX = 76;
const col = (i: number) => 8 + C_BOX / 2 + i * 96;
const ROW1 = 12 + C_BOX / 2;
const ROW2 = ROW1 + C_BOX + 36;
const COMPACT_AT: Record<GraphBox, readonly [number, number]> = {
  noise: [col(0), ROW1],
  generator: [col(1), ROW1],
  fake: [col(2), ROW1],
  real: [col(3), ROW1],
  discriminator: [col(3), ROW2],
  predictions: [col(2), ROW2],
  loss: [col(1), ROW2],
  gradients: [col(0), ROW2],
};

/** Two rows of four: the forward pass runs right along the top and down into D, back left along the bottom. */
export const COMPACT: GraphLayout = {
  name: 'compact',
  width: col(3) + C_BOX / 2 + 8,
  height: ROW2 + C_BOX / 2 + 32,
  box: C_BOX,
  mini: 52,
  label: 12,
  maxScale: 1.25,
  at: COMPACT_AT,
  edge(e) {
    const [a, b] = ends(e);
    const [ax, ay] = COMPACT_AT[a];
    const [bx, by] = COMPACT_AT[b];
    const r = C_BOX / 2;
    switch (e) {
      // from the top row down into D's top (the fakes from the left, the reals straight down)
      case 'fake-discriminator':
        return `M ${ax + 14} ${ay + r} C ${ax + 14} ${ay + r + 22}, ${bx - 14} ${by - r - 22}, ${bx - 14} ${by - r - 4}`;
      case 'real-discriminator':
        return `M ${ax + 10} ${ay + r} L ${bx + 10} ${by - r - 4}`;
      // the gradients back to G: up through the gap between the rows
      case 'gradients-generator':
        return `M ${ax + 10} ${ay - r} C ${ax + 10} ${ay - r - 22}, ${bx - 14} ${by + r + 22}, ${bx - 14} ${by + r + 4}`;
      // the gradients back to D: under the bottom row
      case 'gradients-discriminator':
        return `M ${ax} ${ay + r} C ${ax} ${ay + r + 30}, ${bx} ${by + r + 30}, ${bx} ${by + r + 4}`;
      default:
        // along a row, left to right on the top one, right to left on the bottom one
        return ax < bx ? `M ${ax + r} ${ay} L ${bx - r - 4} ${by}` : `M ${ax - r} ${ay} L ${bx + r + 4} ${by}`;
    }
  },
};

export const GRAPH_LAYOUTS: Readonly<Record<GraphLayoutName, GraphLayout>> = { wide: WIDE, compact: COMPACT };

/** The room a graph has: its box's width, and the cap on the drawing's height (Infinity: none). */
export interface GraphRoom {
  width: number;
  maxHeight: number;
}

/** How much `layout` is scaled when drawn as large as `room` allows. */
export function layoutScale(layout: GraphLayout, room: GraphRoom): number {
  return Math.min(room.width / layout.width, room.maxHeight / layout.height, layout.maxScale);
}

/** The labels' size in CSS pixels when `layout` is drawn as large as `room` allows. */
export function labelPixels(layout: GraphLayout, room: GraphRoom): number {
  return layout.label * layoutScale(layout, room);
}

/** Labels drawn at least this large (CSS px) read comfortably; GAN Lab's row is kept while its labels do. */
export const READABLE_LABEL_PX = 9.5;

/**
 * The row (`wide`) while its labels read at READABLE_LABEL_PX or more, else whichever draws its labels larger.
 * Leaving the current layout takes a margin (10%), so a width at the boundary does not flip back and forth.
 */
export function pickLayout(room: GraphRoom, current: GraphLayoutName = 'wide'): GraphLayoutName {
  if (!(room.width > 0)) return current;
  const wide = labelPixels(WIDE, room);
  const compact = labelPixels(COMPACT, room);
  if (current === 'wide') return wide < READABLE_LABEL_PX && compact > wide * 1.1 ? 'compact' : 'wide';
  return wide >= READABLE_LABEL_PX * 1.1 || wide > compact * 1.1 ? 'wide' : 'compact';
}
