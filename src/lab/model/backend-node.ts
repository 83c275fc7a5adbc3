// Node has no WebGL: cpu or wasm. The wasm backend finds its .wasm files inside its own package.
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';

export type NodeBackend = 'cpu' | 'wasm';

let gradientsRegistered = false;

/**
 * The autodiff path (tf.grad) needs tfjs's gradient functions. tfjs-core's ESM build cannot be deep-imported by
 * Node, so load the umbrella package's CommonJS bundle, which registers them all (the registry is global).
 */
function registerGradients(): void {
  if (gradientsRegistered) return;
  createRequire(import.meta.url)('@tensorflow/tfjs');
  gradientsRegistered = true;
}

export async function initNodeBackend(name: NodeBackend = 'wasm'): Promise<NodeBackend> {
  registerGradients();
  // Skips per-op debug checks: 5-15% more iterations/s at this network size (measured on wasm). Inputs are
  // validated by the config schema before they reach tfjs.
  tf.enableProdMode();
  if (tf.getBackend() === name) return name;
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`tfjs backend "${name}" failed to start`);
  await tf.ready();
  return name;
}
