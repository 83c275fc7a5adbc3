// Hand-written backprop from the loss entry's closed-form logit gradients, through the direct kernels: the fast
// path, for every configuration but a tanh critic's gradient penalty or a penalty with minibatch std (second
// derivatives through a tanh or a batch statistic). Minibatch std's feature has its own backward (batches.ts).
import * as tf from '@tensorflow/tfjs-core';
import { constant } from '../constants';
import * as k from '../kernels';
import { backward, forward, gradientPenaltyGrad } from '../network';
import { packed, withStd, withStdBackward } from './batches';
import type { Run } from './run';

/** D's flat gradient on packed real and fake rows; `eps`: the gradient penalty's interpolation weights. */
export function handD(run: Run, real: tf.Tensor2D, fake: tf.Tensor2D, eps: tf.Tensor2D | null, record: boolean): tf.Tensor1D {
  const d = run.nets.d, c = run.config;
  // Real and fake batches each carry their own statistic (as tf.grad's path computes D on each apart).
  const input = c.minibatchStd ? k.concat([withStd(c, real), withStd(c, fake)], 0) : k.concat([real, fake], 0);
  const acts = forward(d.layout, d.w, input);
  const L = acts[acts.length - 1];
  if (record) run.losses.keep(L, null, true);
  const grad = backward(d.layout, d.w, acts, run.kit.dGrad(L), true, false, run.nets.dTransposes()).grad!;
  if (!eps) return grad;
  // WGAN-GP: penalise the critic's input-gradient norm at random interpolates away from 1.
  const xHat = k.add(k.mul(eps, real), k.mul(k.sub(constant(1), eps), fake)) as tf.Tensor2D;
  return k.add(grad, gradientPenaltyGrad(d.layout, d.w, xHat, c.gradientPenalty, run.nets.dTransposes())) as tf.Tensor1D;
}

/** G's flat gradient for a noise batch, through the current D. */
export function handG(run: Run, z: tf.Tensor2D, record: boolean): tf.Tensor1D {
  const { g, d } = run.nets;
  const gActs = forward(g.layout, g.w, z);
  const fake = packed(run.config, gActs[gActs.length - 1]);
  const dActs = forward(d.layout, d.w, withStd(run.config, fake));
  const L = dActs[dActs.length - 1];
  if (record) run.losses.keep(null, L, true);
  const dX = backward(d.layout, d.w, dActs, run.kit.gGrad(L), false, true, run.nets.dTransposes()).dInput!;
  return backward(g.layout, g.w, gActs, k.reshape(fakeGradient(run, fake, dX), [1, z.shape[0], 2]), true, false).grad!;
}

/** The gradient at D's packed input rows, from the one at D's input (the feature's column folded back in). */
function fakeGradient(run: Run, x: tf.Tensor2D, dInput: tf.Tensor): tf.Tensor {
  return run.config.minibatchStd ? withStdBackward(run.config, x, dInput) : dInput;
}

/** Gradient of G's loss at the points x (rows of 2), through the current D. */
export function handGLossAt(run: Run, x: tf.Tensor): tf.Tensor {
  const d = run.nets.d;
  const rows = packed(run.config, x);
  const acts = forward(d.layout, d.w, withStd(run.config, rows));
  const dX = backward(d.layout, d.w, acts, run.kit.gGrad(acts[acts.length - 1]), false, true, run.nets.dTransposes()).dInput!;
  return tf.reshape(fakeGradient(run, rows, dX), x.shape);
}
