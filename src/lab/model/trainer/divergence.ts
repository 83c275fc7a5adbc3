// Why a run probably diverged, in words a learner can act on, in every locale (the trainer may run in a worker,
// which knows no page locale: the lab picks the text).
import type { GanConfig } from '../config';
import type { Localized } from '../locale';
import { LOSSES, type LossEntry } from '../losses';
import type { Divergence } from '../types';

type Optimizer = GanConfig['generator']['optimizer'];

/** How each optimizer turns a too-large learning rate into runaway steps. */
const OVERSHOOT: Record<Optimizer, (lr: number) => Localized<string>> = {
  sgd: (lr) => ({
    en: `plain gradient descent steps by the gradient times ${lr}, so each step overshoots, the gradient grows, and the next step overshoots further`,
    zh: `普通梯度下降每一步走梯度乘以 ${lr}，于是每一步都冲过头，梯度变大，下一步冲得更远`,
  }),
  momentum: (lr) => ({
    en: `momentum steps by the gradient times ${lr} and adds a share of the previous steps, so the overshoots pile up on each other`,
    zh: `动量法每一步走梯度乘以 ${lr}，还要加上之前步长的一部分，于是冲过头的量层层叠加`,
  }),
  adam: (lr) => ({
    en: `Adam moves every weight by about ${lr} on every step, while the weights start at about 1, so each step throws them far off`,
    zh: `Adam 每一步把每个权重移动约 ${lr}，而权重起初只有 1 左右，所以每一步都把它们甩得很远`,
  }),
  rmsprop: (lr) => ({
    en: `RMSProp moves every weight by about ${lr} on every step, while the weights start at about 1, so each step throws them far off`,
    zh: `RMSProp 每一步把每个权重移动约 ${lr}，而权重起初只有 1 左右，所以每一步都把它们甩得很远`,
  }),
};

/** A learning rate that trains well with each optimizer here. */
const CALM: Record<Optimizer, string> = { sgd: '0.01 – 0.1', momentum: '0.01', adam: '0.001 – 0.01', rmsprop: '0.001 – 0.01' };

/** `since`: the iteration of the first warning sign (the iteration itself when there was none). */
export function divergenceOf(c: GanConfig, iteration: number, what: string, since = iteration): Divergence {
  const text = (LOSSES[c.loss] as LossEntry).divergenceHint?.(c) ?? rateHint(c);
  return { iteration, what, since, hint: text.en, hintText: text };
}

function rateHint(c: GanConfig): Localized<string> {
  const net = c.generator.learningRate >= c.discriminator.learningRate ? c.generator : c.discriminator;
  const lr = net.learningRate;
  const high = net.optimizer === 'sgd' || net.optimizer === 'momentum' ? lr >= 0.5 : lr >= 0.05;
  if (!high) return { en: 'the updates grew without bound: lower the learning rates or change the loss', zh: '更新量无限增大：调低学习率，或换一种损失函数' };
  const how = OVERSHOOT[net.optimizer](lr);
  const act = net.activation === 'relu' ? 'ReLU' : 'leaky ReLU';
  const loose = net.activation === 'tanh' ? { en: '', zh: '' } : { en: `; ${act} passes large values straight through, so nothing in the network holds them back`, zh: `；${act} 让大数值原样通过，网络里没有任何东西能把它们拉回来` };
  return {
    en: `the learning rate (${lr}) is too high: ${how.en}${loose.en}. Try ${CALM[net.optimizer]}`,
    zh: `学习率（${lr}）太高：${how.zh}${loose.zh}。试试 ${CALM[net.optimizer]}`,
  };
}
