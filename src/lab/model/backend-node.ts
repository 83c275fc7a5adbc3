// Node has no WebGL: cpu or wasm. The wasm backend finds its .wasm files inside its own package.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';

export type NodeBackend = 'cpu' | 'wasm';

export async function initNodeBackend(name: NodeBackend = 'wasm'): Promise<NodeBackend> {
  if (tf.getBackend() === name) return name;
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`tfjs backend "${name}" failed to start`);
  await tf.ready();
  return name;
}
