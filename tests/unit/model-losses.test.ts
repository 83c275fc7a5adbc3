import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../src/lab/model/backend-node';
import { LOSSES } from '../../src/lab/model/config';
import { lossKit } from '../../src/lab/model/losses';

beforeAll(() => initNodeBackend('cpu'));

const softplus = (x: number) => Math.log1p(Math.exp(x));
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
// D sees [real; fake]: real logits 2, -1; fake logits 0.5, -3.
const real = [2, -1], fake = [0.5, -3];
const L = () => tf.tensor2d([...real, ...fake], [4, 1]);
const F = () => tf.tensor2d(fake, [2, 1]);
const val = (t: tf.Tensor) => t.dataSync()[0];
const arr = (t: tf.Tensor) => Array.from(t.dataSync());

describe('loss values on hand-computed inputs', () => {
  it('minimax and non-saturating share D: -[mean log D(x) + mean log(1 - D(G(z)))]', () => {
    const expected = (softplus(-2) + softplus(1)) / 2 + (softplus(0.5) + softplus(-3)) / 2;
    for (const loss of ['minimax', 'nonsaturating'] as const) expect(val(lossKit(loss, 2).dValue(L()))).toBeCloseTo(expected, 5);
  });
  it('minimax G minimises mean log(1 - D(G(z))): negative, and its gradient vanishes when D rejects fakes', () => {
    const k = lossKit('minimax', 2);
    expect(val(k.gValue(F()))).toBeCloseTo(-(softplus(0.5) + softplus(-3)) / 2, 5);
    const g = arr(k.gGrad(tf.tensor2d([-8, -8], [2, 1])));
    expect(Math.abs(g[0])).toBeLessThan(2e-4); // saturation (Goodfellow 2014)
    const ns = arr(lossKit('nonsaturating', 2).gGrad(tf.tensor2d([-8, -8], [2, 1])));
    expect(ns[0]).toBeLessThan(-0.49); // non-saturating keeps a strong push
  });
  it('non-saturating G: mean -log D(G(z))', () => {
    expect(val(lossKit('nonsaturating', 2).gValue(F()))).toBeCloseTo((softplus(-0.5) + softplus(3)) / 2, 5);
  });
  it('least squares (Mao 2017): D = 1/2 mean (D(x)-1)^2 + 1/2 mean D(G(z))^2, G = 1/2 mean (D(G(z))-1)^2', () => {
    const k = lossKit('leastSquares', 2);
    expect(val(k.dValue(L()))).toBeCloseTo(0.5 * ((1 + 4) / 2) + 0.5 * ((0.25 + 9) / 2), 5);
    expect(val(k.gValue(F()))).toBeCloseTo(0.5 * ((0.25 + 16) / 2), 5);
  });
  it('wasserstein: critic minimises mean D(fake) - mean D(real); G minimises -mean D(fake)', () => {
    const k = lossKit('wasserstein', 2);
    expect(val(k.dValue(L()))).toBeCloseTo((0.5 - 3) / 2 - (2 - 1) / 2, 5);
    expect(val(k.gValue(F()))).toBeCloseTo(1.25, 5);
  });
  it('hinge: mean relu(1 - D(x)) + mean relu(1 + D(G(z)))', () => {
    const k = lossKit('hinge', 2);
    expect(val(k.dValue(L()))).toBeCloseTo((0 + 2) / 2 + (1.5 + 0) / 2, 5);
  });
});

describe('closed-form gradients match autodiff for every loss', () => {
  for (const loss of LOSSES) {
    it(loss, () => {
      const k = lossKit(loss, 2);
      const dAuto = tf.grad((l: tf.Tensor) => k.dValue(l as tf.Tensor2D))(L());
      const gAuto = tf.grad((l: tf.Tensor) => k.gValue(l as tf.Tensor2D))(F());
      arr(k.dGrad(L())).forEach((v, i) => expect(v).toBeCloseTo(arr(dAuto)[i], 5));
      arr(k.gGrad(F())).forEach((v, i) => expect(v).toBeCloseTo(arr(gAuto)[i], 5));
    });
  }
  it('signs: D is pushed to raise real logits and lower fake ones', () => {
    for (const loss of LOSSES) {
      const g = arr(lossKit(loss, 2).dGrad(tf.tensor2d([0.5, 0.5, 0.5, 0.5], [4, 1])));
      expect(g[0], loss).toBeLessThan(0);
      expect(g[3], loss).toBeGreaterThan(0);
    }
    expect(sigmoid(0)).toBe(0.5);
  });
});
