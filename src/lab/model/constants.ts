// Scalars reused across steps: creating a scalar tensor costs about as much as the op that uses it on wasm.
import * as tf from '@tensorflow/tfjs-core';

const cache = new Map<string, tf.Scalar>();
const LIMIT = 256;

/** A kept scalar tensor for `v`, shared by every caller on the current backend. Never dispose it. */
export function constant(v: number): tf.Scalar {
  const key = `${tf.getBackend()}:${v}`;
  let s = cache.get(key);
  if (!s || s.isDisposed) {
    if (cache.size >= LIMIT) clearConstants();
    s = tf.keep(tf.scalar(v));
    cache.set(key, s);
  }
  return s;
}

export function clearConstants(): void {
  for (const s of cache.values()) s.dispose();
  cache.clear();
}

/** Scalars held by the cache (bounded by LIMIT); leak checks subtract them. */
export function constantCount(): number {
  return cache.size;
}
