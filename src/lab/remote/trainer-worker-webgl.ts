/// <reference lib="webworker" />
// The trainer in a Web Worker on tfjs's WebGL backend, which draws on an OffscreenCanvas where the browser offers
// WebGL there (trainer-placement.ts falls back to WebGL in the page where it does not). Training and its GPU reads
// then leave the page's main thread to drawing, as the WASM worker (trainer-worker.ts) does. The logic is in
// worker-handler.ts; a lost context is said to the page, which moves the run to WASM.
// The trainer's autodiff path (gradient penalty, minibatch std) needs tfjs's gradient functions.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { loseWebGLContext, onWebGLContextLost, startTfWebGL } from '../backend-webgl';
import type { Request } from './protocol';
import { requestHandler, useWebGL } from './worker-handler';

const scope = self as unknown as DedicatedWorkerGlobalScope;
useWebGL({ start: startTfWebGL, onLost: (cb) => onWebGLContextLost(cb), lose: loseWebGLContext });
const handle = requestHandler((reply) => scope.postMessage(reply));
scope.onmessage = (e: MessageEvent<Request>) => handle(e.data);
