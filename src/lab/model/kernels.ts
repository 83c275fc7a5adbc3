// Direct kernel calls for the training hot path.
//
// At this network's size a tfjs op costs its bookkeeping, not its flops. The public ops (tf.matMul, tf.mul, ...)
// add a wrapper on top of the kernel: argument conversion and checks, and for matMul three reshapes to and from
// rank 3. Measured on wasm in Node: tf.reshape 8 us against 2 us for the Reshape kernel, tf.matMul 29-41 us
// against 17-23 us for BatchMatMul (`npm run bench:ops` prints these). The trainer's hand-written forward and backward pass shapes that are right
// by construction, so they call the kernels through the engine and skip the wrappers.
//
// Conventions: matrices are rank 3, [1, rows, cols] (what the BatchMatMul and _FusedMatMul kernels take on every
// backend). These calls are not differentiable by tf.grad (the fused kernel has no registered gradient): the
// autodiff path uses the public ops (network.ts's forwardDiff).
import * as tf from '@tensorflow/tfjs-core';
import { WASM } from './wasm-kernels';

type T = tf.Tensor;

/** From this many elements (a [1, 256, 64] batch) our transpose beats tfjs-wasm's. */
const BIG = 16_384;

/**
 * Our wasm kernels for large transposes and column sums (wasm-kernels.ts). Same bits either way; switched off
 * only by bench/trainer.ts, to time the trainer as it was before them in the same process.
 */
export const OWN_KERNELS = { on: true };

function run(kernel: string, inputs: Record<string, T>, attrs: Record<string, unknown> = {}): T {
  return tf.engine().runKernel(kernel, inputs as tf.NamedTensorMap, attrs as tf.NamedAttrMap) as T;
}

/** [1, n, k] x [1, k, m] -> [1, n, m]. */
export function matMul(a: T, b: T): T {
  return run('BatchMatMul', { a, b }, { transposeA: false, transposeB: false });
}

/** [1, r, c] -> [1, c, r]. An explicit transpose: tfjs-wasm's matMul with a transpose flag is several times slower. */
export function transpose(a: T): T {
  if (OWN_KERNELS.on && a.size >= BIG && tf.getBackend() === 'wasm') return run(WASM.transpose, { x: a });
  return run('Transpose', { x: a }, { perm: [0, 2, 1] });
}

/** One dense layer: x W + b, then the activation, in one kernel. */
export function dense(x: T, W: T, b: T, activation: 'linear' | 'relu' | 'leakyrelu', leakyreluAlpha = 0): T {
  return run('_FusedMatMul', { a: x, b: W, bias: b }, { transposeA: false, transposeB: false, activation, leakyreluAlpha });
}

export function reshape(x: T, shape: number[]): T {
  return run('Reshape', { x }, { shape });
}

export const add = (a: T, b: T): T => run('Add', { a, b });
export const sub = (a: T, b: T): T => run('Sub', { a, b });
export const mul = (a: T, b: T): T => run('Multiply', { a, b });
export const div = (a: T, b: T): T => run('RealDiv', { a, b });
export const square = (x: T): T => run('Square', { x });
export const sqrt = (x: T): T => run('Sqrt', { x });
export const sigmoid = (x: T): T => run('Sigmoid', { x });
export const tanh = (x: T): T => run('Tanh', { x });

/** 1 where x > 0, else alpha: ReLU's (alpha 0) and leaky ReLU's derivative, from the activation's output. */
export const step = (x: T, alpha = 0): T => run('Step', { x }, { alpha });

/** Sum over the given axes, dropping them. */
export const sum = (x: T, axis: number[]): T => run('Sum', { x }, { axis, keepDims: false });

/** [1, rows, cols] -> [cols]: the sum of every column (a bias gradient). */
export function columnSum(x: T): T {
  if (OWN_KERNELS.on && tf.getBackend() === 'wasm') return run(WASM.columnSum, { x });
  return sum(x, [0, 1]);
}

export function concat(xs: T[], axis: number): T {
  return run('Concat', xs as unknown as Record<string, T>, { axis });
}

/** Cuts a rank-1 tensor into consecutive pieces of the given sizes. */
export function split(x: T, sizes: number[]): T[] {
  if (tf.getBackend() === 'wasm') return tf.engine().runKernel(WASM.flatSplit, { x }, { sizes }) as unknown as T[];
  return tf.engine().runKernel('SplitV', { x }, { numOrSizeSplits: sizes, axis: 0 }) as unknown as T[];
}

/** One Adam step on flat tensors: returns [params, m, v]. Only on wasm (null elsewhere: the optimizer composes ops). */
export function adamStep(p: T, g: T, m: T, v: T, b1: number, b2: number, lrT: number, eps: number): [T, T, T] | null {
  if (tf.getBackend() !== 'wasm') return null;
  return tf.engine().runKernel(WASM.adam, { p, g, m, v }, { b1, b2, lrT, eps }) as unknown as [T, T, T];
}
