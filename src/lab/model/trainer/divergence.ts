// Why a run probably diverged, for people, in every locale (the trainer may run in a worker, which knows no
// page locale: the lab picks the text).
import type { GanConfig } from '../config';
import type { Localized } from '../locale';
import { LOSSES, type LossEntry } from '../losses';
import type { Divergence } from '../types';

export function divergenceOf(c: GanConfig, iteration: number, what: string): Divergence {
  const lr = Math.max(c.generator.learningRate, c.discriminator.learningRate);
  const text: Localized<string> =
    (LOSSES[c.loss] as LossEntry).divergenceHint?.(c) ??
    (lr >= 0.05
      ? { en: `the learning rate (${lr}) is likely too high: try 0.001 to 0.01`, zh: `学习率（${lr}）很可能太高：试试 0.001 到 0.01` }
      : { en: 'the updates grew without bound: lower the learning rates or change the loss', zh: '更新量无限增大：调低学习率，或换一种损失函数' });
  return { iteration, what, hint: text.en, hintText: text };
}
