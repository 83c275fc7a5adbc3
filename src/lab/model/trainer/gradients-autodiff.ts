// The general path, by tf.grad through public ops: for a minibatch-std feature (a batch statistic inside D) and
// for a tanh critic's gradient penalty (second derivatives). Slower; needs tfjs's gradient functions registered,
// which the backend initialisers (../backend-node.ts, ../../backend.ts, ../../remote/trainer-worker.ts) do.
import * as tf from '@tensorflow/tfjs-core';
import { forwardDiff, unpack } from '../network';
import { packed, withStd } from './batches';
import type { Run } from './run';

/** D's flat gradient on packed real and fake rows; `eps`: the gradient penalty's interpolation weights. */
export function autodiffD(run: Run, real: tf.Tensor2D, fake: tf.Tensor2D, eps: tf.Tensor2D | null, record: boolean): tf.Tensor1D {
  const { config: c, nets, kit } = run;
  const lossOf = (p: tf.Tensor) => {
    const w = unpack(nets.d.layout, p as tf.Tensor1D);
    const D = (x: tf.Tensor) => forwardDiff(nets.d.layout, w, withStd(c, x));
    const L = tf.concat([D(real), D(fake)]) as tf.Tensor2D;
    let loss = kit.dValue(L);
    if (record) run.losses.keep(tf.clone(loss), null, false);
    if (eps) {
      // WGAN-GP: penalise the critic's input-gradient norm at random interpolates away from 1.
      const xHat = tf.add(tf.mul(eps, real), tf.mul(tf.sub(1, eps), fake));
      const gx = tf.grad((x: tf.Tensor) => tf.sum(D(x)))(xHat);
      const norm = tf.sqrt(tf.add(tf.sum(tf.square(gx), 1), 1e-12));
      loss = tf.add(loss, tf.mul(tf.mean(tf.square(tf.sub(norm, 1))), c.gradientPenalty));
    }
    return loss as tf.Scalar;
  };
  return tf.grad(lossOf)(nets.d.params) as tf.Tensor1D;
}

/** G's flat gradient for a noise batch, through the current D. */
export function autodiffG(run: Run, z: tf.Tensor2D, record: boolean): tf.Tensor1D {
  const { config: c, nets, kit } = run;
  const lossOf = (p: tf.Tensor) => {
    const x = forwardDiff(nets.g.layout, unpack(nets.g.layout, p as tf.Tensor1D), z) as tf.Tensor2D;
    const L = forwardDiff(nets.d.layout, nets.d.w, withStd(c, packed(c, x))) as tf.Tensor2D;
    const loss = kit.gValue(L);
    if (record) run.losses.keep(null, tf.clone(loss), false);
    return loss;
  };
  return tf.grad(lossOf)(nets.g.params) as tf.Tensor1D;
}

/** Gradient of G's loss at the points x (rows of 2), through the current D. */
export function autodiffGLossAt(run: Run, x: tf.Tensor): tf.Tensor {
  const { config: c, nets, kit } = run;
  return tf.grad((p: tf.Tensor) => kit.gValue(forwardDiff(nets.d.layout, nets.d.w, withStd(c, packed(c, p as tf.Tensor2D))) as tf.Tensor2D))(x) as tf.Tensor2D;
}
