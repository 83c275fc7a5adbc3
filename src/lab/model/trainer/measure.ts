// Metrics from fresh samples. Every draw comes from streams fixed by (seed, iteration), or by the seed alone (the
// real sample, D*'s 20,000 fakes' noise): measuring never changes training. The device work is one batch of parts (`measureParts`), read with the losses in one checked read;
// the rest is arithmetic on the read values (`metricsOf`).
import * as tf from '@tensorflow/tfjs-core';
import { samplePoints, type DataSource } from '../distributions';
import {
  cloudShape,
  dataCellMass,
  dStarGap,
  fakesOffData,
  gridStats,
  histogram,
  histogramDivergence,
  jsBits,
  METRIC_BINS,
  METRIC_SAMPLES,
  modeMetrics,
} from '../metrics';
import { forward } from '../network';
import { derivedRng } from '../random';
import type { Metrics } from '../types';
import { noiseBatch, packed, withStd } from './batches';
import { gLossGradientAt } from './gradients';
import type { LossValues } from './loss-record';
import type { Part } from './readback';
import { hasOptimalD, type Run } from './run';
import { HEATMAP_RES, STREAM, type ViewInputs } from './view-inputs';

export type MeasurePart = 'fake' | 'heat' | 'dScores' | 'gHidden' | 'dHidden' | 'starFake';

interface RealSample {
  points: Float32Array;
  hist: Float64Array;
  jsFloor: number;
}

const reals = new WeakMap<DataSource, { seed: number; sample: RealSample }>();

/** The metric's real sample (fixed per source and seed), its histogram, and the JS of a second such sample against it. */
export function realSample(src: DataSource, seed: number): RealSample {
  const hit = reals.get(src);
  if (hit && hit.seed === seed) return hit.sample;
  const points = samplePoints(src, derivedRng(seed, STREAM.metricReal), METRIC_SAMPLES);
  const hist = histogram(points, src.bounds, METRIC_BINS);
  const second = histogram(samplePoints(src, derivedRng(seed, STREAM.metricRealFloor), METRIC_SAMPLES), src.bounds, METRIC_BINS);
  const sample = { points, hist, jsFloor: jsBits(hist, second) };
  reals.set(src, { seed, sample });
  return sample;
}

/** Each hidden layer's largest |output| per unit over the rows ([units] each): 0 marks a unit that never fires. */
const hiddenPeaks = (acts: tf.Tensor[]) => acts.slice(1, -1).map((a) => tf.max(tf.abs(a), [0, 1]));

/** The measurement's tensors, to be read with readChecked. */
export function measureParts(run: Run, view: ViewInputs, iteration: number, autodiff: boolean): Part<MeasurePart>[] {
  const { config: c, nets, kit } = run;
  const z = noiseBatch(c.noise, derivedRng(c.seed, STREAM.metricNoise, iteration), METRIC_SAMPLES);
  const real = realSample(run.src, c.seed).points;
  // D judges packs: the rows D sees are the first whole packs of each sample.
  const rows = METRIC_SAMPLES - (METRIC_SAMPLES % c.pack), packs = rows / c.pack;
  const t = tf.tidy(() => {
    const gActs = forward(nets.g.layout, nets.g.w, z);
    const fake = gActs[gActs.length - 1];
    const fakeRows = rows === METRIC_SAMPLES ? fake : tf.slice(tf.reshape(fake, [METRIC_SAMPLES, 2]), [0, 0], [rows, 2]);
    const D = (x: tf.Tensor) => forward(nets.d.layout, nets.d.w, withStd(c, packed(c, x)));
    const dReal = D(tf.tensor2d(real.subarray(0, 2 * rows), [rows, 2])), dFake = D(fakeRows);
    const lFake = dFake[dFake.length - 1];
    const gGrad = tf.reshape(gLossGradientAt(run, fakeRows, autodiff), [rows, 2]);
    const dScores = tf.stack([
      tf.mean(kit.probability(dReal[dReal.length - 1])),
      tf.mean(kit.probability(lFake)),
      // The loss is a mean over packs: times `packs`, each fake's own gradient.
      tf.mul(tf.mean(tf.sqrt(tf.sum(tf.square(gGrad), 1))), packs),
      tf.sum(kit.gGrad(lFake)),
    ]);
    const fakePeaks = hiddenPeaks(dFake);
    const dHidden = hiddenPeaks(dReal).map((r, i) => tf.maximum(r, fakePeaks[i]));
    // The heatmap's grid, as the frame judges it: a point is a pack of copies of itself.
    let grid: tf.Tensor = c.pack === 1 ? view.heatGrid! : tf.tile(view.heatGrid!, [1, c.pack]);
    grid = withStd(c, grid, packed(c, fakeRows));
    const heat = kit.probability(forward(nets.d.layout, nets.d.w, grid as tf.Tensor2D).pop()!);
    const starFake = hasOptimalD(c) ? forward(nets.g.layout, nets.g.w, view.optimalNoise!).pop()! : tf.zeros([0]);
    return { fake, heat, dScores, gHidden: hiddenPeaks(gActs), dHidden, starFake };
  });
  z.dispose();
  return [['fake', t.fake], ['heat', t.heat], ['dScores', t.dScores], ['gHidden', t.gHidden], ['dHidden', t.dHidden], ['starFake', t.starFake]];
}

/** D's distance from D* on the heatmap's cells, p_g from the histogram of `starFake`. */
function gapToOptimal(src: DataSource, heat: Float32Array, starFake: Float32Array): number {
  const cells = HEATMAP_RES * HEATMAP_RES;
  const p = dataCellMass(src, HEATMAP_RES);
  const q = histogram(starFake, src.bounds, HEATMAP_RES).map((v) => v / (starFake.length / 2));
  return dStarGap(heat, p, q, cells);
}

/** Share of units whose peak output is 0 (0 for a network without hidden layers). */
const deadShare = (peaks: Float32Array) => (peaks.length ? peaks.reduce((n, v) => n + (v === 0 ? 1 : 0), 0) / peaks.length : 0);

/** The metrics from the read parts. */
export function metricsOf(run: Run, parts: Record<MeasurePart, Float32Array>, iteration: number, losses: LossValues): Metrics {
  const { src, config } = run;
  const real = realSample(src, config.seed);
  const fake = parts.fake;
  const hf = histogram(fake, src.bounds, METRIC_BINS);
  const [dRealMean, dFakeMean, gGradNorm, gLogitGrad] = parts.dScores;
  const m: Metrics = {
    iteration,
    ...losses,
    ...histogramDivergence(real.hist, hf, METRIC_BINS),
    ...cloudShape(fake),
    jsFloor: real.jsFloor,
    fakesOffData: fakesOffData(real.hist, hf),
    ...gridStats(parts.heat),
    dRealMean,
    dFakeMean,
    gGradNorm,
    gLogitGrad,
    gDeadUnits: deadShare(parts.gHidden),
    dDeadUnits: deadShare(parts.dHidden),
  };
  if (hasOptimalD(config)) m.dStarGap = gapToOptimal(src, parts.heat, parts.starFake);
  if (src.modes) {
    const mm = modeMetrics(fake, src.modes);
    Object.assign(m, { modes: mm.modes, modesTotal: mm.modesTotal, highQuality: mm.highQuality, reverseKL: mm.reverseKL });
  }
  return m;
}
