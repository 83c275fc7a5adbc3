// The page's side of the trainer worker: a host per lab (one Worker) and a proxy per trainer that the
// controller uses like the in-page Trainer. Calls are messages answered in order; each answer carries the
// trainer's state (protocol.ts's Mirror), so the proxy's fields are current once a call has been awaited.
import { applyPatch, ConfigError, parseConfig, type ChangeEffect, type GanConfig, type PartialConfig } from '../model/config';
import type { Divergence, Metrics, TrainerFrame, TrainerSnapshot } from '../model/types';
import type { TrainerLike } from '../trainer-like';
import type { Mirror, RemoteMethod, Reply, Request, WorkerBackend, WorkerInit } from './protocol';

type Pending = { resolve: (v: unknown) => void; reject: (e: unknown) => void; trainer?: RemoteTrainer };
type Outgoing = Request extends infer R ? (R extends Request ? Omit<R, 'id'> : never) : never;

export class TrainerHost {
  private nextId = 1;
  private nextTrainer = 1;
  private pending = new Map<number, Pending>();
  private broken: Error | null = null;
  readonly ready: Promise<WorkerInit>;

  constructor(private worker: Worker, backend: WorkerBackend, wasmPrefix: string) {
    worker.onmessage = (e: MessageEvent<Reply>) => this.receive(e.data);
    worker.onerror = (e) => this.fail(new Error(`the trainer worker failed: ${e.message || 'unknown error'}`));
    this.ready = this.send({ type: 'init', backend, wasmPrefix }) as Promise<WorkerInit>;
  }

  /** A new trainer in the worker; usable at once (calls queue behind its creation). */
  createTrainer(config: GanConfig): RemoteTrainer {
    const id = this.nextTrainer++;
    const t = new RemoteTrainer(this, id, parseConfig(config));
    void this.send({ type: 'create', trainer: id, config: t.config }, t).catch(() => undefined);
    return t;
  }

  send(msg: Outgoing, trainer?: RemoteTrainer): Promise<unknown> {
    if (this.broken) return Promise.reject(this.broken);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, trainer });
      this.worker.postMessage({ ...msg, id } as Request);
    });
  }

  private receive(r: Reply) {
    const p = this.pending.get(r.id);
    if (!p) return;
    this.pending.delete(r.id);
    if (r.mirror && p.trainer) p.trainer.applyMirror(r.mirror);
    if (r.ok) p.resolve(r.value);
    else p.reject(r.error.name === 'ConfigError' && r.error.issues ? new ConfigError(r.error.issues) : Object.assign(new Error(r.error.message), { name: r.error.name }));
  }

  private fail(err: Error) {
    this.broken = err;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  /** Tensors alive in the worker (tfjs's memory report). */
  numTensors(): Promise<number> {
    return this.send({ type: 'memory' }) as Promise<number>;
  }

  terminate() {
    this.fail(new Error('the trainer worker was stopped'));
    this.worker.terminate();
  }
}

export class RemoteTrainer implements TrainerLike {
  config: GanConfig;
  status: 'ok' | 'diverged' = 'ok';
  divergence?: Divergence;
  history: Metrics[] = [];
  /** How long the last call answered took in the worker, ms. */
  lastWorkMs?: number;
  private iter = 0;
  private disposed = false;

  constructor(private host: TrainerHost, private id: number, config: GanConfig) {
    this.config = config;
  }

  applyMirror(m: Mirror) {
    this.config = m.config;
    this.iter = m.iteration;
    this.status = m.status;
    this.divergence = m.divergence;
    this.lastWorkMs = m.workMs;
    if (m.historyKeep !== this.history.length || m.historyTail.length > 0) this.history = this.history.slice(0, m.historyKeep).concat(m.historyTail);
  }

  private call<T>(method: RemoteMethod, ...args: unknown[]): Promise<T> {
    return this.host.send({ type: 'call', trainer: this.id, method, args }, this) as Promise<T>;
  }

  get iteration(): number {
    return this.iter;
  }

  stepD(): Promise<void> {
    return this.call('stepD');
  }

  stepG(): Promise<void> {
    return this.call('stepG');
  }

  endIteration(): Promise<void> {
    return this.call('endIteration');
  }

  iterate(n = 1): Promise<void> {
    return this.call('iterate', n);
  }

  /** Validated here first, so a bad patch throws at once, as the in-page trainer's does. */
  async setConfig(patch: PartialConfig): Promise<ChangeEffect[]> {
    const r = applyPatch(this.config, patch);
    if (!r.ok) throw new ConfigError(r.issues);
    return this.call<ChangeEffect[]>('setConfig', patch);
  }

  frame(): Promise<TrainerFrame | null> {
    return this.call('frame');
  }

  measure(): Promise<Metrics | null> {
    return this.call('measure');
  }

  snapshot(): Promise<TrainerSnapshot> {
    return this.call('snapshot');
  }

  restore(s: TrainerSnapshot): Promise<void> {
    return this.call('restore', s);
  }

  restoreLastGood(): Promise<boolean> {
    return this.call('restoreLastGood');
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    void this.call('dispose').catch(() => undefined);
  }
}
