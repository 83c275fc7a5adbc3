// The page's side of the trainer worker: a host per lab (one Worker) and a proxy per trainer that the
// controller uses like the in-page Trainer. Calls are messages answered in order; each answer carries the
// trainer's state (protocol.ts's Mirror), so the proxy's fields are current once a call has been awaited.
import { applyPatch, changeEffects, changesNothingShown, ConfigError, parseConfig, type ChangeEffect, type GanConfig, type PartialConfig } from '../model/config';
import { historyUpTo } from '../model/trainer/history';
import type { Divergence, FrameOptions, Metrics, TrainerFrame, TrainerSnapshot } from '../model/types';
import type { TrainerLike } from '../trainer-like';
import type { Mirror, RemoteMethod, Reply, Request, WorkerBackend, WorkerEvent, WorkerInit } from './protocol';

type Pending = { resolve: (v: unknown) => void; reject: (e: unknown) => void; trainer?: RemoteTrainer };
type Outgoing = Request extends infer R ? (R extends Request ? Omit<R, 'id'> : never) : never;

export class TrainerHost {
  private nextId = 1;
  private nextTrainer = 1;
  private pending = new Map<number, Pending>();
  private broken: Error | null = null;
  /** The worker said its WebGL context was lost; who to tell. */
  private lost = false;
  private onLost = new Set<() => void>();
  readonly ready: Promise<WorkerInit>;

  constructor(
    private worker: Worker,
    readonly backend: WorkerBackend,
    wasmPrefix: string,
  ) {
    worker.onmessage = (e: MessageEvent<Reply | WorkerEvent>) => ('event' in e.data ? this.said(e.data) : this.receive(e.data));
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

  /** The id of the last message sent. */
  get lastId(): number {
    return this.nextId - 1;
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
    if (r.mirror && p.trainer) p.trainer.applyMirror(r.mirror, r.id);
    if (r.ok) p.resolve(r.value);
    else p.reject(r.error.name === 'ConfigError' && r.error.issues ? new ConfigError(r.error.issues) : Object.assign(new Error(r.error.message), { name: r.error.name }));
  }

  private said(e: WorkerEvent) {
    if (e.event !== 'contextlost' || this.lost) return;
    this.lost = true;
    for (const cb of [...this.onLost]) cb();
  }

  /** The worker said its WebGL context was lost. */
  get contextLost(): boolean {
    return this.lost;
  }

  /** Calls `cb` once when the worker's WebGL context is lost (at once if it already was); returns the unwatch. */
  onContextLost(cb: () => void): () => void {
    let fired = false;
    const once = () => {
      if (fired) return;
      fired = true;
      this.onLost.delete(once);
      cb();
    };
    if (this.lost) queueMicrotask(once);
    else this.onLost.add(once);
    return () => {
      fired = true;
      this.onLost.delete(once);
    };
  }

  /** Drops the worker's WebGL context, as a GPU reset would (for tests): whether it could. */
  loseContext(): Promise<boolean> {
    return this.send({ type: 'loseContext' }) as Promise<boolean>;
  }

  private fail(err: Error) {
    this.broken = err;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  /** The worker failed or was stopped: nothing sent reaches it. */
  get isBroken(): boolean {
    return this.broken !== null;
  }

  /** Tensors alive in the worker (tfjs's memory report). */
  numTensors(): Promise<number> {
    return this.send({ type: 'memory' }) as Promise<number>;
  }

  terminate() {
    const err = new Error('the trainer worker was stopped');
    if (!this.lost) this.fail(err);
    else {
      // After a lost WebGL context, calls still waiting are left unanswered, as reads from a lost context in the page
      // are: the lab has already moved the run (lab-run.ts restarts its queue), and whoever waited on such a read
      // (the first redraw at start-up, a play-loop tick) waits for that move, not for an error.
      this.broken = err;
      this.pending.clear();
    }
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
  readonly remote = true;
  markToken: number | null = null;
  private iter = 0;
  private frameState: TrainerSnapshot | null = null;
  private disposed = false;
  /** The state mirrored with the mark held: what a rewind puts back (not the settings: see Trainer.rewind). */
  private marked: Pick<Mirror, 'iteration' | 'status' | 'divergence'> | null = null;
  /** Replies to requests sent before the last rewind (below this id) no longer set the mirror. */
  private rewoundAt = 0;
  /** Replies to requests sent before the last edit applied here (below this id) no longer set the settings. */
  private configFrom = 0;

  constructor(private host: TrainerHost, private id: number, config: GanConfig) {
    this.config = config;
  }

  applyMirror(m: Mirror, id = Infinity) {
    // A call sent before a rewind (the update in flight at Pause) answers with a state the rewind has undone.
    if (id < this.rewoundAt) return;
    if (id >= this.configFrom) this.config = m.config;
    this.iter = m.iteration;
    this.status = m.status;
    this.divergence = m.divergence;
    this.lastWorkMs = m.workMs;
    if (m.frameState) this.frameState = m.frameState;
    if (m.historyKeep !== this.history.length || m.historyTail.length > 0) this.history = this.history.slice(0, m.historyKeep).concat(m.historyTail);
    const token = m.mark ?? null;
    if (token !== this.markToken) {
      // A new mark is taken by a frame: this mirror is the state it marked.
      this.markToken = token;
      this.marked = token === null ? null : { iteration: m.iteration, status: m.status, divergence: m.divergence };
    }
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

  /**
   * Validated here first, so a bad patch throws at once, as the in-page trainer's does. An edit that changes nothing a
   * frame shows (a rate, a step count) is taken here at once too: the worker applies it in order, after an update
   * still running there (a heavy one cannot be cut short, issue 13), and nothing the page does needs to wait for that.
   */
  async setConfig(patch: PartialConfig): Promise<ChangeEffect[]> {
    const r = applyPatch(this.config, patch);
    if (!r.ok) throw new ConfigError(r.issues);
    const done = this.call<ChangeEffect[]>('setConfig', patch);
    if (!changesNothingShown(this.config, r.config)) return done;
    done.catch(() => undefined); // a failure there is reported on the calls after it
    const effects = changeEffects(this.config, r.config);
    this.configFrom = this.host.lastId;
    this.config = r.config;
    return effects;
  }

  /** With `keepState` (WebGL), the worker sends that frame's weights too (lastFrameState); with `mark`, see rewind(). */
  frame(opts?: FrameOptions): Promise<TrainerFrame | null> {
    return this.call('frame', opts);
  }

  /**
   * Asks the worker to rewind to its mark, after the calls sent before (an update in flight), and takes the marked
   * state here at once: the fields read now are those the worker will have, and the replies to those earlier calls
   * are ignored. With no mark held, only the worker is asked (it answers false, changing nothing).
   */
  rewind(): Promise<boolean> {
    const done = this.call<boolean>('rewind');
    const s = this.marked;
    if (s) {
      this.rewoundAt = this.host.lastId;
      this.iter = s.iteration;
      this.status = s.status;
      this.divergence = s.divergence;
      this.history = historyUpTo(this.history, s.iteration); // as the worker's
    }
    return done;
  }

  /** The weights read with the last frame({ keepState: true }) (WebGL), with the history held here. */
  lastFrameState(): TrainerSnapshot | null {
    const s = this.frameState;
    return s && { ...s, history: historyUpTo(this.history, s.iteration) };
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
