/// <reference types="astro/client" />
// Where a lab's trainer runs, and on which tfjs backend.
//
// Every backend trains in a Web Worker where the browser allows it (remote/): the page's main thread is left to
// draw, and on a two-core machine training and drawing run side by side instead of taking turns within each
// animation frame. WASM and CPU always can; WebGL can where the browser offers WebGL on an OffscreenCanvas in a
// worker (remote/trainer-worker-webgl.ts). Where it does not, WebGL trains in the page (page-trainer.ts, loaded only
// then). A lost context is watched wherever WebGL runs (the worker tells the page), and the run moves to WASM.
//
// 'auto' with a hardware GPU races WebGL (where it would train) against WASM on the lab's network and keeps the
// faster (backend-race.ts, cached per browser, GPU and network size); with WebGL missing or software-rendered (a CPU
// pretending to be a GPU is slower than WASM for networks this small) it is WASM, then plain CPU. A forced backend
// that fails falls back the same way and says why.
import type { BackendInfo, BackendName, TrainerLike } from './trainer-like';
import type { GanConfig } from './model/config';
import { TrainerHost } from './remote/remote-trainer';
import { WASM_FAILED, type WorkerBackend } from './remote/protocol';
import { WorkerPool, workersPerPage } from './remote/worker-pool';
import { detectWebGLRenderer, isSoftwareRenderer, webglFailureText } from './webgl-probe';
import { measureRate, raceKey, raceReason, raceStore, readRace, winnerOf, writeRace, type RaceResult } from './backend-race';
import { t } from './i18n';
import { errorText } from './i18n/error-text';

export type BackendRequest = 'auto' | BackendName;
type PageModule = typeof import('./page-trainer');

/** The WASM binaries are served by this site (scripts/copy-wasm.mjs copies them to public/tfjs/). */
export function wasmPrefix(): string {
  return new URL(import.meta.env.BASE_URL.replace(/\/?$/, '/') + 'tfjs/', location.href).href;
}

function label(name: BackendName): string {
  return name === 'webgl' ? 'WebGL' : name === 'wasm' ? 'WASM' : 'CPU';
}

function newHost(backend: WorkerBackend): TrainerHost {
  // Two entries, so the WASM worker never loads the WebGL backend (a third of tfjs) and the WebGL one never loads WASM.
  const worker =
    backend === 'webgl'
      ? new Worker(new URL('./remote/trainer-worker-webgl.ts', import.meta.url), { type: 'module' })
      : new Worker(new URL('./remote/trainer-worker.ts', import.meta.url), { type: 'module' });
  return new TrainerHost(worker, backend, wasmPrefix());
}

/** The page's shared WASM and CPU workers (remote/worker-pool.ts); tests and bench:browser may set the cap. */
const pool = new WorkerPool(newHost, () => (globalThis as { __labWorkersPerPage?: number }).__labWorkersPerPage ?? workersPerPage());

/** A worker this lab no longer uses: back to the pool, or stopped if it was the lab's own. */
function letGo(host: TrainerHost) {
  if (!pool.release(host)) host.terminate();
}

/** Where trainers are made: in this page (WebGL) or in one worker (WebGL, WASM or CPU). */
type Place = { kind: 'page' } | { kind: 'worker'; host: TrainerHost; backend: WorkerBackend };

/** WebGL started somewhere: the place, and why not in a worker when it is the page. */
type WebGLPlace = { place: Place; notInWorker: string | null };

/**
 * A lab's placement. `select()` starts a backend for the trainers created from then on while the previous place
 * stays up (its trainer keeps working); `settle('commit')` then releases the previous place, `settle('revert')`
 * goes back to it. A run is thus moved to another backend before anything of the old one is let go.
 */
export class TrainerPlacement {
  private place: Place | null = null;
  private previous: Place | null = null;
  private page: PageModule | null = null;
  /** Why WebGL would not start in a worker here, once known (it is not tried again). */
  private noWorkerWebGL: string | null = null;

  /** Where trainers are made now: 'worker' or 'page' (null before the first select). */
  get where(): 'worker' | 'page' | null {
    return this.place?.kind ?? null;
  }

