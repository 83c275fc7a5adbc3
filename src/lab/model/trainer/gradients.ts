// Each network's loss gradient, by the path the configuration needs (./run.ts's usesAutodiff).
import type * as tf from '@tensorflow/tfjs-core';
import { forward } from '../network';
import { interpolationWeights, packed } from './batches';
import { autodiffD, autodiffG, autodiffGLossAt } from './gradients-autodiff';
import { handD, handG, handGLossAt } from './gradients-hand';
import type { Run } from './run';

/** D's flat loss gradient on a real batch and a noise batch (rows: batchSize). Draws the penalty's weights. */
export function dGradient(run: Run, realRows: tf.Tensor2D, z: tf.Tensor2D, record: boolean, autodiff: boolean): tf.Tensor1D {
  const { g } = run.nets;
  const real = packed(run.config, realRows);
  const fake = packed(run.config, forward(g.layout, g.w, z).pop()!);
  const eps = interpolationWeights(run.config, run.rng, real.shape[0]);
  return (autodiff ? autodiffD : handD)(run, real, fake, eps, record);
}

/** G's flat loss gradient for a noise batch, through the current D. */
export function gGradient(run: Run, z: tf.Tensor2D, record: boolean, autodiff: boolean): tf.Tensor1D {
  return (autodiff ? autodiffG : handG)(run, z, record);
}

/** Gradient of G's loss at the points x (rows of 2), through the current D: where each fake is pushed (-grad). */
export function gLossGradientAt(run: Run, x: tf.Tensor, autodiff: boolean): tf.Tensor {
  return (autodiff ? autodiffGLossAt : handGLossAt)(run, x);
}
