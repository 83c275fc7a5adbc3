// Shapes that cross the model's boundary: what views draw, what snapshots store.
import type { GanConfig } from './config';
import type { Localized } from './locale';

/** The view's data window, from the distribution. */
export interface Bounds {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

/**
 * Everything a view needs for one picture, read from the backend in one asynchronous read.
 * Point arrays are interleaved x,y (Float32Array of length 2n).
 */
export interface TrainerFrame {
  iteration: number;
  bounds: Bounds;
  /** Real samples (a fixed set per distribution and seed, so the cloud does not flicker). */
  real: Float32Array;
  /** Fakes for a fixed noise batch (the same noise every frame, so motion is the generator's). */
  fake: Float32Array;
  /** The gradient of the generator's loss at each fake, interleaved like `fake` (points where the fakes are pushed: -grad). */
  fakeGradient: Float32Array;
  /**
   * The generator's manifold: a (cells+1)x(cells+1) lattice over noise space carried through G, interleaved x,y,
   * row-major. Only for noise.dim 1 (then a polyline of cells+1 points) or 2; for higher dims, the first two
   * noise coordinates vary and the rest are 0.
   */
  manifold: { cells: number; points: Float32Array; density: Float32Array; dim: 1 | 2 };
  /** D's output (probability of "real", or the critic's score squashed by a sigmoid) on a res x res grid over `bounds`, row-major from yMin. */
  heatmap: { res: number; values: Float32Array };
  /**
   * The optimal discriminator D* = p_data / (p_data + p_g) on the heatmap's cells (NaN where neither density
   * reaches), p_g from a fixed batch of FRAME_OPTIMAL_FAKES fakes. Only where D* is defined for the loss
   * (hasOptimalD), and only in frames read with `optimal` (FrameOptions).
   */
  optimal?: { res: number; values: Float32Array };
  dLoss: number;
  gLoss: number;
}

/** What a frame read brings besides the picture (Trainer.frame). */
export interface FrameOptions {
  /** Every weight and optimizer slot too (lastFrameState): a lost WebGL context continues elsewhere from it. */
  keepState?: boolean;
  /** The state read is kept on the device for rewind() (mark.ts); any other frame drops the mark. */
  mark?: boolean;
  /**
   * D* on the heatmap's cells (default true). The lab asks for it only while its layer shows: its 5,000 fakes
   * through G were two thirds of a 6x128 network's frame (50 against 17 ms on wasm).
   */
  optimal?: boolean;
}

/** Metrics measured from fresh samples; history is stored per iteration. */
export interface Metrics {
  iteration: number;
  dLoss: number;
  gLoss: number;
  /** Grid KL(real || fake) and JS divergence in bits on `bins` x `bins` cells over the view, from `samples` of each. */
  kl: number;
  js: number;
  bins: number;
  samples: number;
  /** Share of fakes that fell outside the view (counted in an overflow bin, never dropped). */
  outside: number;
  /** Centre of the fakes and their root-mean-square distance from it (data units): where a clump is, how tight. */
  fakeMeanX: number;
  fakeMeanY: number;
  fakeSpread: number;
  /** JS between the metric's real sample and a second real sample of the same size: what a perfect generator reads. */
  jsFloor: number;
  /** Share of fakes off the picture or in a grid cell that holds none of the real sample's points. */
  fakesOffData: number;
  /** D (as a probability) over the heatmap's cells: its mean, and its mean distance from 0.5. */
  dGridMean: number;
  dGridDev: number;
  /** D's mean output (as a probability) on the real sample and on the fakes. */
  dRealMean: number;
  dFakeMean: number;
  /** Only where D* = p_data / (p_data + p_g) is D's optimum (hasOptimalD): D's weighted distance from D* over the grid. */
  dStarGap?: number;
  /** G's loss gradient at the fakes, per fake (not divided by the batch): its mean norm, and its mean with respect to D's logit. */
  gGradNorm: number;
  gLogitGrad: number;
  /** Share of G's and of D's hidden units that output 0 for every input of the measurement (dead ReLUs). */
  gDeadUnits: number;
  dDeadUnits: number;
  /** Mixtures only (ring8, grid25, disjoint, gaussians): VEEGAN/PacGAN mode metrics. */
  modes?: number;
  modesTotal?: number;
  highQuality?: number;
  reverseKL?: number;
}

export type TrainerStatus = 'ok' | 'diverged';

export interface Divergence {
  iteration: number;
  /**
   * What went wrong: 'dLoss', 'gLoss' or 'weights' went NaN or infinite; or, before that, a warning sign lasted
   * (trainer/health.ts: 'weights-exploding', 'losses-exploding', 'fakes-outside').
   */
  what: string;
  /** The iteration of the first warning sign (restoring goes back to before it). */
  since?: number;
  /** A likely cause, for people (English: logs and the build's errors). */
  hint: string;
  /** The same in every locale (what the lab shows). */
  hintText?: Localized<string>;
}

/** A JSON-safe snapshot: restore(snapshot) then N iterations equals N iterations without it. */
export interface TrainerSnapshot {
  version: 1;
  config: GanConfig;
  iteration: number;
  rng: number[];
  /** Each network's parameters and optimizer slots, flat, as plain number arrays (base64 would be smaller; JSON is inspectable). */
  generator: NetworkState;
  discriminator: NetworkState;
  history: Metrics[];
  /** The losses of the last step; null where no step has run yet (they are then measured on a fixed batch). */
  lastLosses: { dLoss: number | null; gLoss: number | null };
}

export interface NetworkState {
  params: number[];
  slots: number[][];
  step: number;
}
