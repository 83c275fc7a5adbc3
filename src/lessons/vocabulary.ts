// The lesson vocabulary: the values directives take (layers, graph parts, metrics, limits).
// docs/authoring.md documents every name here (tests/unit/lessons-docs.test.ts checks it).
import { HIGHLIGHT_NAMES, type HighlightName } from '../lab/graph-parts';
import { CONFIG_KEYS } from '../lab/model/config';
import { DISTRIBUTION_NAMES, isMixture } from '../lab/model/distributions';
import { DEFAULT_LAYERS as DEFAULT_VIEW_LAYERS, LAYER_NAMES, type LayerName } from '../lab/view/layers';
import { CHART_KINDS as LAB_CHARTS, CHART_NAMES, DEFAULT_CHART as LAB_DEFAULT_CHART, type ChartName } from '../lab/view/chart-kinds';

// Directive names, kinds and attribute lists come from the directive registry (src/lessons/directives/index.ts).

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

/** The lab's charts a step can bring forward (`chart=`): the lab's chart table (src/lab/view/chart-kinds.ts). */
export const CHARTS: readonly ChartName[] = CHART_NAMES;
export type Chart = ChartName;
export const CHART_KINDS = LAB_CHARTS;
export const DEFAULT_CHART: Chart = LAB_DEFAULT_CHART;

/** Manual steps (`step=`): one discriminator step, one generator step, or one of each. */
export const MANUAL_STEPS = ['d', 'g', 'both'] as const;
export type ManualStep = (typeof MANUAL_STEPS)[number];

/** Metric names usable in `expect` and `:value`: the model's metric catalog. */
export { METRIC_NAMES as METRICS, MIXTURE_METRIC_NAMES as MIXTURE_METRICS, type MetricName } from '../lab/model/metrics/catalog';
/** Distributions the mode metrics are defined for (those with modes). */
export const MIXTURE_DISTRIBUTIONS: readonly string[] = DISTRIBUTION_NAMES.filter(isMixture);

export const COMPARE_OPS = ['<=', '>=', '==', '!=', '<', '>'] as const;
export type CompareOp = (typeof COMPARE_OPS)[number];

/** Most iterations a step may train to (baking runs every step at build time). */
export const MAX_TRAIN = 100_000;
/** Most digits `:value` may show. */
export const MAX_DIGITS = 6;
/** How `:value` writes its number (`format=`): as it is, or (a share from 0 to 1 only) as a percentage. */
export { SHARE_METRICS, VALUE_FORMATS, type ValueFormat } from './live-value';

export const CONFIG_PATHS: readonly string[] = CONFIG_KEYS.map((k) => k.path);