  /**
   * Starts the requested backend (in the worker or the page) and says which one runs, where, and why. `config` is
   * the network `auto` races on.
   */
  async select(requested: BackendRequest, config?: GanConfig): Promise<BackendInfo> {
    if (this.previous) this.settle('commit'); // an unsettled earlier switch
    const renderer = detectWebGLRenderer();
    const notes: string[] = [];
    const software = renderer !== null && isSoftwareRenderer(renderer);
    let tryWebGL = false;
    let raced: { result: RaceResult; cached: boolean; host?: TrainerHost; webgl?: WebGLPlace } | null = null;
    if (requested === 'auto') {
      if (renderer === null) notes.push(t('backend.noWebGL'));
      else if (software) notes.push(t('backend.softwareNotRaced', { renderer }));
      else if (config && (raced = await this.race(renderer, config))) {
        if (raced.result.winner === 'webgl') tryWebGL = true;
        else notes.push(raceReason(raced.result, raced.cached));
      } else tryWebGL = true;
    } else if (requested === 'webgl') {
      if (renderer === null) notes.push(t('backend.noWebGL'));
      else tryWebGL = true;
    }
    if (tryWebGL) {
      const gl = raced?.webgl ?? (await this.startWebGL());
      if ('place' in gl) {
        this.moveTo(gl.place);
        raced?.host?.terminate();
        const why = raced ? raceReason(raced.result, raced.cached) : requested === 'auto' ? t('backend.webglAuto', { renderer: renderer! }) : software ? t('backend.webglAskedSoftware', { renderer: renderer! }) : t('backend.webglAsked');
        // A race run in a worker says so itself ("both in a worker"); one cached from WebGL in the page does not.
        const reason = gl.place.kind === 'worker' ? (raced?.result.webglIn === 'worker' ? why : t('backend.inWorker', { reason: why })) : t('backend.onPage', { reason: why, why: gl.notInWorker ?? '' });
        return { backend: 'webgl', renderer, reason };
      }
      notes.push(gl.failure);
    }
    const want: 'wasm' | 'cpu' = requested === 'cpu' ? 'cpu' : 'wasm';
    const cur = this.place;
    const host = cur?.kind === 'worker' && cur.backend === want ? cur.host : (raced?.host ?? pool.acquire(want));
    let started: Awaited<TrainerHost['ready']>;
    try {
      started = await host.ready;
    } catch (err) {
      if (host !== (cur?.kind === 'worker' ? cur.host : null)) letGo(host);
      throw err;
    }
    this.moveTo({ kind: 'worker', host, backend: want });
    // The worker knows no locale: its one fixed note is said here; a failure's own words pass through.
    if (started.note) notes.push(started.note === WASM_FAILED ? t('backend.wasmFailed') : errorText(started.note));
    const name = started.backend;
    if (raced && name === 'wasm') return { backend: name, renderer, reason: notes.join(t('backend.noteJoin')) };
    const reason = notes.length ? t('backend.notes', { notes: notes.join(t('backend.noteJoin')), name: label(name) }) : requested === 'auto' ? t('backend.using', { name: label(name) }) : t('backend.asked', { name: label(name) });
    return { backend: name, renderer, reason: t('backend.inWorker', { reason }) };
  }

  /**
   * Starts WebGL where it trains best: in a worker (OffscreenCanvas), else in the page. The WebGL in use already,
   * if its context is alive; a lost one is replaced by a fresh start.
   */
  private async startWebGL(): Promise<WebGLPlace | { failure: string }> {
    const cur = this.place;
    if (cur?.kind === 'worker' && cur.backend === 'webgl' && !cur.host.contextLost) return { place: cur, notInWorker: null };
    if (this.noWorkerWebGL === null) {
      const host = newHost('webgl');
      let why: string;
      try {
        const init = await host.ready;
        if (!init.webglFailure) return { place: { kind: 'worker', host, backend: 'webgl' }, notInWorker: null };
        why = webglFailureText(init.webglFailure);
        // A context lost while starting is the GPU's trouble, not the browser's: a worker may be tried again later.
        if (init.webglFailure.code !== 'lost') this.noWorkerWebGL = why;
      } catch (err) {
        why = err instanceof Error ? err.message : String(err);
        this.noWorkerWebGL = why;
      }
      host.terminate();
      return this.startPageWebGL(t('backend.notInWorker', { why }));
    }
    return this.startPageWebGL(t('backend.notInWorker', { why: this.noWorkerWebGL }));
  }

