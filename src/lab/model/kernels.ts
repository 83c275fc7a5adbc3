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

type T = tf.Tensor;

function run(kernel: string, inputs: Record<string, T>, attrs: Record<string, unknown> = {}): T {
  return tf.engine().runKernel(kernel, inputs as tf.NamedTensorMap, attrs as tf.NamedAttrMap) as T;
}

/** [1, n, k] x [1, k, m] -> [1, n, m]. */
export function matMul(a: T, b: T): T {
  return run('BatchMatMul', { a, b }, { transposeA: false, transposeB: false });
}

/** [1, r, c] -> [1, c, r]. An explicit transpose: tfjs-wasm's matMul with a transpose flag is several times slower. */
export function transpose(a: T): T {
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

export function concat(xs: T[], axis: number): T {
  return run('Concat', xs as unknown as Record<string, T>, { axis });
}

/** Cuts a rank-1 tensor into consecutive pieces of the given sizes. */
export function split(x: T, sizes: number[]): T[] {
  if (tf.getBackend() === 'wasm') return tf.engine().runKernel(FLAT_SPLIT, { x }, { sizes }) as unknown as T[];
  return tf.engine().runKernel('SplitV', { x }, { numOrSizeSplits: sizes, axis: 0 }) as unknown as T[];
}

// tfjs-wasm's Slice, and so its SplitV, copies the whole input out of the wasm heap for every piece (readSync).
// Cutting a flat parameter tensor into its layers after every update then costs one full copy per piece; this
// kernel copies each piece once, heap to heap. Measured: about 5% of a standard-network iteration.
const FLAT_SPLIT = 'GanFlatSplit';

interface WasmHeap {
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array;
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
}

if (!tf.getKernel(FLAT_SPLIT, 'wasm')) {
  tf.registerKernel({
    kernelName: FLAT_SPLIT,
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const heap = backend as unknown as WasmHeap;
      const src = heap.typedArrayFromHeap(inputs.x as tf.TensorInfo);
      let at = 0;
      return (attrs as unknown as { sizes: number[] }).sizes.map((n) => {
        const out = heap.makeOutput([n], 'float32');
        heap.typedArrayFromHeap(out).set(src.subarray(at, (at += n)));
        return out;
      });
    },
  });
  // The autodiff path (tf.grad over the flat parameters) differentiates through the cut: pieces' gradients join.
  tf.registerGradient({ kernelName: FLAT_SPLIT, gradFunc: (dy) => ({ x: () => tf.concat(dy as tf.Tensor[]) }) });
}

// Adam's update on wasm, in one kernel instead of a dozen: each of those is a few microseconds of bookkeeping for
// a few hundred numbers. The loop repeats the composed ops' float32 arithmetic exactly (every product, sum,
// quotient and square root rounded to float32, as each wasm kernel does), so both paths give the same bits.
const ADAM = 'GanAdamStep';

/** One Adam step on flat tensors: returns [params, m, v]. Only on wasm; elsewhere the optimizer composes ops. */
export function adamStep(p: T, g: T, m: T, v: T, b1: number, b2: number, lrT: number, eps: number): [T, T, T] | null {
  if (tf.getBackend() !== 'wasm') return null;
  return tf.engine().runKernel(ADAM, { p, g, m, v }, { b1, b2, lrT, eps }) as unknown as [T, T, T];
}

if (!tf.getKernel(ADAM, 'wasm')) {
  tf.registerKernel({
    kernelName: ADAM,
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const heap = backend as unknown as WasmHeap;
      const { b1, b2, lrT, eps } = attrs as unknown as { b1: number; b2: number; lrT: number; eps: number };
      const f = Math.fround;
      // The composed ops' scalar operands are float32 tensors.
      const B1 = f(b1), C1 = f(1 - b1), B2 = f(b2), C2 = f(1 - b2), LR = f(lrT), E = f(eps);
      const [p, g, m, v] = (['p', 'g', 'm', 'v'] as const).map((k) => heap.typedArrayFromHeap(inputs[k] as tf.TensorInfo));
      const n = p.length;
      const outs = [0, 1, 2].map(() => heap.makeOutput([n], 'float32'));
      const [P, M, V] = outs.map((o) => heap.typedArrayFromHeap(o));
      for (let i = 0; i < n; i++) {
        const gi = g[i];
        const mi = f(f(m[i] * B1) + f(gi * C1));
        const vi = f(f(v[i] * B2) + f(f(gi * gi) * C2));
        M[i] = mi;
        V[i] = vi;
        P[i] = f(p[i] - f(f(mi * LR) / f(f(Math.sqrt(vi)) + E)));
      }
      return outs;
    },
  });
}

// dy * f'(z) for ReLU and leaky ReLU, from the activation's output: Step then Multiply, as one kernel on wasm.
// Same float32 result as the two kernels (including NaN propagation).
const RELU_GRAD = 'GanReluGrad';

export function reluGrad(dy: T, a: T, alpha: number): T {
  if (tf.getBackend() !== 'wasm') return mul(dy, step(a, alpha));
  return run(RELU_GRAD, { dy, a }, { alpha });
}

if (!tf.getKernel(RELU_GRAD, 'wasm')) {
  tf.registerKernel({
    kernelName: RELU_GRAD,
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const heap = backend as unknown as WasmHeap;
      const A = Math.fround((attrs as unknown as { alpha: number }).alpha);
      const dy = heap.typedArrayFromHeap(inputs.dy as tf.TensorInfo);
      const a = heap.typedArrayFromHeap(inputs.a as tf.TensorInfo);
      const out = heap.makeOutput((inputs.dy as tf.TensorInfo).shape, 'float32');
      const o = heap.typedArrayFromHeap(out);
      for (let i = 0; i < o.length; i++) {
        const ai = a[i];
        o[i] = Math.fround(dy[i] * (ai > 0 ? 1 : ai !== ai ? NaN : A));
      }
      return out;
    },
  });
}
