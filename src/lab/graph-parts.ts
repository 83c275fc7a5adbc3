// The model overview graph's vocabulary, one table: its boxes in the order data flows through them (with where
// each sits in the drawing), the group a lesson may name instead of single boxes (`samples` = real + fake), the
// edges between boxes and the named paths slow motion lights up. The graph view (view/model-graph.ts), its
// highlight API and the lessons' `highlight=` vocabulary (src/lessons/vocabulary.ts) all read it.
//
// Adding a box: one entry here and its miniature in view/graph-minis.ts (the compiler asks for it).
import type { LocalText } from './text';

interface BoxEntry {
  name: string;
  label: LocalText;
  /** Centre in the graph's 780 x 250 drawing. */
  at: readonly [number, number];
  /** A lesson names the boxes of a group together (and only so). */
  group?: string;
}

export const GRAPH_BOXES = [
  { name: 'noise', label: { en: 'Noise z', zh: '噪声 z' }, at: [55, 78] },
  { name: 'generator', label: { en: 'Generator G', zh: '生成器 G' }, at: [165, 78] },
  { name: 'fake', label: { en: 'Fake samples', zh: '假样本' }, at: [275, 78], group: 'samples' },
  { name: 'real', label: { en: 'Real samples', zh: '真实样本' }, at: [275, 188], group: 'samples' },
  { name: 'discriminator', label: { en: 'Discriminator D', zh: '判别器 D' }, at: [395, 133] },
  { name: 'predictions', label: { en: 'Predictions', zh: '预测' }, at: [505, 133] },
  { name: 'loss', label: { en: 'Loss', zh: '损失' }, at: [615, 133] },
  { name: 'gradients', label: { en: 'Gradients', zh: '梯度' }, at: [725, 133] },
] as const satisfies readonly BoxEntry[];

export type GraphBox = (typeof GRAPH_BOXES)[number]['name'];
export type GraphGroup = Extract<(typeof GRAPH_BOXES)[number], { group: string }>['group'];
export const GRAPH_BOX_NAMES: readonly GraphBox[] = GRAPH_BOXES.map((b) => b.name);

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
] as const satisfies readonly `${GraphBox}-${GraphBox}`[];
export type GraphEdge = (typeof GRAPH_EDGES)[number];

/** Named paths a lesson or slow motion can light up, besides single boxes. */
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
} as const satisfies Record<string, { parts: readonly GraphBox[]; edges: readonly GraphEdge[] }>;
export type GraphPath = keyof typeof GRAPH_PATHS;

/** Anything `highlight()` lights up: a box, a group, an edge or a named path. */
export type Highlight = GraphBox | GraphGroup | GraphPath | GraphEdge;
/** What `highlight()` takes: one name, several, or null for none. */
export type HighlightTarget = Highlight | readonly Highlight[] | null;

type GroupedBox = Extract<(typeof GRAPH_BOXES)[number], { group: string }>['name'];
/** A name a lesson may highlight: a box of no group, or a group. */
export type HighlightName = Exclude<GraphBox, GroupedBox> | GraphGroup;
/** The names a lesson's `highlight=` takes: the boxes in data-flow order, a group standing for its boxes. */
export const HIGHLIGHT_NAMES: readonly HighlightName[] = [...new Set(GRAPH_BOXES.map((b) => ('group' in b ? b.group : b.name) as HighlightName))];

const isBox = (s: string): s is GraphBox => (GRAPH_BOX_NAMES as readonly string[]).includes(s);

/** Which boxes and edges light up for a highlight request (unknown names light nothing). */
export function resolveHighlight(target: HighlightTarget | undefined): { parts: Set<GraphBox>; edges: Set<GraphEdge> } {
  const parts = new Set<GraphBox>();
  const edges = new Set<GraphEdge>();
  const list: readonly string[] = target == null ? [] : Array.isArray(target) ? target : [target as string];
  for (const t of list) {
    if (isBox(t)) parts.add(t);
    else if ((GRAPH_EDGES as readonly string[]).includes(t)) {
      edges.add(t as GraphEdge);
      for (const p of t.split('-')) if (isBox(p)) parts.add(p);
    } else if (Object.prototype.hasOwnProperty.call(GRAPH_PATHS, t)) {
      const p = GRAPH_PATHS[t as GraphPath];
      p.parts.forEach((x) => parts.add(x));
      p.edges.forEach((x) => edges.add(x));
    } else for (const b of GRAPH_BOXES) if ('group' in b && b.group === t) parts.add(b.name);
  }
  return { parts, edges };
}
