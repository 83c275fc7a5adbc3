// The GAN losses, on D's raw outputs ("logits"). Each gives its value and its gradient with respect to the
// logits in closed form, so the trainer needs no autodiff tape for the common cases.
//
// D sees a batch whose first n rows are real and last n are fake. G's losses see the n fake rows alone.
import * as tf from '@tensorflow/tfjs-core';
import type { Loss } from './config';
import { constant as c } from './constants';
import * as k from './kernels';

export interface LossKit {
  loss: Loss;
  n: number;
  /** D's loss over [real; fake] logits ([2n, 1]). */
  dValue(l: tf.Tensor): tf.Scalar;
  dGrad(l: tf.Tensor): tf.Tensor;
  /** G's loss over the fake logits ([n, 1]). */
  gValue(l: tf.Tensor): tf.Scalar;
  gGrad(l: tf.Tensor): tf.Tensor;
  dispose(): void;
}

/** D's output as "probability real" for display (heatmap): a sigmoid for all but least squares, which targets 0/1 directly. */
export function displayProbability(loss: Loss, l: tf.Tensor): tf.Tensor {
  return loss === 'leastSquares' ? tf.clipByValue(l, 0, 1) : tf.sigmoid(l);
}

/** Constants (labels, signs) are built once per batch size and kept. */
export function lossKit(loss: Loss, n: number): LossKit {
  const y = new Float32Array(2 * n).fill(1, 0, n); // 1 = real, 0 = fake
  const Y = tf.keep(tf.tensor2d(y, [2 * n, 1]));
  const S = tf.keep(tf.tensor2d(y.map((v) => 2 * v - 1), [2 * n, 1])); // +1 real, -1 fake
  const inv = 1 / n;
  // Wasserstein's gradients do not depend on the logits at all.
  const wD = tf.keep(tf.mul(S, -inv) as tf.Tensor2D);
  const wG = tf.keep(tf.fill([n, 1], -inv) as tf.Tensor2D);

  const kit: LossKit = {
    loss,
    n,
    dValue(l) {
      switch (loss) {
        case 'minimax':
        case 'nonsaturating': // softplus(-l) on real rows, softplus(l) on fake rows
          return tf.mul(tf.sum(tf.sub(tf.softplus(l), tf.mul(Y, l))), inv) as tf.Scalar;
        case 'leastSquares':
          return tf.mul(tf.sum(tf.square(tf.sub(l, Y))), 0.5 * inv) as tf.Scalar;
        case 'wasserstein':
          return tf.mul(tf.sum(tf.mul(S, l)), -inv) as tf.Scalar;
        case 'hinge':
          return tf.mul(tf.sum(tf.relu(tf.sub(1, tf.mul(S, l)))), inv) as tf.Scalar;
      }
    },
    dGrad(l) {
      switch (loss) {
        case 'minimax':
        case 'nonsaturating':
          return k.mul(k.sub(k.sigmoid(l), Y), c(inv));
        case 'leastSquares':
          return k.mul(k.sub(l, Y), c(inv));
        case 'wasserstein':
          return wD;
        case 'hinge':
          return tf.mul(tf.step(tf.sub(c(1), tf.mul(S, l))), tf.mul(S, c(-inv)));
      }
    },
    gValue(l) {
      switch (loss) {
        case 'minimax': // G minimises log(1 - D(G(z))) = -softplus(l)
          return tf.neg(tf.mean(tf.softplus(l))) as tf.Scalar;
        case 'nonsaturating': // G minimises -log D(G(z)) = softplus(-l)
          return tf.mean(tf.softplus(tf.neg(l))) as tf.Scalar;
        case 'leastSquares':
          return tf.mul(tf.mean(tf.square(tf.sub(l, 1))), 0.5) as tf.Scalar;
        case 'wasserstein':
        case 'hinge':
          return tf.neg(tf.mean(l)) as tf.Scalar;
      }
    },
    gGrad(l) {
      const rows = l.size; // one output per row; the frame's fixed fakes may be a different count from the batch
      const r = 1 / rows;
      switch (loss) {
        case 'minimax':
          return k.mul(k.sigmoid(l), c(-r));
        case 'nonsaturating':
          return k.mul(k.sub(k.sigmoid(l), c(1)), c(r));
        case 'leastSquares':
          return k.mul(k.sub(l, c(1)), c(r));
        case 'wasserstein':
        case 'hinge':
          return rows === n ? wG : tf.fill([rows, 1], -r);
      }
    },
    dispose() {
      for (const t of [Y, S, wD, wG]) t.dispose();
    },
  };
  return kit;
}
