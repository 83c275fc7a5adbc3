// The state one training run works on, shared by the trainer's parts.
import type { GanConfig } from '../config';
import type { DataSource } from '../distributions';
import { LOSSES, type LossEntry } from '../losses';
import type { LossKit } from '../losses/kit';
import type { Rng } from '../random';
import type { LossRecord } from './loss-record';
import type { Networks } from './nets';

export interface Run {
  config: GanConfig;
  /** The training Rng: batches, initialisation and interpolation weights, in a fixed order. */
  rng: Rng;
  src: DataSource;
  nets: Networks;
  kit: LossKit;
  losses: LossRecord;
}

/** True when a configuration needs tf.grad rather than hand-written backprop. */
export function usesAutodiff(c: GanConfig): boolean {
  // The gradient penalty has a closed form for (leaky) ReLU critics without a batch statistic; tanh's needs second
  // derivatives, and so does the penalty through minibatch std's feature. Minibatch std alone is hand-written.
  return c.gradientPenalty > 0 && (c.discriminator.activation === 'tanh' || c.minibatchStd);
}

/** True when D* = p_data / (p_data + p_g) is D's optimum: a loss that has one, and D judging one point at a time. */
export function hasOptimalD(c: GanConfig): boolean {
  return (LOSSES[c.loss] as LossEntry).optimalD === true && c.pack === 1;
}
