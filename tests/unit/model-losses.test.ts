import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../src/lab/model/backend-node';
import { constantCount } from '../../src/lab/model/constants';
import { LOSSES, LOSS_NAMES, type LossEntry } from '../../src/lab/model/losses';
import { lossKit } from '../../src/lab/model/losses/kit';

beforeAll(() => initNodeBackend('cpu'));

// Independent oracles in plain JavaScript (float64), to check the registry's tfjs math against.
const softplus = (x: number) => Math.log1p(Math.exp(x));
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
// D sees [real; fake]: real logits 2, -1; fake logits 0.5, -3.
const real = [2, -1], fake = [0.5, -3];
const L = () => tf.tensor2d([...real, ...fake], [4, 1]);
const F = () => tf.tensor2d(fake, [2, 1]);
const val = (t: tf.Tensor) => t.dataSync()[0];
const arr = (t: tf.Tensor) => Array.from(t.dataSync());
const close = (got: number[], want: number[], digits = 5) => {
  expect(got).toHaveLength(want.length);
  got.forEach((v, i) => expect(v, `[${i}]`).toBeCloseTo(want[i], digits));
};

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
  it('hinge: mean relu(1 - D(x)) + mean relu(1 + D(G(z))); G minimises -mean D(fake)', () => {
    const k = lossKit('hinge', 2);
    expect(val(k.dValue(L()))).toBeCloseTo((0 + 2) / 2 + (1.5 + 0) / 2, 5);
    expect(val(k.gValue(F()))).toBeCloseTo(1.25, 5);
  });
});

describe('closed-form gradients on hand-computed inputs', () => {
  const y = [1, 1, 0, 0], s = [1, 1, -1, -1], l = [...real, ...fake];
  it('log losses: D (sigmoid(l) - y) / n; G minimax -sigmoid(l) / n, non-saturating (sigmoid(l) - 1) / n', () => {
    for (const loss of ['minimax', 'nonsaturating'] as const) close(arr(lossKit(loss, 2).dGrad(L())), l.map((v, i) => (sigmoid(v) - y[i]) / 2));
    close(arr(lossKit('minimax', 2).gGrad(F())), fake.map((v) => -sigmoid(v) / 2));
    close(arr(lossKit('nonsaturating', 2).gGrad(F())), fake.map((v) => (sigmoid(v) - 1) / 2));
  });
  it('least squares: D (l - y) / n, G (l - 1) / n', () => {
    close(arr(lossKit('leastSquares', 2).dGrad(L())), l.map((v, i) => (v - y[i]) / 2));
    close(arr(lossKit('leastSquares', 2).gGrad(F())), fake.map((v) => (v - 1) / 2));
  });
  it('wasserstein: constants -s / n and -1 / n; hinge: -s / n only inside the margin', () => {
    close(arr(lossKit('wasserstein', 2).dGrad(L())), s.map((v) => -v / 2));
    close(arr(lossKit('wasserstein', 2).gGrad(F())), [-0.5, -0.5]);
    // margins 1 - s*l: -1 (real 2, outside), 2, 1.5, -2 (fake -3, outside)
    close(arr(lossKit('hinge', 2).dGrad(L())), [0, -0.5, 0.5, 0]);
    close(arr(lossKit('hinge', 2).gGrad(F())), [-0.5, -0.5]);
  });
});

describe('closed-form gradients match autodiff for every registered loss', () => {
  for (const loss of LOSS_NAMES) {
    it(loss, () => {
      const k = lossKit(loss, 2);
      const dAuto = tf.grad((l: tf.Tensor) => k.dValue(l as tf.Tensor2D))(L());
      const gAuto = tf.grad((l: tf.Tensor) => k.gValue(l as tf.Tensor2D))(F());
      close(arr(k.dGrad(L())), arr(dAuto));
      close(arr(k.gGrad(F())), arr(gAuto));
      // A frame's fixed fakes are a different count from the batch: G's gradient must scale by its own rows.
      const many = tf.tensor2d([0.3, -1.2, 2.5, -0.1, 0.9], [5, 1]);
      close(arr(k.gGrad(many)), arr(tf.grad((l: tf.Tensor) => k.gValue(l as tf.Tensor2D))(many)));
    });
  }
  it('signs: D is pushed to raise real logits and lower fake ones', () => {
    for (const loss of LOSS_NAMES) {
      const g = arr(lossKit(loss, 2).dGrad(tf.tensor2d([0.5, 0.5, 0.5, 0.5], [4, 1])));
      expect(g[0], loss).toBeLessThan(0);
      expect(g[3], loss).toBeGreaterThan(0);
    }
  });
});

describe('the rest of each entry', () => {
  it("D's output as a probability: a sigmoid, except least squares, which is clipped to [0, 1]", () => {
    const logits = [-2, 0, 0.5, 3];
    for (const loss of LOSS_NAMES) {
      const want = loss === 'leastSquares' ? [0, 0, 0.5, 1] : logits.map(sigmoid);
      close(arr(lossKit(loss, 2).probability(tf.tensor2d(logits, [4, 1]))), want);
    }
  });
  it('only the Wasserstein loss without a gradient penalty names itself as the cause of a divergence', () => {
    for (const loss of LOSS_NAMES) {
      const e: LossEntry = LOSSES[loss];
      expect(e.divergenceHint?.({ gradientPenalty: 1 }), loss).toBeUndefined();
      if (loss === 'wasserstein') expect(e.divergenceHint?.({ gradientPenalty: 0 })?.en).toMatch(/gradient penalty/);
      else expect(e.divergenceHint?.({ gradientPenalty: 0 }), loss).toBeUndefined();
    }
  });
  it('a kit keeps its constants until disposed, and frees them all then', () => {
    // The shared-scalar cache (constants.ts) is counted apart: it is bounded, not a leak.
    const live = () => tf.memory().numTensors - constantCount();
    for (const loss of LOSS_NAMES) {
      const before = live();
      const k = lossKit(loss, 4);
      const kept = live() - before;
      expect(kept, loss).toBeGreaterThanOrEqual(2);
      tf.tidy(() => void k.dGrad(tf.zeros([8, 1])));
      expect(live() - before, loss).toBe(kept);
      k.dispose();
      expect(live(), loss).toBe(before);
    }
  });
});
