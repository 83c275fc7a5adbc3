// A device-side copy of the whole mutable run state, so a run can be put back exactly where it was (issue 13). The
// lab marks the state of each frame it draws while it trains a heavy config in single updates; on Pause it rewinds
// to the frame on screen instead of waiting for the update in flight, which a worker running wasm kernels cannot
// cut short. Restore then the same updates gives the same bits. `SavedNet` is also how last-good.ts keeps states.
import * as tf from '@tensorflow/tfjs-core';
import type { LossValues } from './loss-record';
import type { Net, Networks } from './nets';

/** A network's parameters, optimizer slots and step count, copied on the device. */
export interface SavedNet {
  params: tf.Tensor1D;
  slots: tf.Tensor1D[];
  step: number;
}

export const grab = (n: Net): SavedNet => ({ params: tf.keep(tf.clone(n.params)), slots: n.opt.slots.map((s) => tf.keep(tf.clone(s))), step: n.opt.step });

export function releaseNet(n: SavedNet): void {
  n.params.dispose();
  n.slots.forEach((t) => t.dispose());
}

/** Puts a saved network back into `nets` (as copies: the saved one stays usable). */
export function putBack(nets: Networks, which: 'g' | 'd', s: SavedNet): void {
  nets.replace(which, tf.clone(s.params), s.slots.map((t) => tf.clone(t)), s.step);
}

/** What a kept state holds besides the networks (a mark here, a good state in last-good.ts). */
export interface MarkMeta {
  iteration: number;
  rng: number[];
  losses: LossValues;
}

export interface Mark extends MarkMeta {
  /** Names this mark among the trainer's (a frame taken with it carries the same token to the page). */
  token: number;
  g: SavedNet;
  d: SavedNet;
}

export function takeMark(nets: Networks, token: number, meta: MarkMeta): Mark {
  return { ...meta, rng: [...meta.rng], losses: { ...meta.losses }, token, g: grab(nets.g), d: grab(nets.d) };
}

export function releaseMark(m: Mark): void {
  releaseNet(m.g);
  releaseNet(m.d);
}
