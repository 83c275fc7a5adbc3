// Kernels of our own for tfjs's wasm backend, written in JavaScript over the wasm heap (no copies out of it).
// Each replaces several tfjs kernels whose cost at our sizes is their bookkeeping, not their arithmetic. Each
// repeats the float32 arithmetic of the kernels it replaces exactly (every product, sum, quotient and square root
// rounded to float32, as each wasm kernel rounds), so training gives the same bits with or without them: checked
// against the composed ops over 3,000 iterations of every loss, optimizer and pack tried. kernels.ts calls them
// on wasm only; other backends compose tfjs ops.
//
// Only where JavaScript wins: an element-wise kernel over thousands of numbers (ReLU's backward, Step then
// Multiply, on a [256, 16] batch) measured 47 us here against 15 us for the two SIMD kernels, so it was dropped.
// (An earlier attempt at fused kernels that read tensors with readSync, which copies out of the heap, was neutral.)
import * as tf from '@tensorflow/tfjs-core';

export const WASM = { flatSplit: 'GanFlatSplit', adam: 'GanAdamStep', columnSum: 'GanColumnSum', transpose: 'GanTranspose' } as const;

/** The wasm backend's heap access, public on its class but not in tfjs's types. */
interface WasmHeap {
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array;
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
}

type Impl = (heap: WasmHeap, inputs: Record<string, tf.TensorInfo>, attrs: Record<string, unknown>) => tf.TensorInfo | tf.TensorInfo[];

function register(name: string, impl: Impl) {
  if (tf.getKernel(name, 'wasm')) return; // module evaluated twice (dev server reloads)
  tf.registerKernel({
    kernelName: name,
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => impl(backend as unknown as WasmHeap, inputs as Record<string, tf.TensorInfo>, attrs as Record<string, unknown>),
  });
}

const f = Math.fround;

// tfjs-wasm's Slice, and so its SplitV, copies the whole input out of the heap for every piece (readSync):
// cutting the flat parameters into layers after each update cost one full copy per piece.
register(WASM.flatSplit, (heap, { x }, { sizes }) => {
  const outs = (sizes as number[]).map((n) => heap.makeOutput([n], 'float32'));
  // views after makeOutput: a heap that grows detaches the views taken before
  const src = heap.typedArrayFromHeap(x);
  let at = 0;
  for (const out of outs) {
    const dst = heap.typedArrayFromHeap(out);
    dst.set(src.subarray(at, (at += dst.length)));
  }
  return outs;
});
// The autodiff path (tf.grad over the flat parameters) differentiates through the cut: the pieces' gradients join.
if (!tf.getGradient(WASM.flatSplit)) tf.registerGradient({ kernelName: WASM.flatSplit, gradFunc: (dy) => ({ x: () => tf.concat(dy as tf.Tensor[]) }) });

// Adam: m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2; p -= lrT m / (sqrt(v) + eps), in place of a dozen kernels.
// The scalars were float32 tensors in the composed ops, hence fround on each.
register(WASM.adam, (heap, inputs, attrs) => {
  const { b1, b2, lrT, eps } = attrs as { b1: number; b2: number; lrT: number; eps: number };
  const B1 = f(b1), C1 = f(1 - b1), B2 = f(b2), C2 = f(1 - b2), LR = f(lrT), E = f(eps);
  const n = inputs.p.shape[0];
  const outs = [0, 1, 2].map(() => heap.makeOutput([n], 'float32'));
  // views after makeOutput: a heap that grows detaches the views taken before
  const [p, g, m, v] = [inputs.p, inputs.g, inputs.m, inputs.v].map((t) => heap.typedArrayFromHeap(t));
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
});

// A bias gradient: the column sums of a [1, rows, cols] matrix. tfjs-wasm's Sum reduces only innermost axes, so
// summing over rows first transposes the whole matrix (a copy as large as the input: on the 3x64 network's
// [1, 1024, 64] batches, Transpose then Sum cost more than the layer's matMul). Each column is summed in row order
// from 0, one float32 rounding per addition, as the wasm Sum loop does: the same bits.
register(WASM.columnSum, (heap, { x }) => {
  const cols = x.shape[x.shape.length - 1];
  const out = heap.makeOutput([cols], 'float32');
  // views after makeOutput: a heap that grows detaches the views taken before
  const src = heap.typedArrayFromHeap(x), acc = heap.typedArrayFromHeap(out);
  const rows = src.length / cols;
  acc.fill(0);
  for (let i = 0, at = 0; i < rows; i++, at += cols) for (let j = 0; j < cols; j++) acc[j] += src[at + j];
  return out;
});

// [1, rows, cols] -> [1, cols, rows], writing the output in order (reads stride through the input): on a
// [1, 1024, 64] batch about 2.5x faster than tfjs-wasm's general N-d Transpose (1.1 against 2.9 ms, loaded
// machine), which backprop runs once a layer for the weight gradients. A copy: the same bits. kernels.ts uses it
// for large matrices only (at 2x16's sizes both take microseconds and the noise hides any difference).
register(WASM.transpose, (heap, { x }) => {
  const [, rows, cols] = x.shape;
  const out = heap.makeOutput([1, cols, rows], 'float32');
  const src = heap.typedArrayFromHeap(x), dst = heap.typedArrayFromHeap(out);
  for (let j = 0, at = 0; j < cols; j++) for (let i = 0, from = j; i < rows; i++, from += cols) dst[at++] = src[from];
  return out;
});
