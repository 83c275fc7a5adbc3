// Why a run probably diverged, in words a learner can act on.
import type { GanConfig } from '../config';
import { LOSSES, type LossEntry } from '../losses';
import type { Divergence } from '../types';

/** How each optimizer turns a too-large learning rate into runaway steps. */
const OVERSHOOT: Record<GanConfig['generator']['optimizer'], (lr: number) => string> = {
  sgd: (lr) => `plain gradient descent steps by the gradient times ${lr}, so each step overshoots, the gradient grows, and the next step overshoots further`,
  momentum: (lr) => `momentum steps by the gradient times ${lr} and adds a share of the previous steps, so the overshoots pile up on each other`,
  adam: (lr) => `Adam moves every weight by about ${lr} on every step, while the weights start at about 1, so each step throws them far off`,
  rmsprop: (lr) => `RMSProp moves every weight by about ${lr} on every step, while the weights start at about 1, so each step throws them far off`,
};

const CALM: Record<GanConfig['generator']['optimizer'], string> = { sgd: '0.01 to 0.1', momentum: '0.01', adam: '0.001 to 0.01', rmsprop: '0.001 to 0.01' };

/** `since`: the iteration of the first warning sign (the iteration itself when there was none). */
export function divergenceOf(c: GanConfig, iteration: number, what: string, since = iteration): Divergence {
  return { iteration, what, since, hint: (LOSSES[c.loss] as LossEntry).divergenceHint?.(c) ?? rateHint(c) };
}

function rateHint(c: GanConfig): string {
  const net = c.generator.learningRate >= c.discriminator.learningRate ? c.generator : c.discriminator;
  const lr = net.learningRate;
  const high = net.optimizer === 'sgd' || net.optimizer === 'momentum' ? lr >= 0.5 : lr >= 0.05;
  if (!high) return 'the updates grew without bound: lower the learning rates or change the loss';
  const unsquashed = net.activation === 'tanh' ? '' : `; ${net.activation === 'relu' ? 'ReLU' : 'leaky ReLU'} passes large values straight through, so nothing in the network holds them back`;
  return `the learning rate (${lr}) is too high: ${OVERSHOOT[net.optimizer](lr)}${unsquashed}. Try ${CALM[net.optimizer]}`;
}