  private async startPageWebGL(notInWorker: string): Promise<WebGLPlace | { failure: string }> {
    this.page ??= await import('./page-trainer');
    const failure = await this.page.startWebGL();
    return failure === null ? { place: { kind: 'page' }, notInWorker } : { failure: `${failure} (${notInWorker})` };
  }

  /**
   * The race (or its cached result): WebGL where it would train, then WASM in a new worker, each timed on `config`'s
   * network. The winner's place is kept for the run. Null when WebGL will not start (the caller says why).
   */
  private async race(renderer: string, config: GanConfig): Promise<{ result: RaceResult; cached: boolean; host?: TrainerHost; webgl?: WebGLPlace } | null> {
    const store = raceStore();
    const key = raceKey(renderer, config);
    const known = readRace(store, key);
    if (known) return { result: known, cached: true };
    const webgl = await this.startWebGL();
    if (!('place' in webgl)) return null;
    const now = () => performance.now();
    const rates = { webgl: 0, wasm: 0 };
    const gl = this.trainerAt(webgl.place, config);
    try {
      rates.webgl = await measureRate(gl, now);
    } finally {
      gl.dispose();
    }
    const host = newHost('wasm');
    try {
      if ((await host.ready).backend === 'wasm') {
        const t = host.createTrainer(config);
        try {
          rates.wasm = await measureRate(t, now);
        } finally {
          t.dispose();
        }
      }
    } catch {
      // WASM would not start: WebGL wins by default
    }
    const result: RaceResult = { winner: winnerOf(rates), rates, at: Date.now(), webglIn: webgl.place.kind };
    writeRace(store, key, result);
    if (result.winner === 'wasm') {
      if (webgl.place.kind === 'worker' && webgl.place !== this.place) webgl.place.host.terminate();
      return { result, cached: false, host };
    }
    host.terminate();
    return { result, cached: false, webgl };
  }

  private trainerAt(p: Place, config: GanConfig): TrainerLike {
    return p.kind === 'page' ? new this.page!.Trainer(config) : p.host.createTrainer(config);
  }

  private moveTo(next: Place) {
    const same = this.place && (this.place.kind === 'page' ? next.kind === 'page' : next.kind === 'worker' && next.host === this.place.host);
    if (same) return;
    this.previous = this.place;
    this.place = next;
  }

  /** Ends a switch: 'commit' stops the previous worker (its trainer is disposed), 'revert' goes back to it. */
  settle(outcome: 'commit' | 'revert') {
    const [keep, drop] = outcome === 'commit' ? [this.place, this.previous] : [this.previous, this.place];
    this.previous = null;
    if (!drop) return;
    this.place = keep;
    if (drop.kind === 'worker' && !(keep?.kind === 'worker' && keep.host === drop.host)) letGo(drop.host);
  }

  createTrainer = (config: GanConfig): TrainerLike => {
    const p = this.place;
    if (!p) throw new Error('no backend selected');
    return this.trainerAt(p, config);
  };

  /** Calls `cb` once if the WebGL context the trainers use is lost (in the page or in the worker). */
  onWebGLContextLost(cb: () => void): () => void {
    const p = this.place;
    if (p?.kind === 'page' && this.page) return this.page.onWebGLContextLost(cb);
    if (p?.kind === 'worker' && p.backend === 'webgl') return p.host.onContextLost(cb);
    return () => undefined;
  }

  /** Drops the WebGL context the trainers use, as a GPU reset would (for tests): whether it could. */
  loseWebGLContext(): boolean | Promise<boolean> {
    const p = this.place;
    if (p?.kind === 'page' && this.page) return this.page.loseWebGLContext();
    if (p?.kind === 'worker' && p.backend === 'webgl') return p.host.loseContext();
    return false;
  }

  /** Tensors alive where this lab's trainers run (tfjs's memory report; the page's is shared by every in-page lab). */
  async numTensors(): Promise<number> {
    const p = this.place;
    if (!p) return 0;
    return p.kind === 'page' ? this.page!.numTensors() : p.host.numTensors();
  }

  /** Stops the worker, if any (in-page trainers are disposed by their owner). */
  dispose() {
    for (const p of [this.place, this.previous]) if (p?.kind === 'worker') letGo(p.host);
    this.place = this.previous = null;
  }
}
