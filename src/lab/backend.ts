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
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

export type BackendName = 'cpu' | 'wasm' | 'webgl';
export type BackendRequest = 'auto' | BackendName;

export interface BackendChoice {
  backend: BackendName;
  /** The WebGL renderer string (unmasked where the browser allows), or null without WebGL. */
  renderer: string | null;
  /** Why this backend, for display: e.g. "WebGL is software-rendered (SwiftShader); using WASM". */
  reason: string;
}

const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render driver|mesa offscreen/i;

/** True when a WebGL renderer string names a software rasteriser. */
export function isSoftwareRenderer(renderer: string): boolean {
  return SOFTWARE_RENDERER.test(renderer);
}

/** Reads the WebGL renderer string; null when the browser has no WebGL at all. */
export function detectWebGLRenderer(): string | null {
  if (typeof document === 'undefined') return null;
  try {
    const canvas = document.createElement('canvas');
    const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
    if (!gl) return null;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(
      (info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : null) ?? gl.getParameter(gl.RENDERER) ?? 'unknown WebGL renderer',
    );
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return renderer;
  } catch {
    return null;
  }
}

let wasmPathsSet = false;
function wasmPrefix(): string {
  return import.meta.env.BASE_URL.replace(/\/?$/, '/') + 'tfjs/';
}

// The WebGL backend is a third of the lab's JavaScript: fetch and parse it only when WebGL is tried.
let webglLoaded: Promise<unknown> | null = null;

async function tryBackend(name: BackendName): Promise<string | null> {
  try {
    if (name === 'webgl') await (webglLoaded ??= import('@tensorflow/tfjs-backend-webgl'));
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

/**
 * Initialises a tfjs backend and says which one is active and why. Safe to call again to switch.
 */
export async function initBrowserBackend(requested: BackendRequest = 'auto'): Promise<BackendChoice> {
  // Skips tfjs's per-op debug checks (5-15% faster at our sizes); the config schema validates inputs first.
  tf.enableProdMode();
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
    const failure = await tryBackend(name);
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
  // The CPU backend is plain JavaScript and always registers; reaching here means tfjs itself is broken.
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
