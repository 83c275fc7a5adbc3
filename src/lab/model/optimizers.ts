// Optimizers over one flat parameter tensor: a handful of ops per step whatever the network's depth.
import * as tf from '@tensorflow/tfjs-core';
import type { NetworkConfig, OptimizerName } from './config';
import { constant as k } from './constants';
import { adamStep, add, div, mul, sqrt, square, sub } from './kernels';


const EPS = 1e-8;

/** Slots (moment estimates) each optimizer keeps, in snapshot order. */
export function slotCount(name: OptimizerName): number {
  return name === 'sgd' ? 0 : name === 'adam' ? 2 : 1;
}

export interface OptimizerState {
  slots: tf.Tensor1D[];
  /** Updates taken so far (Adam's bias correction needs it). */
  step: number;
}

export function newState(name: OptimizerName, size: number): OptimizerState {
  return { slots: Array.from({ length: slotCount(name) }, () => tf.keep(tf.zeros([size]) as tf.Tensor1D)), step: 0 };
}

/**
 * One update. Returns the new parameters and replaces the slots in `state` (old ones disposed).
 * Runs inside the caller's tidy; new slots are kept.
 */
export function update(cfg: NetworkConfig, state: OptimizerState, params: tf.Tensor1D, grad: tf.Tensor1D): tf.Tensor1D {
  const lr = cfg.learningRate;
  state.step++;
  const old = state.slots;
  let next: tf.Tensor1D;
  // Adam's bias correction folded into one scalar step size (as in Kingma & Ba, section 2).
  const t = state.step;
  const lrT = cfg.optimizer === 'adam' ? (lr * Math.sqrt(1 - Math.pow(cfg.beta2, t))) / (1 - Math.pow(cfg.beta1, t)) : lr;
  // Kernels, not tf ops: see kernels.ts.
  switch (cfg.optimizer) {
    case 'sgd':
      next = sub(params, mul(grad, k(lr))) as tf.Tensor1D;
      break;
    case 'momentum': {
      const v = add(mul(old[0], k(cfg.beta1)), grad) as tf.Tensor1D;
      state.slots = [tf.keep(v)];
      next = sub(params, mul(v, k(lr))) as tf.Tensor1D;
      break;
    }
    case 'rmsprop': {
      const s = add(mul(old[0], k(cfg.beta2)), mul(square(grad), k(1 - cfg.beta2))) as tf.Tensor1D;
      state.slots = [tf.keep(s)];
      next = sub(params, div(mul(grad, k(lr)), add(sqrt(s), k(EPS)))) as tf.Tensor1D;
      break;
    }
    case 'adam': {
      const { beta1: b1, beta2: b2 } = cfg;
      const fused = adamStep(params, grad, old[0], old[1], b1, b2, lrT, EPS);
      if (fused) {
        state.slots = [tf.keep(fused[1] as tf.Tensor1D), tf.keep(fused[2] as tf.Tensor1D)];
        next = fused[0] as tf.Tensor1D;
        break;
      }
      const m = add(mul(old[0], k(b1)), mul(grad, k(1 - b1))) as tf.Tensor1D;
      const v = add(mul(old[1], k(b2)), mul(square(grad), k(1 - b2))) as tf.Tensor1D;
      state.slots = [tf.keep(m), tf.keep(v)];
      // lrT changes every step: a fresh scalar (inside the caller's tidy), not a cached constant.
      next = sub(params, div(mul(m, tf.scalar(lrT)), add(sqrt(v), k(EPS)))) as tf.Tensor1D;
      break;
    }
  }
  for (const s of old) if (!state.slots.includes(s)) s.dispose();
  return next as tf.Tensor1D;
}
