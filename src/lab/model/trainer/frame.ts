// What a frame shows: the fixed fakes and where G's loss pushes them, the manifold, D's heatmap and the optimal
// D*; read in one go, with (optionally) every weight and optimizer slot so the run can continue elsewhere.
import * as tf from '@tensorflow/tfjs-core';
import type { DataSource } from '../distributions';
import { dataCellMass, histogram, optimalD } from '../metrics';
import { forward } from '../network';
import { manifoldDensity } from '../noise';
import type { TrainerFrame } from '../types';
import { packed, withStd } from './batches';
import { gLossGradientAt } from './gradients';
import type { LossValues } from './loss-record';
import type { Net } from './nets';
import type { Part } from './readback';
import { hasOptimalD, type Run } from './run';
import { FRAME_OPTIMAL_FAKES, HEATMAP_RES, MANIFOLD_CELLS, type ViewInputs } from './view-inputs';

export type FramePart = 'fake' | 'fakeGradient' | 'manifold' | 'heat' | 'optimalFake' | 'gState' | 'dState';

/** A network's parameters then its optimizer slots, as one segment (./snapshot.ts's netStateFromFlat reads it). */
const stateOf = (n: Net) => [n.params, ...n.opt.slots].map((t) => tf.clone(t));

/** The frame's tensors, to be read with readChecked; D*'s fakes only with `optimal` (and a loss that has D*). */
export function frameParts(run: Run, view: ViewInputs, autodiff: boolean, keepState: boolean, optimal: boolean): Part<FramePart>[] {
  const { config: c, nets } = run;
  const t = tf.tidy(() => {
    const fake = forward(nets.g.layout, nets.g.w, view.noise!).pop()!;
    const fakeGradient = gLossGradientAt(run, fake, autodiff);
    const manifold = forward(nets.g.layout, nets.g.w, view.latticeTensor!).pop()!;
    // D sees packs: a grid point is judged as a pack of m copies of itself.
    let grid: tf.Tensor = c.pack === 1 ? view.heatGrid! : tf.tile(view.heatGrid!, [1, c.pack]);
    grid = withStd(c, grid, packed(c, fake));
    const heat = run.kit.probability(forward(nets.d.layout, nets.d.w, grid as tf.Tensor2D).pop()!);
    const optimalFake = optimal && hasOptimalD(c) ? forward(nets.g.layout, nets.g.w, tf.slice(view.optimalNoise!, 0, FRAME_OPTIMAL_FAKES)).pop()! : tf.zeros([0]);
    return { fake, fakeGradient, manifold, heat, optimalFake, gState: keepState ? stateOf(nets.g) : [], dState: keepState ? stateOf(nets.d) : [] };
  });
  const parts: Part<FramePart>[] = [['fake', t.fake], ['fakeGradient', t.fakeGradient], ['manifold', t.manifold], ['heat', t.heat], ['optimalFake', t.optimalFake]];
  if (keepState) parts.push(['gState', t.gState], ['dState', t.dState]);
  return parts;
}

/** The frame from the read parts. */
export function toFrame(parts: Record<FramePart, Float32Array>, view: ViewInputs, run: Run, iteration: number, losses: LossValues): TrainerFrame {
  const { cellMass, dim } = view.lattice;
  const points = parts.manifold;
  return {
    iteration,
    bounds: run.src.bounds,
    real: view.real,
    fake: parts.fake,
    fakeGradient: parts.fakeGradient,
    manifold: { cells: MANIFOLD_CELLS, points, density: manifoldDensity(points, MANIFOLD_CELLS, dim, cellMass), dim },
    heatmap: { res: HEATMAP_RES, values: parts.heat },
    // D*'s fakes were read only where the loss has D* and the caller asked for it (frameParts).
    ...(parts.optimalFake.length ? { optimal: { res: HEATMAP_RES, values: optimalOnGrid(run.src, parts.optimalFake) } } : {}),
    dLoss: losses.dLoss,
    gLoss: losses.gLoss,
  };
}

/**
 * D* on the heatmap's cells, p_g from the histogram of `fakes`; undefined (NaN) where the real data's share is
 * below half a fake's and no fake lands (D* would be 1 there on no evidence).
 */
export function optimalOnGrid(src: DataSource, fakes: Float32Array): Float32Array {
  const n = fakes.length / 2;
  const q = histogram(fakes, src.bounds, HEATMAP_RES).map((v) => v / n);
  return optimalD(dataCellMass(src, HEATMAP_RES), q, HEATMAP_RES * HEATMAP_RES, 0.5 / n);
}
