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
}

const def = (label: string, summary: string, digits = 3, mixture = false): MetricDef => ({ text: { en: { label, summary } }, digits, mixture });

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
} satisfies Record<MetricName, MetricDef>;

/** Every metric, in the catalog's order. */
export const METRIC_NAMES = Object.keys(METRIC_CATALOG) as [MetricName, ...MetricName[]];
/** The metrics measured only on mixtures. */
export const MIXTURE_METRIC_NAMES: readonly MetricName[] = METRIC_NAMES.filter((m) => METRIC_CATALOG[m].mixture);
