// A multilayer perceptron whose parameters live in ONE flat tensor. At this size tfjs's cost is per op, not per
// flop, so one tensor per network keeps the optimizer to a dozen ops and lets backprop be written by hand.
import * as tf from '@tensorflow/tfjs-core';
import type { Activation } from './config';
import { constant } from './constants';

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

/** The per-layer tensors (W as [in, out], b as [out]) cut from the flat parameter tensor. */
export function unpack(l: Layout, flat: tf.Tensor1D): tf.Tensor[] {
  const parts = tf.split(flat, l.sizes);
  return parts.map((t, i) => (i % 2 === 0 ? tf.reshape(t, l.dense[i / 2]) : t));
}

const LEAK = 0.2;

/** Hidden-layer activation applied to a pre-activation (used by the autodiff path and for tanh). */
export function activate(z: tf.Tensor, a: Activation): tf.Tensor {
  if (a === 'relu') return tf.relu(z);
  if (a === 'leakyRelu') return tf.leakyRelu(z, LEAK);
  return tf.tanh(z);
}

/** Forward pass keeping every layer's output (index 0 = input), for hand-written backprop. */
export function forward(l: Layout, w: tf.Tensor[], x: tf.Tensor2D): tf.Tensor2D[] {
  const acts: tf.Tensor2D[] = [x];
  const last = l.dense.length - 1;
  for (let i = 0; i <= last; i++) {
    const W = w[2 * i] as tf.Tensor2D, b = w[2 * i + 1];
    const prev = acts[acts.length - 1];
    let out: tf.Tensor2D;
    if (i === last) out = tf.fused.matMul({ a: prev, b: W, bias: b }) as tf.Tensor2D;
    else if (l.activation === 'relu') out = tf.fused.matMul({ a: prev, b: W, bias: b, activation: 'relu' }) as tf.Tensor2D;
    else if (l.activation === 'leakyRelu')
      out = tf.fused.matMul({ a: prev, b: W, bias: b, activation: 'leakyrelu', leakyreluAlpha: LEAK }) as tf.Tensor2D;
    else out = tf.tanh(tf.fused.matMul({ a: prev, b: W, bias: b })) as tf.Tensor2D;
    acts.push(out);
  }
  return acts;
}

/** Plain forward for the autodiff path (differentiable by tf.grad, including twice for the gradient penalty). */
export function forwardDiff(l: Layout, w: tf.Tensor[], x: tf.Tensor): tf.Tensor {
  let h = x;
  const last = l.dense.length - 1;
  for (let i = 0; i <= last; i++) {
    h = tf.add(tf.matMul(h as tf.Tensor2D, w[2 * i] as tf.Tensor2D), w[2 * i + 1]);
    if (i < last) h = activate(h, l.activation);
  }
  return h;
}

/** dy * f'(z) for a hidden layer whose output is a. */
function throughActivation(dy: tf.Tensor2D, a: tf.Tensor2D, act: Activation): tf.Tensor2D {
  return tf.mul(dy, activationGrad(a, act)) as tf.Tensor2D;
}

/** d(activation)/d(pre-activation), written in terms of the activation's output. */
function activationGrad(a: tf.Tensor, act: Activation): tf.Tensor {
  if (act === 'relu') return tf.step(a);
  if (act === 'leakyRelu') return tf.step(a, LEAK);
  return tf.sub(constant(1), tf.square(a));
}

/**
 * Backprop through the network from dOut (gradient at the output). Returns the flat parameter gradient
 * (when wantParams) and the gradient at the input (when wantInput).
 *
 * Transposes are explicit: tfjs-wasm's matMul with a transpose flag is 5-8x slower than a transpose then a
 * plain matMul at these sizes (measured in bench/ops, Node 20).
 */
export function backward(
  l: Layout,
  w: tf.Tensor[],
  acts: tf.Tensor2D[],
  dOut: tf.Tensor2D,
  wantParams: boolean,
  wantInput: boolean,
): { grad?: tf.Tensor1D; dInput?: tf.Tensor2D } {
  const grads: tf.Tensor[] = new Array(w.length);
  let dz = dOut;
  for (let i = l.dense.length - 1; i >= 0; i--) {
    if (wantParams) {
      grads[2 * i] = tf.reshape(tf.matMul(tf.transpose(acts[i]), dz), [-1]);
      grads[2 * i + 1] = tf.sum(dz, 0);
    }
    if (i === 0 && !wantInput) break;
    let da: tf.Tensor2D = tf.matMul(dz, tf.transpose(w[2 * i] as tf.Tensor2D));
    if (i > 0) da = throughActivation(da, acts[i], l.activation);
    dz = da;
  }
  return {
    grad: wantParams ? (tf.concat(grads) as tf.Tensor1D) : undefined,
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
export function gradientPenaltyGrad(l: Layout, w: tf.Tensor[], xHat: tf.Tensor2D, lambda: number): tf.Tensor1D {
  if (l.activation === 'tanh') throw new Error('gradientPenaltyGrad: tanh needs autodiff');
  const K = l.dense.length;
  const acts = forward(l, w, xHat);
  const masks = acts.map((a, k) => (k > 0 && k < K ? activationGrad(a, l.activation) : null));
  const n = xHat.shape[0];
  // deltas[i+1] = d out / d (output of dense i), per sample: [n, out_i]
  const deltas: tf.Tensor2D[] = new Array(K + 1);
  deltas[K] = tf.ones([n, 1]) as tf.Tensor2D;
  let g!: tf.Tensor2D;
  for (let i = K - 1; i >= 0; i--) {
    const p: tf.Tensor2D = tf.matMul(deltas[i + 1], tf.transpose(w[2 * i] as tf.Tensor2D));
    if (i > 0) deltas[i] = tf.mul(p, masks[i]!) as tf.Tensor2D;
    else g = p;
  }
  const norm = tf.sqrt(tf.add(tf.sum(tf.square(g), 1, true), constant(1e-12)));
  // d penalty / d g = (2 lambda / n) (||g|| - 1) g / ||g||
  let dp: tf.Tensor2D = tf.mul(g, tf.mul(tf.div(tf.sub(norm, constant(1)), norm), constant((2 * lambda) / n))) as tf.Tensor2D;
  const grads: tf.Tensor[] = new Array(w.length);
  for (let i = 0; i < K; i++) {
    grads[2 * i] = tf.reshape(tf.matMul(tf.transpose(dp), deltas[i + 1]), [-1]);
    grads[2 * i + 1] = tf.zeros([l.dense[i][1]]);
    if (i + 1 < K) dp = tf.mul(tf.matMul(dp, w[2 * i] as tf.Tensor2D), masks[i + 1]!) as tf.Tensor2D;
  }
  return tf.concat(grads) as tf.Tensor1D;
}
