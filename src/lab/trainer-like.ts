// What the lab needs from a trainer, and which tfjs backend it runs on. Both the in-page Trainer
// (src/lab/model/trainer.ts) and the proxy to one in a worker (remote/remote-trainer.ts) fit.
import type { ChangeEffect, GanConfig, PartialConfig } from './model/config';
import type { Divergence, FrameOptions, Metrics, TrainerFrame, TrainerSnapshot } from './model/types';

export type BackendName = 'cpu' | 'wasm' | 'webgl';

export interface BackendInfo {
  backend: BackendName;
  renderer: string | null;
  reason: string;
}

export type MaybePromise<T> = T | Promise<T>;

/**
 * A worker proxy's calls resolve later; the controller awaits every call, in its one queue, so the fields are
 * current whenever it reads them.
 */
export interface TrainerLike {
  config: GanConfig;
  readonly iteration: number;
  status: 'ok' | 'diverged';
  divergence?: Divergence;
  history: Metrics[];
  /** A trainer in a worker: how long the last call took there, ms (page-side waits left out). */
  readonly lastWorkMs?: number;
  stepD(): MaybePromise<void>;
  stepG(): MaybePromise<void>;
  /** Counts one iteration made of manual D and G steps (slow motion takes D's and G's turns one by one). */
  endIteration(): MaybePromise<void>;
  iterate(n?: number): MaybePromise<void>;
  setConfig(patch: PartialConfig): MaybePromise<ChangeEffect[]>;
  /** With `mark`, the trainer keeps the state read for rewind() (a heavy config's play loop asks for it). */
  frame(opts?: FrameOptions): Promise<TrainerFrame | null>;
  /** The weights read with the last frame({ keepState: true }), as plain numbers. */
  lastFrameState?(): TrainerSnapshot | null;
  measure(): Promise<Metrics | null>;
  snapshot(): Promise<TrainerSnapshot>;
  restore(s: TrainerSnapshot): MaybePromise<void>;
  restoreLastGood(): MaybePromise<boolean>;
  /** A trainer in a worker: its calls are messages, and an update in flight cannot be cut short. */
  readonly remote?: boolean;
  /** The mark held (the last frame read with `mark`, while nothing since has dropped it), or null. */
  readonly markToken?: number | null;
  /**
   * Back to the marked state exactly (model/trainer/mark.ts); false when no mark is held. A trainer in a worker
   * takes the marked state at once, the worker after the calls sent before it.
   */
  rewind?(): MaybePromise<boolean>;
  dispose(): void;
}

export function isPromise(v: unknown): v is Promise<unknown> {
  return !!v && typeof (v as Promise<unknown>).then === 'function';
}
