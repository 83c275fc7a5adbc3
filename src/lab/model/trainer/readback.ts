// Reading from the device costs a round trip (a GPU sync on WebGL), so everything one call needs is packed into
// one flat tensor and read once. Parts are named; `cut` gives each back by name.
import * as tf from '@tensorflow/tfjs-core';

/** A named part: one tensor, or several read back to back as one segment. */
export type Part<K extends string> = readonly [K, tf.Tensor | readonly tf.Tensor[]];

export interface Packed<K extends string> {
  /** All parts, flat, in order. The caller owns it. */
  tensor: tf.Tensor1D;
  /** Each part's values (copies) from a read of `tensor`. */
  cut(values: Float32Array): Record<K, Float32Array>;
}

/** Packs the parts into one flat tensor (call inside a tidy). */
export function packParts<K extends string>(parts: readonly Part<K>[]): Packed<K> {
  const spans: [K, number, number][] = [];
  const flat: tf.Tensor[] = [];
  let end = 0;
  for (const [name, value] of parts) {
    const start = end;
    for (const t of Array.isArray(value) ? value : [value as tf.Tensor]) {
      flat.push(t.rank === 1 ? t : tf.reshape(t, [-1]));
      end += t.size;
    }
    spans.push([name, start, end]);
  }
  return {
    tensor: tf.concat(flat) as tf.Tensor1D,
    cut(values) {
      const out = {} as Record<K, Float32Array>;
      for (const [name, start, stop] of spans) out[name] = values.slice(start, stop);
      return out;
    },
  };
}
