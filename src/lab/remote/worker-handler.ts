// The trainer worker's logic (trainer-worker.ts and trainer-worker-webgl.ts are the Worker entries): it holds one
// lab's trainers and runs their methods in the order the page sent them, async ones (frame, measure, snapshot)
// included, answering each with the value and a mirror of the trainer's state.
import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../model/config';
import { Trainer } from '../model/trainer';
import type { WebGLFailure } from '../backend-webgl';
import { REMOTE_METHODS, WASM_FAILED, type Mirror, type Reply, type Request, type WorkerEvent, type WorkerInit } from './protocol';

type Trainers = Map<number, { t: Trainer; sent: unknown[] | null; sentLength: number }>;

/** Starts the requested backend in this worker; `setWasmPaths` is passed in so Node tests need no wasm files. */
let wasmPaths: (prefix: string) => void = () => undefined;
export function useWasmPaths(fn: (prefix: string) => void) {
  wasmPaths = fn;
}

/** WebGL in this worker (trainer-worker-webgl.ts passes backend-webgl.ts's functions; the WASM worker has none). */
export interface WorkerWebGL {
  start(): Promise<WebGLFailure | null>;
  onLost(cb: () => void): () => void;
  lose(): boolean;
}
let webgl: WorkerWebGL | null = null;
export function useWebGL(w: WorkerWebGL) {
  webgl = w;
}

async function init(backend: 'wasm' | 'cpu' | 'webgl', wasmPrefix: string, say: (e: WorkerEvent) => void): Promise<WorkerInit> {
  tf.enableProdMode(); // skips per-op debug checks; configs are validated by the schema first
  if (backend === 'webgl') {
    const failure = webgl ? await webgl.start() : { code: 'failed' as const };
    if (failure) return { backend: 'webgl', note: null, webglFailure: failure };
    webgl!.onLost(() => say({ event: 'contextlost' }));
    return { backend: 'webgl', note: null };
  }
  if (backend === 'wasm') {
    wasmPaths(wasmPrefix);
    try {
      if ((await tf.setBackend('wasm')) && tf.getBackend() === 'wasm') return { backend: 'wasm', note: null };
    } catch (err) {
      await tf.setBackend('cpu');
      return { backend: 'cpu', note: `WASM failed: ${err instanceof Error ? err.message : String(err)}` };
    }
  }
  await tf.setBackend('cpu');
  return { backend: 'cpu', note: backend === 'wasm' ? WASM_FAILED : null };
}

/** The trainer's state for the page; the history as a change since the last reply. */
function mirror(trainers: Trainers, id: number): Mirror | undefined {
  const entry = trainers.get(id);
  if (!entry) return undefined;
  const { t } = entry;
  const same = entry.sent === t.history && t.history.length >= entry.sentLength;
  // measure() may replace the last entry in place (same iteration), so it is always sent again.
  const keep = same ? Math.max(0, entry.sentLength - 1) : 0;
  entry.sent = t.history;
  entry.sentLength = t.history.length;
  return { config: t.config, iteration: t.iteration, status: t.status, divergence: t.divergence, historyKeep: keep, historyTail: t.history.slice(keep), mark: t.markToken ?? undefined };
}

/** After frame({ keepState: true }): that frame's weights, less the history the page already holds. */
function frameState(trainers: Trainers, req: Request) {
  if (req.type !== 'call' || req.method !== 'frame' || (req.args[0] as { keepState?: boolean } | undefined)?.keepState !== true) return undefined;
  const s = trainers.get(req.trainer)?.t.lastFrameState();
  return s ? { ...s, history: [] } : undefined;
}

async function handle(trainers: Trainers, req: Request, say: (e: WorkerEvent) => void): Promise<unknown> {
  if (req.type === 'init') return init(req.backend, req.wasmPrefix, say);
  if (req.type === 'memory') return tf.memory().numTensors;
  if (req.type === 'loseContext') return webgl?.lose() ?? false;
  if (req.type === 'create') {
    trainers.set(req.trainer, { t: new Trainer(req.config), sent: null, sentLength: 0 });
    return null;
  }
  const entry = trainers.get(req.trainer);
  if (!entry) throw new Error(`no trainer ${req.trainer} in the worker`);
  if (!(REMOTE_METHODS as readonly string[]).includes(req.method)) throw new Error(`not a trainer method: ${req.method}`);
  const t = entry.t;
  switch (req.method) {
    case 'dispose':
      t.dispose();
      trainers.delete(req.trainer);
      return null;
    default: {
      const fn = (t as unknown as Record<string, (...a: unknown[]) => unknown>)[req.method];
      return await fn.apply(t, req.args);
    }
  }
}

/**
 * The worker's message handler, apart from the Worker global so that Node tests can drive it: takes each request,
 * runs it after every earlier one, and posts the reply.
 */
export function requestHandler(post: (r: Reply | WorkerEvent) => void): (req: Request) => void {
  const trainers: Trainers = new Map();
  let queue: Promise<unknown> = Promise.resolve();
  return (req) => {
    queue = queue.then(async () => {
      let reply: Reply;
      try {
        const t0 = performance.now();
        const value = await handle(trainers, req, post);
        const m = 'trainer' in req ? mirror(trainers, req.trainer) : undefined;
        if (m) m.workMs = performance.now() - t0;
        if (m) m.frameState = frameState(trainers, req);
        reply = { id: req.id, ok: true, value, mirror: m };
      } catch (err) {
        const error =
          err instanceof ConfigError
            ? { name: 'ConfigError', message: err.message, issues: err.issues }
            : { name: err instanceof Error ? err.name : 'Error', message: err instanceof Error ? err.message : String(err) };
        reply = { id: req.id, ok: false, error, mirror: 'trainer' in req ? mirror(trainers, req.trainer) : undefined };
      }
      post(reply);
    });
  };
}
