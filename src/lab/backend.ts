// Browser only: tfjs's WebGL backend for the in-page trainer (trainer-placement.ts decides which backend runs where:
// WebGL in a worker where the browser can, else here; WASM and CPU in a worker, remote/trainer-worker.ts), and the
// watch on its context (backend-webgl.ts, shared with the WebGL worker).
import * as tf from '@tensorflow/tfjs-core';
// The trainer's autodiff path (gradient penalty, minibatch std) needs tfjs's gradient functions.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
// The WebGL backend is a third of tfjs's JavaScript: page-trainer.ts, which imports this module, loads only when
// WebGL trains in the page.
import { startTfWebGL } from './backend-webgl';
import { webglFailureText } from './webgl-probe';

export { loseWebGLContext, onWebGLContextLost } from './backend-webgl';

/** Starts tfjs's WebGL backend in the page; null on success, else why not. */
export async function startWebGL(): Promise<string | null> {
  const failure = await startTfWebGL();
  return failure && webglFailureText(failure);
}

/** Tensors alive in this page's tfjs (for leak tests). */
export function numTensors(): number {
  return tf.memory().numTensors;
}
