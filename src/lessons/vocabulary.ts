// The lesson vocabulary: directive names, their attributes and the values they take.
// docs/authoring.md documents every name here (tests/unit/lessons-docs.test.ts checks it).
import { HIGHLIGHT_NAMES, type HighlightName } from '../lab/graph-parts';
import { CONFIG_KEYS } from '../lab/model/config';
import { DEFAULT_LAYERS as DEFAULT_VIEW_LAYERS, LAYER_NAMES, type LayerName } from '../lab/view/layers';

export type DirectiveKind = 'leaf' | 'container' | 'inline';

/** Every directive and how it is written. */
export const DIRECTIVES = {
  lab: 'leaf',
  step: 'container',
  sandbox: 'leaf',
  value: 'inline',
} as const satisfies Record<string, DirectiveKind>;
export type DirectiveName = keyof typeof DIRECTIVES;
export const DIRECTIVE_NAMES = Object.keys(DIRECTIVES) as DirectiveName[];

/** How each directive is written, for messages and docs. */
export function directiveSyntax(name: string): string {
  const kind = (DIRECTIVES as Record<string, DirectiveKind>)[name];
  if (kind === 'leaf') return `::${name}{...}`;
  if (kind === 'container') return `:::${name}{...} ... :::`;
  if (kind === 'inline') return `:${name}[...]`;
  return name;
}

/**
 * Layers of the lab's distribution view that a step can show or hide: the lab's view-layer registry
 * (src/lab/view/layers/index.ts). All are visible until a step hides them.
 */
export const LAYERS: readonly LayerName[] = LAYER_NAMES;
export type Layer = LayerName;
export type LayerMap = Record<Layer, boolean>;
export const DEFAULT_LAYERS: LayerMap = DEFAULT_VIEW_LAYERS;

/** Parts of the model overview graph a step can highlight: the lab's graph table (src/lab/graph-parts.ts). */
export const GRAPH_PARTS: readonly HighlightName[] = HIGHLIGHT_NAMES;
export type GraphPart = HighlightName;

/** Manual steps (`step=`): one discriminator step, one generator step, or one of each. */
export const MANUAL_STEPS = ['d', 'g', 'both'] as const;
export type ManualStep = (typeof MANUAL_STEPS)[number];

/** Metric names usable in `expect` and `:value` (the fields of the trainer's `Metrics`). */
export const METRICS = ['iteration', 'dLoss', 'gLoss', 'kl', 'js', 'modes', 'highQuality', 'reverseKL', 'outside', 'fakeMeanX', 'fakeMeanY', 'fakeSpread'] as const;
export type MetricName = (typeof METRICS)[number];
/** Metrics measured only on mixtures of Gaussians. */
export const MIXTURE_METRICS: readonly MetricName[] = ['modes', 'highQuality', 'reverseKL'];
/** Distributions the mode metrics are defined for. */
export const MIXTURE_DISTRIBUTIONS: readonly string[] = ['ring8', 'grid25', 'disjoint', 'gaussians'];

export const COMPARE_OPS = ['<=', '>=', '==', '!=', '<', '>'] as const;
export type CompareOp = (typeof COMPARE_OPS)[number];

/** Attributes of `:::step` other than config keys. */
export const STEP_ATTRIBUTES = ['train', 'freeze', 'play', 'step', 'show', 'hide', 'highlight', 'expect', 'id'] as const;
/** Attributes of `::lab` other than config keys. */
export const LAB_ATTRIBUTES = ['preset'] as const;
/** Attributes of `:value`. */
export const VALUE_ATTRIBUTES = ['metric', 'digits'] as const;

/** Most iterations a step may train to (baking runs every step at build time). */
export const MAX_TRAIN = 100_000;
/** Most digits `:value` may show. */
export const MAX_DIGITS = 6;

export const CONFIG_PATHS: readonly string[] = CONFIG_KEYS.map((k) => k.path);
