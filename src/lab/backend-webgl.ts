// tfjs's WebGL backend, started and watched the same way in the page and in the trainer worker (where tfjs draws on
// an OffscreenCanvas). No locale here: the worker has none, so failures are codes the page puts into words
// (trainer-placement.ts, backend.ts).
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-webgl';

/** Why WebGL did not start: tfjs refused it, its context is lost, another backend stayed active, or an error's words. */
export type WebGLFailure = { code: 'failed' | 'lost' | 'inactive' } | { code: 'error'; message: string };

/** Starts tfjs's WebGL backend here (page or worker); null on success. */
export async function startTfWebGL(): Promise<WebGLFailure | null> {
  // Skips tfjs's per-op debug checks (5-15% faster at our sizes); the config schema validates inputs first.
  tf.enableProdMode();
  try {
    renewLostBackend();
    if (!(await tf.setBackend('webgl'))) return { code: 'failed' };
    if (webglContext()?.isContextLost()) return { code: 'lost' };
    await tf.ready();
    return tf.getBackend() === 'webgl' ? null : { code: 'inactive' };
  } catch (err) {
    return { code: 'error', message: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * tfjs keeps one WebGL backend per page (or worker): once its context is lost, setBackend('webgl') would hand back
 * the dead one (whose reads never land). Drop it and register the factory again, so the next start makes a fresh
 * context.
 */
function renewLostBackend(): void {
  const registered = tf.engine().registry.webgl as unknown as { gpgpu?: { gl?: WebGLRenderingContext } } | undefined;
  if (!registered?.gpgpu?.gl?.isContextLost()) return;
  const factory = tf.findBackendFactory('webgl');
  if (!factory) return;
  try {
    tf.removeBackend('webgl'); // disposes the old backend; on a lost context its GL calls do nothing
  } catch {
    // a half-dead backend may throw while disposing: it is dropped either way
  }
  if (!tf.findBackendFactory('webgl')) tf.registerBackend('webgl', factory, 2);
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
