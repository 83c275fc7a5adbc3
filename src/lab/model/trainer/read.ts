// The one checked read every frame, measurement and finiteness check goes through: the losses, a probe of every
// weight, and the caller's named parts, in one device read.
import * as tf from '@tensorflow/tfjs-core';
import { forward, forwardDiff } from '../network';
import { derivedRng } from '../random';
import { noiseBatch, packed, realBatch, withStd } from './batches';
import type { LossValues } from './loss-record';
import { packParts, type Packed, type Part } from './readback';
import type { Run } from './run';
import { STREAM } from './view-inputs';

/** What went non-finite. */
export type Bad = 'weights' | 'dLoss' | 'gLoss';

export type Checked<K extends string> = { parts: Record<K, Float32Array>; losses: LossValues; weightMax: number } | { bad: Bad };

/** D's and G's loss on a batch drawn from a stream fixed by (seed, iteration); draws nothing from the training Rng. */
function evalLosses(run: Run, iteration: number): [tf.Scalar, tf.Scalar] {
  const { config: c, nets, kit } = run;
  const n = c.batchSize, rng = derivedRng(c.seed, STREAM.eval, iteration);
  const real = packed(c, realBatch(run.src, rng, n));
  const fake = packed(c, forward(nets.g.layout, nets.g.w, noiseBatch(c.noise, rng, n)).pop()!);
  const D = (x: tf.Tensor) => forwardDiff(nets.d.layout, nets.d.w, withStd(c, x)) as tf.Tensor2D;
  const lf = D(fake);
  return [kit.dValue(tf.concat([D(real), lf]) as tf.Tensor2D), kit.gValue(lf)];
}

/**
 * Reads the losses, the weights' sum (non-finite if any weight is), their largest size and `extra` (disposed here)
 * in one read.
 * `{ bad }` when something is NaN or infinite; a loss only counts when recorded or measured for this read.
 */
export async function readChecked<K extends string>(run: Run, iteration: number, extra: readonly Part<K>[]): Promise<Checked<K>> {
  const { nets, losses } = run;
  losses.materialize(run.kit);
  let cut!: Packed<K | 'dLoss' | 'gLoss' | 'weightSum' | 'weightMax'>['cut'];
  const flat = tf.tidy(() => {
    const weightSum = tf.add(tf.sum(nets.d.params), tf.sum(nets.g.params));
    const weightMax = tf.maximum(tf.max(tf.abs(nets.d.params)), tf.max(tf.abs(nets.g.params)));
    const [d, g] = losses.toRead(() => evalLosses(run, iteration));
    const p = packParts<K | 'dLoss' | 'gLoss' | 'weightSum' | 'weightMax'>([['dLoss', d], ['gLoss', g], ['weightSum', weightSum], ['weightMax', weightMax], ...extra]);
    cut = p.cut;
    return p.tensor;
  });
  for (const [, v] of extra) for (const t of Array.isArray(v) ? v : [v]) (t as tf.Tensor).dispose();
  const values = (await flat.data()) as Float32Array;
  flat.dispose();
  const parts = cut(values);
  const read = { dLoss: parts.dLoss[0], gLoss: parts.gLoss[0] };
  if (!Number.isFinite(parts.weightSum[0])) return { bad: 'weights' };
  if (!Number.isFinite(read.dLoss) && losses.fresh.d) return { bad: 'dLoss' };
  if (!Number.isFinite(read.gLoss) && losses.fresh.g) return { bad: 'gLoss' };
  return { parts, losses: read, weightMax: parts.weightMax[0] };
}
