// Metrics from fresh samples. Every draw comes from streams fixed by (seed, iteration): measuring never changes
// training.
import * as tf from '@tensorflow/tfjs-core';
import { samplePoints } from '../distributions';
import { cloudShape, gridDivergence, METRIC_BINS, METRIC_SAMPLES, modeMetrics } from '../metrics';
import { forward } from '../network';
import { derivedRng } from '../random';
import type { Metrics } from '../types';
import { noiseBatch } from './batches';
import type { LossValues } from './loss-record';
import type { Run } from './run';
import { STREAM } from './view-inputs';

/** METRIC_SAMPLES generator samples, as a kept tensor the caller reads and disposes. */
export function metricFakes(run: Run, iteration: number): tf.Tensor {
  const { config: c, nets } = run;
  const z = noiseBatch(c.noise, derivedRng(c.seed, STREAM.metricNoise, iteration), METRIC_SAMPLES);
  const x = tf.tidy(() => forward(nets.g.layout, nets.g.w, z).pop()!);
  z.dispose();
  return x;
}

/** The metrics of read fakes against fresh real samples. */
export function metricsOf(run: Run, fake: Float32Array, iteration: number, losses: LossValues): Metrics {
  const { src, config } = run;
  const real = samplePoints(src, derivedRng(config.seed, STREAM.metricReal), METRIC_SAMPLES);
  const div = gridDivergence(real, fake, src.bounds, METRIC_BINS);
  const m: Metrics = { iteration, ...losses, ...div, ...cloudShape(fake) };
  if (src.modes) {
    const mm = modeMetrics(fake, src.modes);
    Object.assign(m, { modes: mm.modes, modesTotal: mm.modesTotal, highQuality: mm.highQuality, reverseKL: mm.reverseKL });
  }
  return m;
}

/** Appends m, or replaces the last entry when it is for the same iteration. */
export function appendMetrics(history: Metrics[], m: Metrics): void {
  const prev = history[history.length - 1];
  if (prev && prev.iteration === m.iteration) history[history.length - 1] = m;
  else history.push(m);
}
