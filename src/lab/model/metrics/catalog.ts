// What each metric in `Metrics` means, how many decimals it shows by default, and whether it needs a mixture.
// Typed against `Metrics`: a new metric field without a definition here does not compile.
import type { Localized } from '../locale';
import type { Metrics } from '../types';

/** Fields of `Metrics` that record how a measurement was taken, not what it found. */
type MeasurementContext = 'bins' | 'samples' | 'modesTotal';
export type MetricName = Exclude<keyof Metrics, MeasurementContext>;

export interface MetricDef {
  /** `label`: a short name; `summary`: what it measures, in one line (the docs' metrics table). */
  text: Localized<{ label: string; summary: string }>;
  /** Decimals shown when a lesson does not say. */
  digits: number;
  /** Measured only where the distribution is a mixture (absent elsewhere). */
  mixture: boolean;
  /** Measured only where D* = p_data / (p_data + p_g) is D's optimum: a log or least-squares loss, pack 1 (absent elsewhere). */
  optimalD: boolean;
}

const def = (label: string, summary: string, digits = 3, mixture = false, optimalD = false): MetricDef => ({ text: { en: { label, summary } }, digits, mixture, optimalD });

export const METRIC_CATALOG = {
  iteration: def('Iteration', "the trainer's iteration", 0),
  dLoss: def("D's loss", "the discriminator's loss"),
  gLoss: def("G's loss", "the generator's loss"),
  kl: def('KL', 'grid KL(real ‖ fake), in bits'),
  js: def('JS', 'grid Jensen–Shannon divergence, in bits (at most 1)'),
  modes: def('Modes covered', 'modes covered: modes that are the nearest mode of at least one high-quality sample', 0, true),
  highQuality: def('High quality', 'share of samples within 3 standard deviations of their nearest mode, from 0 to 1', 3, true),
  reverseKL: def('Reverse KL', 'KL(mode histogram of high-quality samples ‖ uniform): 0 = even, ln 8 = one mode of ring8', 3, true),
  outside: def('Outside', 'share of fakes that fall outside the view, from 0 to 1'),
  fakeMeanX: def("Fakes' centre x", 'x of the centre of the 2,500 fakes, in data units: where the clump is (for claims that it moved)'),
  fakeMeanY: def("Fakes' centre y", 'y of the centre of the 2,500 fakes, in data units'),
  fakeSpread: def("Fakes' spread", "the fakes' root-mean-square distance from their centre, in data units: small for one tight clump"),
  jsFloor: def('JS floor', 'JS between two independent real samples of 2,500: what a perfect generator would read'),
  fakesOffData: def('Fakes off the data', 'share of fakes off the picture or in a grid cell that holds none of the 2,500 real points, from 0 to 1'),
  dGridMean: def("D's mean", "D's mean output (as a probability of real) over the heatmap's 30 × 30 cells"),
  dGridDev: def("D's certainty", "mean |D − 0.5| over the heatmap's cells: 0 = a shrug everywhere, 0.5 = sure everywhere"),
  dRealMean: def('D on reals', "D's mean output (as a probability of real) on the 2,500 real points"),
  dFakeMean: def('D on fakes', "D's mean output (as a probability of real) on the 2,500 fakes"),
  dStarGap: def('Gap to D*', "mean |D − D*| over the heatmap's cells, weighted by their share of real and fake points; D* = p_data/(p_data + p_g), p_g from 20,000 fakes; 0 = optimal (log and least-squares losses, pack 1 only)", 3, false, true),
  gGradNorm: def("G's gradient", "mean length of G's loss gradient at each fake, per fake (not divided by the batch size): how hard the fakes are pushed"),
  gLogitGrad: def("G's logit gradient", "mean derivative of G's loss per fake with respect to D's logit: −D(G(z)) for minimax, D(G(z)) − 1 for non-saturating"),
  gDeadUnits: def("G's dead units", "share of G's hidden units that output 0 for every one of the measurement's 2,500 noise draws (dead ReLUs), from 0 to 1"),
  dDeadUnits: def("D's dead units", "share of D's hidden units that output 0 for every one of the measurement's 2,500 real points and 2,500 fakes (dead ReLUs), from 0 to 1"),
} satisfies Record<MetricName, MetricDef>;

/** Every metric, in the catalog's order. */
export const METRIC_NAMES = Object.keys(METRIC_CATALOG) as [MetricName, ...MetricName[]];
/** The metrics measured only on mixtures. */
export const MIXTURE_METRIC_NAMES: readonly MetricName[] = METRIC_NAMES.filter((m) => METRIC_CATALOG[m].mixture);
/** The metrics measured only where D has the optimum D* (see `optimalD`). */
export const OPTIMAL_D_METRIC_NAMES: readonly MetricName[] = METRIC_NAMES.filter((m) => METRIC_CATALOG[m].optimalD);

/**
 * The values a metric can read at all, where the metric alone fixes them: a claim no value in range satisfies is
 * false on its face, and the lessons report it without training. `modes` reads up to the distribution's modes.
 */
export const METRIC_RANGES: Partial<Record<MetricName, readonly [number, number]>> = {
  kl: [0, Infinity],
  js: [0, 1],
  modes: [0, Infinity],
  highQuality: [0, 1],
  reverseKL: [0, Infinity],
  outside: [0, 1],
  fakeSpread: [0, Infinity],
  jsFloor: [0, 1],
  fakesOffData: [0, 1],
  dGridMean: [0, 1],
  dGridDev: [0, 0.5],
  dRealMean: [0, 1],
  dFakeMean: [0, 1],
  dStarGap: [0, 1],
  gGradNorm: [0, Infinity],
  gDeadUnits: [0, 1],
  dDeadUnits: [0, 1],
};
