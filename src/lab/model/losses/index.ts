// The GAN losses, one file each. Adding one: a file exporting a LossEntry, and a line here.
// No tfjs at load time (see entry.ts): config.ts takes the `loss` enum from these keys.
import type { LossEntry } from './entry';
import { hinge } from './hinge';
import { leastSquares } from './least-squares';
import { minimax } from './minimax';
import { nonsaturating } from './nonsaturating';
import { wasserstein } from './wasserstein';

export const LOSSES = {
  minimax,
  nonsaturating,
  leastSquares,
  wasserstein,
  hinge,
} satisfies Record<string, LossEntry>;

export type Loss = keyof typeof LOSSES;
export const LOSS_NAMES = Object.keys(LOSSES) as [Loss, ...Loss[]];

export type { LossBatch, LossEntry, LossLib, LossMath, LossOps } from './entry';
