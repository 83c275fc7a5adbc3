/// <reference types="astro/client" />
// Browser only: choose and initialise the tfjs backend for the lab.
//
// 'auto' = WebGL, unless WebGL is missing or software-rendered (SwiftShader, llvmpipe, ...: a CPU
// pretending to be a GPU is slower than WASM for networks this small), then WASM, then plain CPU.
// A forced backend that fails falls back the same way and says why. The WASM binaries are served by
// this site (scripts/copy-wasm.mjs copies them to public/tfjs/), never fetched from a CDN.
import * as tf from '@tensorflow/tfjs-core';
// The trainer's autodiff path (gradient penalty, minibatch std) needs tfjs's gradient functions.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { detectWebGLRenderer, isSoftwareRenderer } from './webgl-probe';

export type BackendName = 'cpu' | 'wasm' | 'webgl';
export type BackendRequest = 'auto' | BackendName;

export interface BackendChoice {
  backend: BackendName;
  /** The WebGL renderer string (unmasked where the browser allows), or null without WebGL. */
  renderer: string | null;
  /** Why this backend, for display: e.g. "WebGL is software-rendered (SwiftShader); using WASM". */
  reason: string;
}

export { detectWebGLRenderer, isSoftwareRenderer };

let wasmPathsSet = false;
function wasmPrefix(): string {
  return import.meta.env.BASE_URL.replace(/\/?$/, '/') + 'tfjs/';
}

// The WebGL backend is a third of the lab's JavaScript: fetch and parse it only when WebGL is tried.
let webglLoaded: Promise<unknown> | null = null;
// Likewise the CPU backend's kernels (~250 KB, a fifth of what the lab loaded up front): WASM and WebGL never use
// them, and parsing them delayed every lab's start, a deep link's included (issue 4). CPU is the last fallback.
let cpuLoaded: Promise<unknown> | null = null;

async function tryBackend(name: BackendName): Promise<string | null> {
  try {
    if (name === 'webgl') await (webglLoaded ??= import('@tensorflow/tfjs-backend-webgl'));
    if (name === 'cpu') await (cpuLoaded ??= import('@tensorflow/tfjs-backend-cpu'));
    if (name === 'wasm' && !wasmPathsSet) {
      setWasmPaths(wasmPrefix());
      wasmPathsSet = true;
    }
    const ok = await tf.setBackend(name);
    if (!ok) return `${label(name)} failed to initialise`;
    await tf.ready();
    return tf.getBackend() === name ? null : `${label(name)} did not become active`;
  } catch (err) {
    return `${label(name)} failed: ${err instanceof Error ? err.message : String(err)}`;
  }
}

function label(name: BackendName): string {
  return name === 'webgl' ? 'WebGL' : name === 'wasm' ? 'WASM' : 'CPU';
}

/** Resolves after one task (a message to self: not throttled like setTimeout in background tabs). */
function yieldTask(): Promise<void> {
  return new Promise((ok) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      ok();
    };
    ch.port2.postMessage(null);
  });
}

/**
 * Initialises a tfjs backend and says which one is active and why. Safe to call again to switch.
 */
export async function initBrowserBackend(requested: BackendRequest = 'auto'): Promise<BackendChoice> {
  // Skips tfjs's per-op debug checks (5-15% faster at our sizes); the config schema validates inputs first.
  tf.enableProdMode();
  // A forced WASM or CPU backend needs the WebGL renderer only for display: start that backend first and read the
  // renderer (a throwaway WebGL context, ~35 ms on SwiftShader) while the .wasm file downloads and compiles, not
  // before (issue 4: a deep link's time to its step). One task's yield lets tfjs issue the fetch first.
  let started: Promise<string | null> | null = null;
  if (requested === 'wasm' || requested === 'cpu') {
    started = tryBackend(requested);
    await yieldTask();
  }
  const renderer = detectWebGLRenderer();
  const notes: string[] = [];
  let order: BackendName[];

  if (requested === 'auto') {
    if (renderer === null) {
      notes.push('WebGL is not available');
      order = ['wasm', 'cpu'];
    } else if (isSoftwareRenderer(renderer)) {
      notes.push(`WebGL is software-rendered (${renderer})`);
      order = ['wasm', 'cpu'];
    } else {
      order = ['webgl', 'wasm', 'cpu'];
    }
  } else if (requested === 'webgl') {
    if (renderer === null) notes.push('WebGL is not available');
    order = renderer === null ? ['wasm', 'cpu'] : ['webgl', 'wasm', 'cpu'];
  } else if (requested === 'wasm') {
    order = ['wasm', 'cpu'];
  } else {
    order = ['cpu'];
  }

  for (const name of order) {
    const failure = await (name === requested && started ? started : tryBackend(name));
    if (failure === null) {
      let reason: string;
      if (notes.length === 0) {
        reason =
          requested === 'auto'
            ? name === 'webgl'
              ? `WebGL on ${renderer}`
              : `using ${label(name)}`
            : `${label(name)} as requested${name === 'webgl' && renderer && isSoftwareRenderer(renderer) ? ` (software-rendered: ${renderer})` : ''}`;
      } else {
        reason = `${notes.join('; ')}; using ${label(name)}`;
      }
      return { backend: name, renderer, reason };
    }
    notes.push(failure);
  }
  // The CPU backend is plain JavaScript and always registers (unless its chunk failed to load); reaching here means
  // tfjs itself is broken.
  throw new Error(`No tfjs backend could start: ${notes.join('; ')}`);
}

function webglContext(): WebGLRenderingContext | WebGL2RenderingContext | null {
  if (tf.getBackend() !== 'webgl') return null;
  // tfjs-backend-webgl keeps its context on the backend's GPGPU context; it is not part of tfjs's typed API.
  return (tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl ?? null;
}

/**
 * Calls `cb` once if the WebGL backend's context is lost (GPU reset, driver crash, too many contexts). tfjs draws
 * on an OffscreenCanvas where it can, whose loss events differ between browsers, so a cheap poll of
 * isContextLost() backs the events up.
 */
export function onWebGLContextLost(cb: () => void, pollMs = 500): () => void {
  const gl = webglContext();
  const canvas = gl?.canvas as (EventTarget & { addEventListener: HTMLCanvasElement['addEventListener'] }) | undefined;
  if (!gl || !canvas) return () => {};
  let done = false;
  const fire = (e?: Event) => {
    e?.preventDefault();
    if (done) return;
    done = true;
    stop();
    cb();
  };
  const timer = setInterval(() => gl.isContextLost() && fire(), pollMs);
  canvas.addEventListener('webglcontextlost', fire);
  canvas.addEventListener('contextlost', fire);
  function stop() {
    clearInterval(timer);
    canvas!.removeEventListener('webglcontextlost', fire);
    canvas!.removeEventListener('contextlost', fire);
  }
  return stop;
}

/** Makes the browser drop the WebGL context, as a GPU reset would (for tests and the curious). */
export function loseWebGLContext(): boolean {
  const ext = webglContext()?.getExtension('WEBGL_lose_context');
  if (!ext) return false;
  ext.loseContext();
  return true;
}
