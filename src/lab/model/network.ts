// A multilayer perceptron whose parameters live in ONE flat tensor. At this size tfjs's cost is per op, not per
// flop, so one tensor per network keeps the optimizer to a dozen ops and lets backprop be written by hand.
import * as tf from '@tensorflow/tfjs-core';
import type { Activation } from './config';
import { constant } from './constants';
import * as k from './kernels';

import type { Rng } from './random';

export interface Layout {
  /** [in, out] of each dense layer, input to output. */
  dense: [number, number][];
  /** Flat sizes in order W0, b0, W1, b1, ... */
  sizes: number[];
  total: number;
  activation: Activation;
}

export function layout(inputs: number, hidden: number, neurons: number, outputs: number, activation: Activation): Layout {
  const widths = [inputs, ...Array(hidden).fill(neurons), outputs];
  const dense: [number, number][] = [];
  for (let i = 0; i + 1 < widths.length; i++) dense.push([widths[i], widths[i + 1]]);
  const sizes = dense.flatMap(([a, b]) => [a * b, b]);
  return { dense, sizes, total: sizes.reduce((s, v) => s + v, 0), activation };
}

/** Glorot-uniform weights (Keras's default), zero biases, drawn from the run's one Rng. */
export function initParams(l: Layout, rng: Rng): Float32Array {
  const p = new Float32Array(l.total);
  let o = 0;
  for (const [a, b] of l.dense) {
    const lim = Math.sqrt(6 / (a + b));
    for (let i = 0; i < a * b; i++) p[o + i] = (2 * rng.uniform() - 1) * lim;
    o += a * b + b; // biases stay 0
  }
  return p;
}

/** Each layer's W transposed ([1, out, in]), for backprop through a network that several steps use unchanged. */
export function transposes(l: Layout, w: tf.Tensor[]): tf.Tensor[] {
  return l.dense.map((_, i) => k.transpose(w[2 * i]));
}

/** The per-layer tensors cut from the flat parameter tensor: W as [1, in, out] (see kernels.ts), b as [out]. */
export function unpack(l: Layout, flat: tf.Tensor1D): tf.Tensor[] {
  const parts = k.split(flat, l.sizes);
  return parts.map((t, i) => (i % 2 === 0 ? k.reshape(t, [1, ...l.dense[i / 2]]) : t));
}

const LEAK = 0.2;

/** Hidden-layer activation applied to a pre-activation (used by the autodiff path). */
export function activate(z: tf.Tensor, a: Activation): tf.Tensor {
  if (a === 'relu') return tf.relu(z);
  if (a === 'leakyRelu') return tf.leakyRelu(z, LEAK);
  return tf.tanh(z);
}

/** Rows of x (any rank, last axis = features) as one [1, rows, features] matrix. */
function asMatrix(x: tf.Tensor): tf.Tensor {
  const f = x.shape[x.rank - 1];
  return x.rank === 3 && x.shape[0] === 1 ? x : k.reshape(x, [1, x.size / f, f]);
}

/**
 * Forward pass keeping every layer's output (index 0 = input), for hand-written backprop. Every entry is
 * [1, rows, features]; the input may be any shape with features last. Not differentiable by tf.grad.
 */
export function forward(l: Layout, w: tf.Tensor[], x: tf.Tensor): tf.Tensor[] {
  const acts: tf.Tensor[] = [asMatrix(x)];
  const last = l.dense.length - 1;
  for (let i = 0; i <= last; i++) {
    const W = w[2 * i], b = w[2 * i + 1];
    const prev = acts[acts.length - 1];
    let out: tf.Tensor;
    if (i === last) out = k.dense(prev, W, b, 'linear');
    else if (l.activation === 'relu') out = k.dense(prev, W, b, 'relu');
    else if (l.activation === 'leakyRelu') out = k.dense(prev, W, b, 'leakyrelu', LEAK);
    else out = k.tanh(k.dense(prev, W, b, 'linear'));
    acts.push(out);
  }
  return acts;
}

/** Plain forward for the autodiff path (differentiable by tf.grad, including twice for the gradient penalty). */
export function forwardDiff(l: Layout, w: tf.Tensor[], x: tf.Tensor): tf.Tensor {
  let h = x;
  const last = l.dense.length - 1;
  for (let i = 0; i <= last; i++) {
    h = tf.add(tf.matMul(h as tf.Tensor2D, tf.reshape(w[2 * i], l.dense[i])), w[2 * i + 1]);
    if (i < last) h = activate(h, l.activation);
  }
  return h;
}

