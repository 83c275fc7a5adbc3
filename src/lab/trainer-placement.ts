/// <reference types="astro/client" />
// Where a lab's trainer runs, and on which tfjs backend.
//
// WASM and CPU train in a Web Worker (remote/): the page's main thread is left to draw, and on a two-core machine
// training and drawing run side by side instead of taking turns within each animation frame. WebGL trains in the
// page, where its GPU context lives (tfjs's WebGL backend in a worker needs OffscreenCanvas WebGL, which browsers
// support unevenly, and the context-loss fallback is built around the page's context). tfjs and the in-page
// trainer are loaded only when WebGL is chosen; in a worker, tfjs loads in the worker, in parallel with the page.
//
// 'auto' with a hardware GPU races WebGL against WASM on the lab's network and keeps the faster (backend-race.ts,
// cached per browser, GPU and network size); with WebGL missing or software-rendered (a CPU pretending to be a GPU
// is slower than WASM for networks this small) it is WASM, then plain CPU. A forced backend that fails falls back
// the same way and says why.
import type { BackendInfo, BackendName, TrainerLike } from './trainer-like';
import type { GanConfig } from './model/config';
import { TrainerHost } from './remote/remote-trainer';
import { WASM_FAILED } from './remote/protocol';
import { detectWebGLRenderer, isSoftwareRenderer } from './webgl-probe';
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

function newHost(backend: 'wasm' | 'cpu'): TrainerHost {
  return new TrainerHost(new Worker(new URL('./remote/trainer-worker.ts', import.meta.url), { type: 'module' }), backend, wasmPrefix());
}

/** Where trainers are made: in this page (WebGL) or in one worker (WASM or CPU). */
type Place = { kind: 'page' } | { kind: 'worker'; host: TrainerHost; backend: 'wasm' | 'cpu' };

/**
 * A lab's placement. `select()` starts a backend for the trainers created from then on while the previous place
 * stays up (its trainer keeps working); `settle('commit')` then releases the previous place, `settle('revert')`
 * goes back to it. A run is thus moved to another backend before anything of the old one is let go.
 */
export class TrainerPlacement {
  private place: Place | null = null;
  private previous: Place | null = null;
  private page: PageModule | null = null;

  /**
   * Starts the requested backend (in the worker or the page) and says which one runs and why. `config` is the
   * network `auto` races on.
   */
  async select(requested: BackendRequest, config?: GanConfig): Promise<BackendInfo> {
    if (this.previous) this.settle('commit'); // an unsettled earlier switch
    const renderer = detectWebGLRenderer();
    const notes: string[] = [];
    const software = renderer !== null && isSoftwareRenderer(renderer);
    let tryWebGL = false;
    let raced: { result: RaceResult; cached: boolean; host?: TrainerHost } | null = null;
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
      this.page ??= await import('./page-trainer');
      const failure = await this.page.startWebGL();
      if (failure === null) {
        this.moveTo({ kind: 'page' });
        raced?.host?.terminate();
        const reason = raced ? raceReason(raced.result, raced.cached) : requested === 'auto' ? t('backend.webglAuto', { renderer: renderer! }) : software ? t('backend.webglAskedSoftware', { renderer: renderer! }) : t('backend.webglAsked');
        return { backend: 'webgl', renderer, reason };
      }
      notes.push(failure);
    }
    const want: 'wasm' | 'cpu' = requested === 'cpu' ? 'cpu' : 'wasm';
    const cur = this.place;
    const host = cur?.kind === 'worker' && cur.backend === want ? cur.host : (raced?.host ?? newHost(want));
    let started: Awaited<TrainerHost['ready']>;
    try {
      started = await host.ready;
    } catch (err) {
      if (host !== (cur?.kind === 'worker' ? cur.host : null)) host.terminate();
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
   * The race (or its cached result): WebGL in the page, then WASM in a new worker, each timed on `config`'s
   * network. A WASM winner's worker is kept for the run. Null when WebGL will not start (the caller says why).
   */
  private async race(renderer: string, config: GanConfig): Promise<{ result: RaceResult; cached: boolean; host?: TrainerHost } | null> {
    const store = raceStore();
    const key = raceKey(renderer, config);
    const known = readRace(store, key);
    if (known) return { result: known, cached: true };
    this.page ??= await import('./page-trainer');
    if ((await this.page.startWebGL()) !== null) return null;
    const now = () => performance.now();
    const rates = { webgl: 0, wasm: 0 };
    const gl = new this.page.Trainer(config);
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
    const result: RaceResult = { winner: winnerOf(rates), rates, at: Date.now() };
    writeRace(store, key, result);
    if (result.winner === 'wasm') return { result, cached: false, host };
    host.terminate();
    return { result, cached: false };
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
    if (drop.kind === 'worker' && !(keep?.kind === 'worker' && keep.host === drop.host)) drop.host.terminate();
  }

  createTrainer = (config: GanConfig): TrainerLike => {
    const p = this.place;
    if (!p) throw new Error('no backend selected');
    return p.kind === 'page' ? new this.page!.Trainer(config) : p.host.createTrainer(config);
  };

  /** Calls `cb` once if the in-page WebGL context is lost; a no-op while training runs in the worker. */
  onWebGLContextLost(cb: () => void): () => void {
    return this.place?.kind === 'page' && this.page ? this.page.onWebGLContextLost(cb) : () => undefined;
  }

  loseWebGLContext(): boolean {
    return this.place?.kind === 'page' && this.page ? this.page.loseWebGLContext() : false;
  }

  /** Tensors alive where this lab's trainers run (tfjs's memory report; the page's is shared by every in-page lab). */
  async numTensors(): Promise<number> {
    const p = this.place;
    if (!p) return 0;
    return p.kind === 'page' ? this.page!.numTensors() : p.host.numTensors();
  }

  /** Stops the worker, if any (in-page trainers are disposed by their owner). */
  dispose() {
    for (const p of [this.place, this.previous]) if (p?.kind === 'worker') p.host.terminate();
    this.place = this.previous = null;
  }
}
