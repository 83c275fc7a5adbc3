// What goes into the networks for one step: batches drawn from the training Rng, PacGAN's packs, the
// minibatch-std feature.
import * as tf from '@tensorflow/tfjs-core';
import type { GanConfig } from '../config';
import { samplePoints, type DataSource } from '../distributions';
import * as k from '../kernels';
import { sampleNoise } from '../noise';
import type { Rng } from '../random';

export function realBatch(src: DataSource, rng: Rng, n: number): tf.Tensor2D {
  return tf.tensor2d(samplePoints(src, rng, n), [n, 2]);
}

export function noiseBatch(noise: GanConfig['noise'], rng: Rng, n: number): tf.Tensor2D {
  return tf.tensor2d(sampleNoise(noise, rng, n), [n, noise.dim]);
}

/** The gradient penalty's interpolation weights, one per pack row; null without a penalty (no draw then). */
export function interpolationWeights(c: GanConfig, rng: Rng, rows: number): tf.Tensor2D | null {
  return c.gradientPenalty > 0 ? tf.tensor2d(Float32Array.from({ length: rows }, () => rng.uniform()), [rows, 1]) : null;
}

/** Groups rows into packs: [n, 2] -> [n/m, 2m] (PacGAN). */
export function packed(c: GanConfig, x: tf.Tensor): tf.Tensor2D {
  const m = c.pack;
  return k.reshape(x, [x.size / (2 * m), 2 * m]) as tf.Tensor2D;
}

/** Appends the minibatch standard-deviation feature (one number per batch, the same on every row). */
export function withStd(c: GanConfig, x: tf.Tensor, statsFrom: tf.Tensor = x): tf.Tensor {
  if (!c.minibatchStd) return x;
  const mean = tf.mean(statsFrom, 0, true);
  const sd = tf.mean(tf.sqrt(tf.add(tf.mean(tf.square(tf.sub(statsFrom, mean)), 0), 1e-8)));
  return tf.concat([x, tf.mul(tf.ones([x.shape[0], 1]), sd)], 1);
}
