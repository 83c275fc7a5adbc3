// The last state read as finite, kept on the device, so a diverged run can go back to it.
import * as tf from '@tensorflow/tfjs-core';
import type { LossValues } from './loss-record';
import type { Net, Networks } from './nets';

interface SavedNet {
  params: tf.Tensor1D;
  slots: tf.Tensor1D[];
  step: number;
}

/** What besides the weights a restore puts back. */
export interface GoodMeta {
  iteration: number;
  rng: number[];
  losses: LossValues;
  historyLength: number;
}

const grab = (n: Net): SavedNet => ({ params: tf.keep(tf.clone(n.params)), slots: n.opt.slots.map((s) => tf.keep(tf.clone(s))), step: n.opt.step });

export class LastGood {
  private s: (GoodMeta & { g: SavedNet; d: SavedNet }) | null = null;

  get iteration(): number | null {
    return this.s?.iteration ?? null;
  }

  save(nets: Networks, meta: GoodMeta): void {
    this.clear();
    this.s = { ...meta, g: grab(nets.g), d: grab(nets.d) };
  }

  /** Puts the saved weights and optimizer state back into `nets`; returns the rest, or null if none is saved. */
  restore(nets: Networks): GoodMeta | null {
    const s = this.s;
    if (!s) return null;
    nets.replace('g', tf.clone(s.g.params), s.g.slots.map((t) => tf.clone(t)), s.g.step);
    nets.replace('d', tf.clone(s.d.params), s.d.slots.map((t) => tf.clone(t)), s.d.step);
    return { iteration: s.iteration, rng: s.rng, losses: s.losses, historyLength: s.historyLength };
  }

  clear(): void {
    if (!this.s) return;
    for (const n of [this.s.g, this.s.d]) {
      n.params.dispose();
      n.slots.forEach((t) => t.dispose());
    }
    this.s = null;
  }
}
