// The lesson vocabulary: the values directives take (layers, graph parts, metrics, limits).
// docs/authoring.md documents every name here (tests/unit/lessons-docs.test.ts checks it).
import { CONFIG_KEYS } from '../lab/model/config';
import { METRIC_NAMES, MIXTURE_METRIC_NAMES, type MetricName } from '../lab/model/metrics/catalog';

// Directive names, kinds and attribute lists come from the directive registry (src/lessons/directives/index.ts).

/** Layers of the lab's distribution view that a step can show or hide. All are visible until a step hides them. */
export const LAYERS = ['real', 'fake', 'manifold', 'heatmap', 'gradients'] as const;
export type Layer = (typeof LAYERS)[number];
export type LayerMap = Record<Layer, boolean>;
export const DEFAULT_LAYERS: LayerMap = { real: true, fake: true, manifold: true, heatmap: true, gradients: true };

/** Parts of the model overview graph a step can highlight. */
export const GRAPH_PARTS = ['noise', 'generator', 'samples', 'discriminator', 'predictions', 'loss', 'gradients'] as const;
export type GraphPart = (typeof GRAPH_PARTS)[number];

/** Manual steps (`step=`): one discriminator step, one generator step, or one of each. */
export const MANUAL_STEPS = ['d', 'g', 'both'] as const;
export type ManualStep = (typeof MANUAL_STEPS)[number];

/** Metric names usable in `expect` and `:value`: the model's metric catalog (the fields of the trainer's `Metrics`). */
export const METRICS = METRIC_NAMES;
export type { MetricName };
/** Metrics measured only on mixtures of Gaussians. */
export const MIXTURE_METRICS: readonly MetricName[] = MIXTURE_METRIC_NAMES;
/** Distributions the mode metrics are defined for. */
export const MIXTURE_DISTRIBUTIONS: readonly string[] = ['ring8', 'grid25', 'disjoint', 'gaussians'];

export const COMPARE_OPS = ['<=', '>=', '==', '!=', '<', '>'] as const;
export type CompareOp = (typeof COMPARE_OPS)[number];

/** Most iterations a step may train to (baking runs every step at build time). */
export const MAX_TRAIN = 100_000;
/** Most digits `:value` may show. */
export const MAX_DIGITS = 6;

export const CONFIG_PATHS: readonly string[] = CONFIG_KEYS.map((k) => k.path);
