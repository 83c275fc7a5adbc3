// Why a run probably diverged, for people.
import type { GanConfig } from '../config';
import { LOSSES, type LossEntry } from '../losses';
import type { Divergence } from '../types';

export function divergenceOf(c: GanConfig, iteration: number, what: string): Divergence {
  const lr = Math.max(c.generator.learningRate, c.discriminator.learningRate);
  const hint =
    (LOSSES[c.loss] as LossEntry).divergenceHint?.(c) ??
    (lr >= 0.05 ? `the learning rate (${lr}) is likely too high: try 0.001 to 0.01` : 'the updates grew without bound: lower the learning rates or change the loss');
  return { iteration, what, hint };
}
