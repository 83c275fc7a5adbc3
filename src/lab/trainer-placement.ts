/// <reference types="astro/client" />
// Where a lab's trainer runs, and on which tfjs backend.
//
// WASM and CPU train in a Web Worker (remote/): the page's main thread is left to draw, and on a two-core machine
// training and drawing run side by side instead of taking turns within each animation frame. WebGL trains in the
// page, where its GPU context lives (tfjs's WebGL backend in a worker needs OffscreenCanvas WebGL, which browsers
// support unevenly, and the context-loss fallback is built around the page's context). tfjs and the in-page
// trainer are loaded only when WebGL is chosen; in a worker, tfjs loads in the worker, in parallel with the page.
//
// 'auto' = WebGL, unless WebGL is missing or software-rendered (a CPU pretending to be a GPU is slower than WASM
// for networks this small), then WASM, then plain CPU. A forced backend that fails falls back the same way and
// says why.
import type { BackendInfo, BackendName, TrainerLike } from './controller';
import type { GanConfig } from './model/config';
import { TrainerHost } from './remote/remote-trainer';
import { detectWebGLRenderer, isSoftwareRenderer } from './webgl-probe';

export type BackendRequest = 'auto' | BackendName;
type PageModule = typeof import('./page-trainer');

/** The WASM binaries are served by this site (scripts/copy-wasm.mjs copies them to public/tfjs/). */
export function wasmPrefix(): string {
  return new URL(import.meta.env.BASE_URL.replace(/\/?$/, '/') + 'tfjs/', location.href).href;
}

function label(name: BackendName): string {
  return name === 'webgl' ? 'WebGL' : name === 'wasm' ? 'WASM' : 'CPU';
}

export class TrainerPlacement {
  private host: TrainerHost | null = null;
  private hostBackend: 'wasm' | 'cpu' | null = null;
  private page: PageModule | null = null;
  private inPage = false;

  /** Starts the requested backend (in the worker or the page) and says which one runs and why. */
  async select(requested: BackendRequest): Promise<BackendInfo> {
    const renderer = detectWebGLRenderer();
    const notes: string[] = [];
    const software = renderer !== null && isSoftwareRenderer(renderer);
    let tryWebGL = false;
    if (requested === 'auto') {
      if (renderer === null) notes.push('WebGL is not available');
      else if (software) notes.push(`WebGL is software-rendered (${renderer})`);
      else tryWebGL = true;
    } else if (requested === 'webgl') {
      if (renderer === null) notes.push('WebGL is not available');
      else tryWebGL = true;
    }
    if (tryWebGL) {
      this.page ??= await import('./page-trainer');
      const failure = await this.page.startWebGL();
      if (failure === null) {
        this.inPage = true;
        this.stopWorker();
        const reason = requested === 'auto' ? `WebGL on ${renderer}` : `WebGL as requested${software ? ` (software-rendered: ${renderer})` : ''}`;
        return { backend: 'webgl', renderer, reason };
      }
      notes.push(failure);
    }
    this.inPage = false;
    const want: 'wasm' | 'cpu' = requested === 'cpu' ? 'cpu' : 'wasm';
    if (this.hostBackend !== want) {
      this.stopWorker();
      this.host = new TrainerHost(new Worker(new URL('./remote/trainer-worker.ts', import.meta.url), { type: 'module' }), want, wasmPrefix());
      this.hostBackend = want;
    }
    const started = await this.host!.ready;
    if (started.note) notes.push(started.note);
    const name = started.backend;
    const reason = notes.length ? `${notes.join('; ')}; using ${label(name)}` : requested === 'auto' ? `using ${label(name)}` : `${label(name)} as requested`;
    return { backend: name, renderer, reason: `${reason} (in a worker)` };
  }

  createTrainer = (config: GanConfig): TrainerLike => (this.inPage ? new this.page!.Trainer(config) : this.host!.createTrainer(config));

  /** Calls `cb` once if the in-page WebGL context is lost; a no-op while training runs in the worker. */
  onWebGLContextLost(cb: () => void): () => void {
    return this.inPage && this.page ? this.page.onWebGLContextLost(cb) : () => undefined;
  }

  loseWebGLContext(): boolean {
    return this.inPage && this.page ? this.page.loseWebGLContext() : false;
  }

  private stopWorker() {
    this.host?.terminate();
    this.host = null;
    this.hostBackend = null;
  }

  dispose() {
    this.stopWorker();
  }
}
