// Two custom tfjs kernels for the cpu and wasm backends, so that what is one loop in arithmetic is one op:
//  - GanOptimizerStep: an Adam / RMSProp / momentum / SGD update of a flat parameter tensor (12 tfjs ops for Adam);
//  - GanActivationGrad: dy * f'(a) for a hidden layer, written in terms of its output a (2-3 tfjs ops).
// At this size tfjs costs about as much per op as the arithmetic inside it, so fewer ops is faster. The kernels are
// plain loops over the backend's own memory (the wasm heap, or the cpu backend's arrays). WebGL has no such kernel:
// callers fall back to composing tfjs ops (see optimizers.ts and network.ts), with the same results up to float
// rounding.
import * as tf from '@tensorflow/tfjs-core';
import type { Activation, OptimizerName } from './config';

type Arr = Float32Array;
interface Io {
  read(t: tf.TensorInfo): Arr;
  /** A new output of `n` floats, and where to write it. */
  alloc(shape: number[]): { info: tf.TensorInfo; data: Arr };
}

// The backends' storage APIs are not part of tfjs-core's public types: describe the little we use.
interface WasmBackendLike {
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): Arr;
}
interface CpuBackendLike {
  data: { get(id: tf.DataId): { values: Arr } };
  makeTensorInfo(shape: number[], dtype: 'float32', values: Arr): tf.TensorInfo;
}

function wasmIo(b: WasmBackendLike): Io {
  return {
    read: (t) => b.typedArrayFromHeap(t),
    alloc: (shape) => {
      const info = b.makeOutput(shape, 'float32');
      return { info, data: b.typedArrayFromHeap(info) };
    },
  };
}

function cpuIo(b: CpuBackendLike): Io {
  return {
    read: (t) => b.data.get(t.dataId).values,
    alloc: (shape) => {
      const data = new Float32Array(shape.reduce((a, v) => a * v, 1));
      return { info: b.makeTensorInfo(shape, 'float32', data), data };
    },
  };
}

const EPS = 1e-8;

interface OptimizerAttrs {
  kind: OptimizerName;
  lr: number;
  b1: number;
  b2: number;
}

function optimizerStep(io: Io, inputs: Record<string, tf.TensorInfo>, a: OptimizerAttrs): tf.TensorInfo[] {
  const shape = inputs.p.shape;
  const n = shape.reduce((x, v) => x * v, 1);
  const slots = a.kind === 'sgd' ? 0 : a.kind === 'adam' ? 2 : 1;
  // Allocate first: growing the wasm heap would invalidate views taken earlier.
  const outs = [io.alloc(shape), ...Array.from({ length: slots }, () => io.alloc(shape))];
  const p = io.read(inputs.p), g = io.read(inputs.g);
  const np = outs[0].data;
  if (a.kind === 'sgd') {
    for (let i = 0; i < n; i++) np[i] = p[i] - a.lr * g[i];
  } else if (a.kind === 'momentum') {
    const v = io.read(inputs.s0), nv = outs[1].data;
    for (let i = 0; i < n; i++) {
      const vi = a.b1 * v[i] + g[i];
      nv[i] = vi;
      np[i] = p[i] - a.lr * vi;
    }
  } else if (a.kind === 'rmsprop') {
    const s = io.read(inputs.s0), ns = outs[1].data;
    for (let i = 0; i < n; i++) {
      const si = a.b2 * s[i] + (1 - a.b2) * g[i] * g[i];
      ns[i] = si;
      np[i] = p[i] - (a.lr * g[i]) / (Math.sqrt(si) + EPS);
    }
  } else {
    const m = io.read(inputs.s0), v = io.read(inputs.s1), nm = outs[1].data, nv = outs[2].data;
    for (let i = 0; i < n; i++) {
      const mi = a.b1 * m[i] + (1 - a.b1) * g[i];
      const vi = a.b2 * v[i] + (1 - a.b2) * g[i] * g[i];
      nm[i] = mi;
      nv[i] = vi;
      np[i] = p[i] - (a.lr * mi) / (Math.sqrt(vi) + EPS);
    }
  }
  return outs.map((o) => o.info);
}

interface ActivationAttrs {
  activation: Activation;
  leak: number;
}

function activationGrad(io: Io, inputs: Record<string, tf.TensorInfo>, a: ActivationAttrs): tf.TensorInfo {
  const shape = inputs.dy.shape;
  const n = shape.reduce((x, v) => x * v, 1);
  const out = io.alloc(shape);
  const dy = io.read(inputs.dy), y = io.read(inputs.a), o = out.data;
  if (a.activation === 'relu') for (let i = 0; i < n; i++) o[i] = y[i] > 0 ? dy[i] : 0;
  else if (a.activation === 'leakyRelu') for (let i = 0; i < n; i++) o[i] = y[i] > 0 ? dy[i] : a.leak * dy[i];
  else for (let i = 0; i < n; i++) o[i] = dy[i] * (1 - y[i] * y[i]);
  return out.info;
}

export const OPTIMIZER_KERNEL = 'GanOptimizerStep';
export const ACTIVATION_GRAD_KERNEL = 'GanActivationGrad';

let registered = false;

/** Registers the kernels for cpu and wasm (idempotent). The model calls it on first use. */
export function registerFusedKernels(): void {
  if (registered) return;
  registered = true;
  const io = (backend: unknown, name: string) => (name === 'wasm' ? wasmIo(backend as WasmBackendLike) : cpuIo(backend as CpuBackendLike));
  for (const backendName of ['cpu', 'wasm']) {
    tf.registerKernel({
      kernelName: OPTIMIZER_KERNEL,
      backendName,
      kernelFunc: ({ inputs, backend, attrs }) => optimizerStep(io(backend, backendName), inputs as Record<string, tf.TensorInfo>, attrs as unknown as OptimizerAttrs),
    });
    tf.registerKernel({
      kernelName: ACTIVATION_GRAD_KERNEL,
      backendName,
      kernelFunc: ({ inputs, backend, attrs }) => activationGrad(io(backend, backendName), inputs as Record<string, tf.TensorInfo>, attrs as unknown as ActivationAttrs),
    });
  }
}

/** Whether the current backend has the fused kernels (cpu and wasm do; webgl composes tfjs ops instead). */
export function hasFusedKernels(): boolean {
  registerFusedKernels();
  const b = tf.getBackend();
  return b === 'cpu' || b === 'wasm';
}

/** [params', slot0', slot1'] after one optimizer update, in one op. */
export function fusedOptimizerStep(kind: OptimizerName, p: tf.Tensor, g: tf.Tensor, slots: tf.Tensor[], attrs: { lr: number; b1: number; b2: number }): tf.Tensor1D[] {
  const inputs: tf.NamedTensorMap = { p, g };
  slots.forEach((s, i) => (inputs[`s${i}`] = s));
  const out = tf.engine().runKernel(OPTIMIZER_KERNEL, inputs, { kind, ...attrs } as unknown as tf.NamedAttrMap);
  return (Array.isArray(out) ? out : [out]) as tf.Tensor1D[];
}

/** dy * f'(a), with a the activation's output. */
export function fusedActivationGrad(dy: tf.Tensor, a: tf.Tensor, activation: Activation, leak: number): tf.Tensor {
  return tf.engine().runKernel(ACTIVATION_GRAD_KERNEL, { dy, a }, { activation, leak } as unknown as tf.NamedAttrMap) as tf.Tensor;
}
