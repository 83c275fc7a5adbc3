// The two networks' state: one flat parameter tensor each, its per-layer views, its optimizer slots, and D's
// kept transposes.
import * as tf from '@tensorflow/tfjs-core';
import type { GanConfig, NetworkConfig } from '../config';
import { initParams, layout, transposes, unpack, type Layout } from '../network';
import { newState, update, type OptimizerState } from '../optimizers';
import type { Rng } from '../random';

export interface Net {
  layout: Layout;
  params: tf.Tensor1D;
  /** `params` cut into per-layer tensors; rebuilt after each update. */
  w: tf.Tensor[];
  opt: OptimizerState;
}

/** D's inputs: a pack of m points (x, y each), plus the minibatch-std feature. */
function dInputs(c: GanConfig): number {
  return 2 * c.pack + (c.minibatchStd ? 1 : 0);
}

/** Each network's layout for a config. */
export function netLayout(which: 'g' | 'd', c: GanConfig): Layout {
  const nc = which === 'g' ? c.generator : c.discriminator;
  return which === 'g' ? layout(c.noise.dim, nc.layers, nc.neurons, 2, nc.activation) : layout(dInputs(c), nc.layers, nc.neurons, 1, nc.activation);
}

function buildNet(which: 'g' | 'd', c: GanConfig, rng: Rng): Net {
  const l = netLayout(which, c);
  const params = tf.keep(tf.tensor1d(initParams(l, rng)));
  const nc = which === 'g' ? c.generator : c.discriminator;
  return { layout: l, params, w: tf.tidy(() => unpack(l, params)).map((t) => tf.keep(t)), opt: newState(nc.optimizer, l.total) };
}

function disposeNet(n: Net | undefined): void {
  if (!n) return;
  n.params.dispose();
  n.w.forEach((t) => t.dispose());
  n.opt.slots.forEach((t) => t.dispose());
}

/** G and D. Every replacement of a network's parameters goes through here. */
export class Networks {
  g!: Net;
  d!: Net;
  /** D's weights transposed, for the D params tensor they were made from: D's backward runs in the D step, the G
   * step and every frame between two D updates, so they are made once per update instead of in each. */
  private dT: { of: tf.Tensor; t: tf.Tensor[] } | null = null;

  /** A fresh network from the config, initialised from `rng`. */
  build(which: 'g' | 'd', c: GanConfig, rng: Rng): void {
    disposeNet(this[which]);
    this[which] = buildNet(which, c, rng);
  }

  /** One optimizer step with the flat gradient `grad` (inside the caller's tidy). */
  applyUpdate(which: 'g' | 'd', nc: NetworkConfig, grad: tf.Tensor1D): void {
    const n = this[which];
    const oldP = n.params, oldW = n.w;
    const next = update(nc, n.opt, n.params, grad);
    n.params = tf.keep(next);
    n.w = unpack(n.layout, n.params).map((t) => tf.keep(t));
    oldP.dispose();
    oldW.forEach((t) => t.dispose());
  }

  /** Keeps the weights, starts the optimizer afresh. */
  resetOptimizer(which: 'g' | 'd', nc: NetworkConfig): void {
    const n = this[which];
    n.opt.slots.forEach((t) => t.dispose());
    n.opt = newState(nc.optimizer, n.layout.total);
  }

  /** Swaps a network's parameters and optimizer slots for the given tensors (which it keeps). */
  replace(which: 'g' | 'd', params: tf.Tensor1D, slots: tf.Tensor1D[], step: number): void {
    const n = this[which];
    n.params.dispose();
    n.w.forEach((t) => t.dispose());
    n.opt.slots.forEach((t) => t.dispose());
    n.params = tf.keep(params);
    n.w = tf.tidy(() => unpack(n.layout, n.params)).map((t) => tf.keep(t));
    n.opt = { slots: slots.map((t) => tf.keep(t)), step };
  }

  /** D's kept transposes, remade when D's parameters were replaced (every D update, rebuild or restore does). */
  dTransposes(): tf.Tensor[] {
    if (this.dT?.of !== this.d.params) {
      this.dT?.t.forEach((t) => t.dispose());
      this.dT = { of: this.d.params, t: transposes(this.d.layout, this.d.w).map((t) => tf.keep(t)) };
    }
    return this.dT.t;
  }

  dispose(): void {
    disposeNet(this.g);
    disposeNet(this.d);
    this.dT?.t.forEach((t) => t.dispose());
    this.dT = null;
  }
}
