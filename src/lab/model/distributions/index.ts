// The real data, one file per distribution. Adding one: a file exporting a DistributionEntry, and a line here.
// config.ts takes the `distribution` enum from these keys (in this order: the picker lists them so).
import type { Bounds } from '../types';
import type { Rng } from '../random';
import { disjoint } from './disjoint';
import type { DistributionEntry, Mode, Points } from './entry';
import { gaussians } from './gaussians';
import { grid25 } from './grid25';
import { line } from './line';
import { points } from './points';
import { ring } from './ring';
import { ring8 } from './ring8';
import { swissroll } from './swissroll';

export const DISTRIBUTIONS = {
  line,
  gaussians,
  ring,
  disjoint,
  ring8,
  grid25,
  swissroll,
  points,
} satisfies Record<string, DistributionEntry>;

export type Distribution = keyof typeof DISTRIBUTIONS;
export const DISTRIBUTION_NAMES = Object.keys(DISTRIBUTIONS) as [Distribution, ...Distribution[]];

/** The mixtures: the distributions the mode metrics are defined for. */
export function isMixture(d: Distribution): boolean {
  return (DISTRIBUTIONS[d] as DistributionEntry).modes !== undefined;
}

export interface DataSource {
  name: Distribution;
  bounds: Bounds;
  /** Mixture components, equally weighted; absent for continuous shapes (line, ring, swissroll, points). */
  modes?: readonly Mode[];
  /** Writes n points, interleaved x,y, into out (length 2n). */
  sample(rng: Rng, out: Float32Array): void;
}

export function dataSource(config: { distribution: Distribution; points: Points }): DataSource {
  const entry: DistributionEntry | undefined = DISTRIBUTIONS[config.distribution];
  if (!entry) throw new Error(`unknown distribution "${config.distribution}"`);
  const { bounds, sample } = entry.sampler(config.points);
  return { name: config.distribution, bounds, modes: entry.modes, sample };
}

export function samplePoints(src: DataSource, rng: Rng, n: number): Float32Array {
  const out = new Float32Array(2 * n);
  src.sample(rng, out);
  return out;
}

export type { DistributionEntry, Mode, Points, Sampler } from './entry';
export { grid25Modes } from './grid25';
export { boundsAround, dataSquare, JITTER_MARGIN, POINT_JITTER } from './points';
export { ring8Modes } from './ring8';
