// A loss's math bound to tfjs and to one batch size: the labels and signs of D's [real; fake] batch and the
// entry's own constants are built once and kept, so a step makes none.
import * as tf from '@tensorflow/tfjs-core';
import { clipByValue, fill, mean, mul, neg, relu, sigmoid, softplus, square, step, sub, sum } from '@tensorflow/tfjs-core';
import { constant } from '../constants';
import * as k from '../kernels';
import type { LossBatch, LossMath, LossOps } from './entry';
import { LOSSES, type Loss } from './index';

export interface LossKit {
  loss: Loss;
  n: number;
  /** D's loss over [real; fake] logits ([2n, 1]). */
  dValue(l: tf.Tensor): tf.Scalar;
  dGrad(l: tf.Tensor): tf.Tensor;
  /** G's loss over fake logits ([rows, 1]). */
  gValue(l: tf.Tensor): tf.Scalar;
  gGrad(l: tf.Tensor): tf.Tensor;
  /** D's output as "probability real", for display. */
  probability(l: tf.Tensor): tf.Tensor;
  dispose(): void;
}

const OPS: LossOps = { clipByValue, fill, mean, mul, neg, relu, sigmoid, softplus, square, step, sub, sum };
const maths = new Map<Loss, LossMath>();

/** The entry's math on the current tfjs (made once per loss). */
export function lossMath(loss: Loss): LossMath {
  let m = maths.get(loss);
  if (!m) {
    const entry = LOSSES[loss];
    if (!entry) throw new Error(`unknown loss "${loss}"`);
    m = entry.math({ tf: OPS, k, c: constant });
    maths.set(loss, m);
  }
  return m;
}

export function lossKit(loss: Loss, n: number): LossKit {
  const m = lossMath(loss);
  const y = new Float32Array(2 * n).fill(1, 0, n); // 1 = real, 0 = fake
  const Y = tf.keep(tf.tensor2d(y, [2 * n, 1]));
  const S = tf.keep(tf.tensor2d(y.map((v) => 2 * v - 1), [2 * n, 1])); // +1 real, -1 fake
  const base = { n, inv: 1 / n, Y, S };
  const kept = m.keep ? tf.tidy(() => m.keep!(base)) : {};
  Object.values(kept).forEach((t) => tf.keep(t));
  const b: LossBatch = { ...base, kept };
  return {
    loss,
    n,
    dValue: (l) => m.dValue(l, b),
    dGrad: (l) => m.dGrad(l, b),
    gValue: (l) => m.gValue(l, b),
    gGrad: (l) => m.gGrad(l, b),
    probability: (l) => m.probability(l),
    dispose() {
      for (const t of [Y, S, ...Object.values(kept)]) t.dispose();
    },
  };
}
