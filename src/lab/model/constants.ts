// Scalars reused across steps: creating a scalar tensor costs about as much as the op that uses it on wasm.
import * as tf from '@tensorflow/tfjs-core';

/** Each kept scalar with the backend instance that holds its data. */
const cache = new Map<string, { s: tf.Scalar; on: tf.KernelBackend }>();
const LIMIT = 256;

/**
 * A kept scalar for `v`, shared by every caller on the current backend. Never dispose it. Keyed by the backend's
 * instance, not only its name: after a lost WebGL context the page makes a new 'webgl' backend (backend.ts), and a
 * scalar left on the dead one could not be read (tfjs would try to move its data from the dead context, and the
 * training step that used it would throw, moving the run back to WASM).
 */
export function constant(v: number): tf.Scalar {
  const on = tf.backend();
  const key = `${tf.getBackend()}:${v}`;
  const hit = cache.get(key);
  if (hit && hit.on === on && !hit.s.isDisposed) return hit.s;
  if (hit) release(hit.s);
  if (cache.size >= LIMIT) clearConstants();
  const s = tf.keep(tf.scalar(v));
  cache.set(key, { s, on });
  return s;
}

function release(s: tf.Scalar) {
  try {
    s.dispose();
  } catch {
    // its backend is gone (a lost WebGL context): there is nothing left to free
  }
}

export function clearConstants(): void {
  for (const { s } of cache.values()) release(s);
  cache.clear();
}

/** Scalars held by the cache (bounded by LIMIT); leak checks subtract them. */
export function constantCount(): number {
  return cache.size;
}
