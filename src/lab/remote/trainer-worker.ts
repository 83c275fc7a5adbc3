/// <reference lib="webworker" />
// The trainer in a Web Worker: training runs off the page's main thread, which is left to draw. Each lab element
// starts one (remote-trainer.ts). The logic is in worker-handler.ts.
// The trainer's autodiff path (gradient penalty, minibatch std) needs tfjs's gradient functions.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { Request } from './protocol';
import { requestHandler, useWasmPaths } from './worker-handler';

const scope = self as unknown as DedicatedWorkerGlobalScope;
useWasmPaths(setWasmPaths);
const handle = requestHandler((reply) => scope.postMessage(reply));
scope.onmessage = (e: MessageEvent<Request>) => handle(e.data);
