// Messages between the page and the trainer worker (trainer-worker.ts). The page posts requests; the worker
// answers each, in order, with the value and a mirror of the trainer's state, so the page-side proxy can
// answer the controller's synchronous reads (config, iteration, status, history) without a round trip.
import type { ConfigIssue, GanConfig } from '../model/config';
import type { Divergence, Metrics, TrainerSnapshot } from '../model/types';
import type { WebGLFailure } from '../backend-webgl';

/** The worker's backends: WASM or CPU (trainer-worker.ts), or WebGL on an OffscreenCanvas (trainer-worker-webgl.ts). */
export type WorkerBackend = 'wasm' | 'cpu' | 'webgl';

/** The trainer methods the page may call, by name. */
export const REMOTE_METHODS = ['stepD', 'stepG', 'iterate', 'setConfig', 'frame', 'measure', 'snapshot', 'restore', 'restoreLastGood', 'endIteration', 'rewind', 'dispose'] as const;
export type RemoteMethod = (typeof REMOTE_METHODS)[number];

export type Request =
  | { id: number; type: 'init'; backend: WorkerBackend; wasmPrefix: string }
  | { id: number; type: 'create'; trainer: number; config: GanConfig }
  | { id: number; type: 'call'; trainer: number; method: RemoteMethod; args: unknown[] }
  /** How many tensors the worker holds (tfjs's memory report), for leak tests. */
  | { id: number; type: 'memory' }
  /** Drops the worker's WebGL context, as a GPU reset would (for tests); answers whether it could. */
  | { id: number; type: 'loseContext' };

export interface Mirror {
  config: GanConfig;
  iteration: number;
  status: 'ok' | 'diverged';
  divergence?: Divergence;
  /** The history is sent as a change: keep the first `historyKeep` entries, then append `historyTail`. */
  historyKeep: number;
  historyTail: Metrics[];
  /** How long the call took in the worker, ms (the play loop sizes its chunks by it). */
  workMs?: number;
  /**
   * After frame({ keepState: true }) (WebGL): the weights that frame's read brought back, without the history (the
   * page has it), so a lost context continues elsewhere from the last frame drawn.
   */
  frameState?: TrainerSnapshot;
  /** The token of the mark the trainer holds (frame({ mark: true }), rewind()), if any. */
  mark?: number;
}

export interface RemoteError {
  name: string;
  message: string;
  /** For a ConfigError: its issues, so the page can rebuild it. */
  issues?: ConfigIssue[];
}

export type Reply =
  | { id: number; ok: true; value: unknown; mirror?: Mirror }
  | { id: number; ok: false; error: RemoteError; mirror?: Mirror };

/** Said by the worker unasked: its WebGL context was lost (the page moves the run, trainer-placement.ts). */
export type WorkerEvent = { event: 'contextlost' };

/** What the worker's 'init' answers. */
export interface WorkerInit {
  backend: WorkerBackend;
  /** Why not the requested backend, if it fell back. */
  note: string | null;
  /** WebGL asked and not started (the worker then has no backend: the page trains elsewhere). */
  webglFailure?: WebGLFailure;
}

/** The worker's note when WASM would not start (the worker knows no locale: the page says it in the reader's). */
export const WASM_FAILED = 'WASM failed to initialise';