/** d(activation)/d(pre-activation), written in terms of the activation's output. */
function activationGrad(a: tf.Tensor, act: Activation): tf.Tensor {
  if (act === 'relu') return k.step(a);
  if (act === 'leakyRelu') return k.step(a, LEAK);
  return k.sub(constant(1), k.square(a));
}

/**
 * Backprop through the network from dOut (gradient at the output, any shape with the output features last).
 * Returns the flat parameter gradient (when wantParams) and the gradient at the input, as [1, rows, inputs]
 * (when wantInput).
 */
export function backward(
  l: Layout,
  w: tf.Tensor[],
  acts: tf.Tensor[],
  dOut: tf.Tensor,
  wantParams: boolean,
  wantInput: boolean,
  /** Each layer's W transposed, if the caller keeps them (saves a transpose per layer). */
  wT?: readonly tf.Tensor[],
): { grad?: tf.Tensor1D; dInput?: tf.Tensor } {
  const grads: tf.Tensor[] = new Array(w.length);
  let dz = asMatrix(dOut);
  for (let i = l.dense.length - 1; i >= 0; i--) {
    if (wantParams) {
      grads[2 * i] = k.reshape(k.matMul(k.transpose(acts[i]), dz), [-1]);
      grads[2 * i + 1] = k.columnSum(dz);
    }
    if (i === 0 && !wantInput) break;
    let da = k.matMul(dz, wT ? wT[i] : k.transpose(w[2 * i]));
    if (i > 0) da = k.mul(da, activationGrad(acts[i], l.activation));
    dz = da;
  }
  return {
    grad: wantParams ? (k.concat(grads, 0) as tf.Tensor1D) : undefined,
    dInput: wantInput ? dz : undefined,
  };
}

/**
 * The gradient, with respect to the flat parameters, of the WGAN-GP penalty
 *   lambda * mean_i (||grad_x D(xHat_i)|| - 1)^2
 * for a network with one output and ReLU or leaky-ReLU hidden layers. For those, grad_x D is a product of
 * weight matrices and constant activation masks, so its derivative needs no second-order autodiff: push the
 * input gradient forward through the masks, then run the adjoint of that linear map. (tanh needs the curvature
 * of the activation; the trainer uses tf.grad for it.) Biases get 0: they only move the masks.
 */
export function gradientPenaltyGrad(l: Layout, w: tf.Tensor[], xHat: tf.Tensor2D, lambda: number, wT?: readonly tf.Tensor[]): tf.Tensor1D {
  if (l.activation === 'tanh') throw new Error('gradientPenaltyGrad: tanh needs autodiff');
  const K = l.dense.length;
  const n = xHat.shape[0];
  const acts = forward(l, w, xHat);
  // Rank-3 [1, rows, features] matrices through the kernels, as forward/backward (WGAN-GP runs this 5 times an
  // iteration); the same kernels the public 2-D ops ran, so the same bits.
  const masks = acts.map((a, i) => (i > 0 && i < K ? activationGrad(a, l.activation) : null));
  const WT = wT ?? transposes(l, w);
  // deltas[i+1] = d out / d (output of dense i), per sample: [1, n, out_i]
  const deltas: tf.Tensor[] = new Array(K + 1);
  deltas[K] = tf.ones([1, n, 1]);
  let g!: tf.Tensor;
  for (let i = K - 1; i >= 0; i--) {
    const p = k.matMul(deltas[i + 1], WT[i]);
    if (i > 0) deltas[i] = k.mul(p, masks[i]!);
    else g = p;
  }
  const norm = k.sqrt(k.add(k.reshape(k.sum(k.square(g), [2]), [1, n, 1]), constant(1e-12)));
  // d penalty / d g = (2 lambda / n) (||g|| - 1) g / ||g||
  let dp = k.mul(g, k.mul(k.div(k.sub(norm, constant(1)), norm), constant((2 * lambda) / n)));
  const grads: tf.Tensor[] = new Array(w.length);
  for (let i = 0; i < K; i++) {
    grads[2 * i] = k.reshape(k.matMul(k.transpose(dp), deltas[i + 1]), [-1]);
    grads[2 * i + 1] = tf.zeros([l.dense[i][1]]);
    if (i + 1 < K) dp = k.mul(k.matMul(dp, w[2 * i]), masks[i + 1]!);
  }
  return k.concat(grads, 0) as tf.Tensor1D;
}
