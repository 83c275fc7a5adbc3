import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../src/lab/model/backend-node';
import { ACTIVATIONS, LOSS_NAMES, type PartialConfig } from '../../src/lab/model/config';
import { backward, forward, forwardDiff, gradientPenaltyGrad, initParams, layout, unpack } from '../../src/lab/model/network';
import { Rng } from '../../src/lab/model/random';
import { Trainer } from '../../src/lab/model/trainer';
import { gLossGradientAt } from '../../src/lab/model/trainer/gradients';
import type { TrainerSnapshot } from '../../src/lab/model/types';
import * as k from '../../src/lab/model/kernels';
import { constantCount } from '../../src/lab/model/constants';

beforeAll(() => initNodeBackend('wasm'));

const small: PartialConfig = {
  distribution: 'ring8',
  batchSize: 16,
  generator: { layers: 1, neurons: 6 },
  discriminator: { layers: 2, neurons: 5 },
};

function rand(n: number, seed: number) {
  const a = new Float32Array(n);
  new Rng(seed).fillNormal(a);
  return a;
}

describe('hand-written backprop', () => {
  for (const act of ACTIVATIONS) {
    it(`matches finite differences on a tiny ${act} network`, () => {
      const l = layout(3, 2, 4, 2, act);
      const p0 = initParams(l, new Rng(4));
      for (let i = 0; i < p0.length; i++) p0[i] += 0.05 * Math.sin(i); // non-zero biases
      const x = tf.tensor2d(rand(15, 1), [5, 3]);
      const r = tf.tensor2d(rand(10, 2), [5, 2]);
      // loss = sum(out * r) so dOut = r
      const lossAt = (p: Float32Array) =>
        tf.tidy(() => tf.sum(tf.mul(forward(l, unpack(l, tf.tensor1d(p)), x).pop()!, r)).dataSync()[0]);
      const { grad, dInput } = tf.tidy(() => {
        const w = unpack(l, tf.tensor1d(p0));
        const res = backward(l, w, forward(l, w, x), r, true, true);
        return { grad: res.grad!.dataSync(), dInput: res.dInput!.dataSync() };
      });
      const h = 1e-2;
      let worst = 0;
      for (let i = 0; i < p0.length; i++) {
        const a = new Float32Array(p0), b = new Float32Array(p0);
        a[i] += h; b[i] -= h;
        const num = (lossAt(a) - lossAt(b)) / (2 * h);
        worst = Math.max(worst, Math.abs(num - grad[i]) / Math.max(1, Math.abs(num)));
      }
      expect(worst).toBeLessThan(2e-2);
      // input gradient, by finite differences on x
      const xv = x.dataSync();
      const lossX = (xs: Float32Array) => tf.tidy(() => tf.sum(tf.mul(forward(l, unpack(l, tf.tensor1d(p0)), tf.tensor2d(xs, [5, 3])).pop()!, r)).dataSync()[0]);
      for (const i of [0, 7, 14]) {
        const a = new Float32Array(xv), b = new Float32Array(xv);
        a[i] += h; b[i] -= h;
        expect(dInput[i]).toBeCloseTo((lossX(a) - lossX(b)) / (2 * h), 1);
      }
    });
  }
});

describe('gradient penalty in closed form', () => {
  // tfjs cannot differentiate leakyRelu twice, so check the leaky-ReLU case against finite differences.
  for (const act of ['relu', 'leakyRelu'] as const) {
    it(`matches finite differences (${act})`, () => {
      const l = layout(2, 2, 5, 1, act);
      const p0 = initParams(l, new Rng(9));
      const x = tf.tensor2d(rand(12, 3), [6, 2]);
      const lambda = 3;
      const penalty = (p: Float32Array) =>
        tf.tidy(() => {
          const w = unpack(l, tf.tensor1d(p));
          const g = tf.grad((xx: tf.Tensor) => tf.sum(forwardDiff(l, w, xx)))(x);
          return tf.mul(tf.mean(tf.square(tf.sub(tf.sqrt(tf.add(tf.sum(tf.square(g), 1), 1e-12)), 1))), lambda).dataSync()[0];
        });
      const grad = tf.tidy(() => gradientPenaltyGrad(l, unpack(l, tf.tensor1d(p0)), x, lambda).dataSync());
      const h = 1e-3;
      let worst = 0;
      for (let i = 0; i < p0.length; i++) {
        const a = new Float32Array(p0), b = new Float32Array(p0);
        a[i] += h; b[i] -= h;
        const num = (penalty(a) - penalty(b)) / (2 * h);
        worst = Math.max(worst, Math.abs(num - grad[i]) / Math.max(1, Math.abs(num)));
      }
      expect(worst).toBeLessThan(2e-2);
    });
  }
});

describe('trainer gradients: hand-written path equals tf.grad', () => {
  const cases: PartialConfig[] = [
    ...LOSS_NAMES.map((loss) => ({ loss })),
    { discriminator: { activation: 'tanh' }, generator: { activation: 'leakyRelu' } },
    { pack: 2 },
    { pack: 4, noise: { dim: 3, type: 'uniform' } },
    { loss: 'wasserstein', gradientPenalty: 1 },
    { loss: 'wasserstein', gradientPenalty: 10, pack: 2, discriminator: { layers: 3 } },
    { loss: 'hinge', gradientPenalty: 0.5, discriminator: { layers: 0 } },
    // minibatch std: the feature's hand-written backward (batches.ts) against tf.grad through the statistic
    { minibatchStd: true },
    { minibatchStd: true, pack: 2, loss: 'wasserstein', discriminator: { activation: 'leakyRelu', layers: 3 } },
    { minibatchStd: true, noise: { dim: 3 }, discriminator: { activation: 'tanh' }, generator: { activation: 'tanh' } },
  ];
  for (const extra of cases) {
    it(JSON.stringify(extra), () => {
      const t = new Trainer({ ...small, ...extra });
      t.iterate(3);
      const real = rand(32, 5), zD = rand(16 * t.config.noise.dim, 6), zG = rand(16 * t.config.noise.dim, 7);
      const fast = t.gradients(real, zD, zG, false), auto = t.gradients(real, zD, zG, true);
      if (t.config.gradientPenalty > 0 || t.config.minibatchStd) expect(t.usesAutodiff).toBe(false);
      for (const k of ['d', 'g'] as const) {
        expect(fast[k].length).toBe(auto[k].length);
        const scale = Math.max(...auto[k].map(Math.abs), 1e-6);
        fast[k].forEach((v, i) => expect(Math.abs(v - auto[k][i]) / scale).toBeLessThan(1e-4));
      }
      t.dispose();
    });
  }
});

it("minibatch std: where each fake is pushed (G's loss gradient at points) equals tf.grad's", () => {
  for (const pack of [1, 2]) {
    const t = new Trainer({ ...small, minibatchStd: true, pack });
    t.iterate(3);
    const run = (t as unknown as { run: Parameters<typeof gLossGradientAt>[0] }).run;
    const x = tf.tensor2d(rand(40, 9), [20, 2]);
    const [fast, auto] = [false, true].map((autodiff) => tf.tidy(() => gLossGradientAt(run, x, autodiff)).dataSync());
    const scale = Math.max(...auto.map(Math.abs), 1e-6);
    fast.forEach((v, i) => expect(Math.abs(v - auto[i]) / scale).toBeLessThan(1e-4));
    x.dispose();
    t.dispose();
  }
});

it('a tanh critic with a gradient penalty trains through tf.grad', async () => {
  const t = new Trainer({ ...small, loss: 'wasserstein', gradientPenalty: 2, discriminator: { activation: 'tanh' } });
  expect(t.usesAutodiff).toBe(true);
  t.iterate(5);
  expect(await t.checkFinite()).toBe(true);
  t.dispose();
});

describe('determinism', () => {
  it('same seed and config give identical weights after N iterations', () => {
    const a = new Trainer({ ...small, seed: 11 }), b = new Trainer({ ...small, seed: 11 }), c = new Trainer({ ...small, seed: 12 });
    for (const t of [a, b, c]) t.iterate(40);
    expect(a.parameters()).toEqual(b.parameters());
    expect(a.parameters().g).not.toEqual(c.parameters().g);
    [a, b, c].forEach((t) => t.dispose());
  });

  it('snapshot, restore, N more equals N more without it (frames and metrics in between change nothing)', async () => {
    for (const extra of [{}, { minibatchStd: true }, { loss: 'wasserstein', gradientPenalty: 1 }] as PartialConfig[]) {
      const a = new Trainer({ ...small, ...extra, seed: 3 });
      a.iterate(25);
      const snap = JSON.parse(JSON.stringify(await a.snapshot()));
      await a.frame();
      await a.measure();
      a.iterate(25);
      const b = Trainer.fromSnapshot(snap);
      expect(b.iteration).toBe(25);
      b.iterate(25);
      expect(b.parameters()).toEqual(a.parameters());
      expect(b.iteration).toBe(50);
      a.dispose();
      b.dispose();
    }
  });

  it('manual D and G steps closed by endIteration() equal iterate(): same weights, same iteration count', () => {
    const cfg: PartialConfig = { ...small, seed: 5, dSteps: 2 };
    const a = new Trainer(cfg), b = new Trainer(cfg);
    a.iterate(3);
    for (let i = 0; i < 3; i++) {
      b.stepD(false);
      b.stepD();
      b.stepG();
      b.endIteration();
    }
    expect(b.iteration).toBe(3);
    expect(b.parameters()).toEqual(a.parameters());
    b.dispose();
    expect(() => b.endIteration()).toThrow(/dispose/);
    a.dispose();
  });

  it('refuses a malformed snapshot and keeps its state', async () => {
    const t = new Trainer(small);
    t.iterate(5);
    const before = t.parameters();
    const snap = await t.snapshot();
    expect(() => t.restore({ ...snap, generator: { ...snap.generator, params: [1, 2, 3] } })).toThrow(/expected \d+ parameters/);
    expect(() => t.restore({ ...snap, config: { ...snap.config, pack: 9 } })).toThrow(/pack/);
    expect(t.parameters()).toEqual(before);
    expect(t.iteration).toBe(5);
    t.dispose();
  });
});

describe('frames and metrics', () => {
  it('a frame holds every layer with consistent sizes', async () => {
    const t = new Trainer({ ...small, distribution: 'gaussians' });
    t.iterate(10);
    const f = (await t.frame())!;
    expect(f.iteration).toBe(10);
    expect(f.real.length).toBe(900);
    expect(f.fake.length).toBe(600);
    expect(f.fakeGradient.length).toBe(600);
    expect(f.manifold.points.length).toBe(21 * 21 * 2);
    expect(f.manifold.density.length).toBe(400);
    expect(f.heatmap.values.length).toBe(900);
    expect(f.heatmap.values.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(Number.isFinite(f.dLoss) && Number.isFinite(f.gLoss)).toBe(true);
    expect(f.bounds).toEqual({ xMin: 0, xMax: 1, yMin: 0, yMax: 1 });
    const again = (await t.frame())!;
    expect(again.fake).toEqual(f.fake); // fixed noise: motion is only the generator's
    t.dispose();
  });

  it('measure() gives mode metrics for mixtures and appends history', async () => {
    const t = new Trainer(small);
    t.iterate(5);
    const m = (await t.measure())!;
    expect(m.modesTotal).toBe(8);
    expect(m.samples).toBe(2500);
    expect(m.bins).toBe(30);
    expect(t.history.length).toBe(1);
    const line = new Trainer({ ...small, distribution: 'line' });
    expect((await line.measure())!.modes).toBeUndefined();
    t.dispose();
    line.dispose();
  });
});

describe('live changes', () => {
  it('says what each change cost and keeps what it can', () => {
    const t = new Trainer(small);
    t.iterate(5);
    const before = t.parameters();
    expect(t.setConfig({ discriminator: { learningRate: 0.01 } })).toEqual(['live']);
    expect(t.parameters()).toEqual(before);
    expect(t.setConfig({ generator: { neurons: 9 } })).toEqual(['rebuild-g']);
    expect(t.parameters().d).toEqual(before.d);
    expect(t.parameters().g.length).not.toBe(before.g.length);
    expect(t.iteration).toBe(5);
    expect(t.setConfig({ seed: 77 })).toEqual(['restart']);
    expect(t.iteration).toBe(0);
    expect(() => t.setConfig({ generator: { neurons: 0 } })).toThrow(/generator.neurons/);
    t.dispose();
  });
});

describe('no tensor leaks', () => {
  it('tensor count is constant over 5,000 iterations interleaved with 100 reconfigurations', async () => {
    const start: PartialConfig = { distribution: 'ring8', batchSize: 32, generator: { neurons: 8 }, discriminator: { neurons: 8 } };
    const t = new Trainer(start);
    const patches: PartialConfig[] = [
      { discriminator: { learningRate: 0.002 } },
      { generator: { layers: 3 } },
      { loss: 'hinge' },
      { discriminator: { optimizer: 'rmsprop' } },
      { pack: 2 },
      { minibatchStd: true },
      { loss: 'wasserstein', gradientPenalty: 0.1 },
      { distribution: 'grid25' },
      { noise: { dim: 1 } },
      { generator: { optimizer: 'momentum' } },
      { dSteps: 2 },
    ];
    const home = () => t.setConfig(structuredClone(start) as PartialConfig & object);
    const back: PartialConfig = {
      discriminator: { learningRate: 1e-3, optimizer: 'adam' },
      generator: { layers: 2, optimizer: 'adam' },
      loss: 'nonsaturating',
      pack: 1,
      minibatchStd: false,
      gradientPenalty: 0,
      distribution: 'ring8',
      noise: { dim: 2 },
      dSteps: 1,
    };
    // Warm up once through every patch so that caches (shared scalar constants) are filled before counting.
    for (const p of patches) {
      t.setConfig(p);
      t.iterate(2);
      await t.frame();
      await t.measure();
    }
    t.setConfig(back);
    home();
    t.iterate(2);
    await t.frame();
    await t.measure();
    // The shared-scalar cache is bounded (256) and not a leak: count it apart.
    // So are the good states kept for a restore (a few, spaced by iterations: how many depends on when reads fell).
    const live = () => tf.memory().numTensors - constantCount() - t.goodStateTensors;
    const base = live();
    const it0 = t.iteration;
    for (let k = 0; k < 100; k++) {
      t.setConfig(k % 2 === 0 ? patches[(k / 2) % patches.length] : back);
      t.iterate(50);
      if (k % 10 === 0) {
        await t.frame();
        await t.measure();
      }
    }
    t.setConfig(back);
    await t.frame();
    await t.measure();
    expect(t.iteration - it0).toBe(5000);
    expect(live()).toBe(base);
    t.dispose();
  }, 120_000);
});

describe('divergence', () => {
  it('a huge learning rate is caught, reported with a hint, and can be restored', async () => {
    const t = new Trainer({ ...small, loss: 'leastSquares', generator: { optimizer: 'sgd', learningRate: 10 }, discriminator: { optimizer: 'sgd', learningRate: 10 } });
    const good = t.parameters();
    let iterations = 0;
    while (t.status === 'ok' && iterations < 2000) {
      t.iterate(20);
      iterations += 20;
      await t.checkFinite();
    }
    expect(t.status).toBe('diverged');
    expect(t.divergence!.hint).toMatch(/learning rate/);
    expect(await t.frame()).toBeNull();
    const it0 = t.iteration;
    t.iterate(5); // a diverged run does not train
    expect(t.iteration).toBe(it0);
    expect(t.restoreLastGood()).toBe(true);
    expect(t.status).toBe('ok');
    expect(t.parameters().g.every(Number.isFinite)).toBe(true);
    expect(t.lastGoodIteration).toBeLessThan(it0);
    expect(good.g.length).toBe(t.parameters().g.length);
    t.dispose();
  });

  it('wasserstein without a penalty gets its own hint', async () => {
    const t = new Trainer({ ...small, loss: 'wasserstein', discriminator: { optimizer: 'sgd', learningRate: 5 } });
    for (let i = 0; i < 100 && t.status === 'ok'; i++) {
      t.iterate(20);
      await t.checkFinite();
    }
    expect(t.status).toBe('diverged');
    expect(t.divergence!.hint).toMatch(/gradient penalty/);
    t.dispose();
  });
});

describe('frame state', () => {
  it('frame({ keepState }) brings back the weights in the same read, enough to continue elsewhere', async () => {
    const a = new Trainer({ ...small, seed: 8 });
    a.iterate(12);
    expect(a.lastFrameState()).toBeNull();
    await a.frame({ keepState: true });
    const s = a.lastFrameState()!;
    expect(s.iteration).toBe(12);
    const b = Trainer.fromSnapshot(JSON.parse(JSON.stringify(s)));
    expect(b.parameters()).toEqual(a.parameters());
    a.iterate(10);
    b.iterate(10);
    expect(b.parameters()).toEqual(a.parameters());
    a.dispose();
    b.dispose();
  });
});

describe('losses before any step', () => {
  it('are measured on a fixed batch, not shown as 0, and stay unknown in a snapshot', async () => {
    const t = new Trainer({ ...small, seed: 4 });
    const m = (await t.measure())!;
    // At initialisation D is near chance: D's loss is close to 2 ln 2, G's to ln 2.
    expect(m.dLoss).toBeGreaterThan(1);
    expect(m.dLoss).toBeLessThan(2);
    expect(m.gLoss).toBeGreaterThan(0.3);
    const again = (await t.measure())!;
    expect(again.dLoss).toBe(m.dLoss);
    const fresh = new Trainer({ ...small, seed: 4 });
    const s = await fresh.snapshot();
    expect(s.lastLosses).toEqual({ dLoss: null, gLoss: null });
    const r = Trainer.fromSnapshot(JSON.parse(JSON.stringify(s)));
    expect((await r.frame())!.dLoss).toBeCloseTo(m.dLoss, 6);
    [t, fresh, r].forEach((x) => x.dispose());
  });
});

describe('recorded losses', () => {
  // The hand-written path keeps the last step's logits and computes the loss value only when it is read.
  it('are read once computed, and keep the loss they were recorded under', async () => {
    const cfg: PartialConfig = { ...small, seed: 6, loss: 'leastSquares' };
    const hand = new Trainer(cfg);
    hand.iterate(7);
    const first = (await hand.frame())!;
    expect(Number.isFinite(first.dLoss) && Number.isFinite(first.gLoss)).toBe(true);
    const snap = await hand.snapshot();
    expect(snap.lastLosses).toEqual({ dLoss: first.dLoss, gLoss: first.gLoss });

    // A twin at the same state changes its loss before the first read: it must still report the
    // least-squares values its steps recorded, not the kept logits scored under the new loss.
    const twin = new Trainer(cfg);
    twin.iterate(7);
    twin.setConfig({ loss: 'hinge' });
    const read = (await twin.frame())!;
    expect(read.dLoss).toBe(first.dLoss);
    expect(read.gLoss).toBe(first.gLoss);
    [hand, twin].forEach((x) => x.dispose());
  });
});

describe('losses while one network sits out', () => {
  // With gSteps=0 no G step records G's loss, but G's loss moves with D: a read must measure it afresh, not keep
  // the value of an earlier read (a chart once showed -0.33 where the loss was -0.085).
  const fresh = async (t: Trainer) => {
    const s = JSON.parse(JSON.stringify(await t.snapshot())) as TrainerSnapshot;
    s.lastLosses = { dLoss: null, gLoss: null }; // unknown: the read measures both on the fixed batch
    const r = Trainer.fromSnapshot(s);
    const m = (await r.measure())!;
    r.dispose();
    return m;
  };
  for (const [side, cfg] of [['gLoss', { gSteps: 0 }], ['dLoss', { dSteps: 0 }]] as const) {
    it(`${side} is measured at each read while the other network trains alone (${JSON.stringify(cfg)})`, async () => {
      const t = new Trainer({ ...small, loss: 'minimax', seed: 11, ...cfg });
      t.iterate(60);
      const first = (await t.measure())!;
      t.iterate(60);
      const second = (await t.measure())!;
      expect(second[side]).not.toBe(first[side]);
      expect(second[side]).toBeCloseTo((await fresh(t))[side], 6);
      t.dispose();
    });
  }
  it('two reads with no step between agree (the second does not re-measure)', async () => {
    const t = new Trainer({ ...small, seed: 12, gSteps: 0 });
    t.iterate(30);
    const f = (await t.frame())!;
    const m = (await t.measure())!;
    expect([m.dLoss, m.gLoss]).toEqual([f.dLoss, f.gLoss]);
    t.dispose();
  });
});

describe('our wasm kernels', () => {
  // Each must give the same float32 bits as the tfjs kernels it replaces, so training is identical on any backend.
  const bits = (t: tf.Tensor) => Array.from(new Uint32Array((t.dataSync() as Float32Array).slice().buffer));
  const vec = (n: number, seed: number, scale = 1) => tf.tensor1d(rand(n, seed).map((v) => v * scale));

  it('Adam step equals the composed ops', () => {
    tf.tidy(() => {
      const p = vec(611, 1), g = vec(611, 2, 0.3), m = vec(611, 3, 0.1), v = tf.abs(vec(611, 4, 0.01));
      const [b1, b2, lrT, eps] = [0.5, 0.999, 0.0013, 1e-8];
      const [P, M, V] = k.adamStep(p, g, m, v, b1, b2, lrT, eps)!;
      const m2 = tf.add(tf.mul(m, tf.scalar(b1)), tf.mul(g, tf.scalar(1 - b1)));
      const v2 = tf.add(tf.mul(v, tf.scalar(b2)), tf.mul(tf.square(g), tf.scalar(1 - b2)));
      const p2 = tf.sub(p, tf.div(tf.mul(m2, tf.scalar(lrT)), tf.add(tf.sqrt(v2), tf.scalar(eps))));
      expect(bits(M)).toEqual(bits(m2));
      expect(bits(V)).toEqual(bits(v2));
      expect(bits(P)).toEqual(bits(p2));
    });
  });

  it('the column sum equals the Sum kernel over rows (the 3x64 bias gradient)', () => {
    tf.tidy(() => {
      for (const [rows, cols] of [[1024, 64], [7, 3], [256, 16]]) {
        const x = tf.reshape(vec(rows * cols, rows, 10), [1, rows, cols]);
        expect(tf.getBackend()).toBe('wasm');
        expect(bits(k.columnSum(x))).toEqual(bits(k.sum(x, [0, 1])));
      }
    });
  });

  it("the large-matrix transpose equals tfjs's Transpose", () => {
    tf.tidy(() => {
      for (const [rows, cols] of [[1024, 64], [512, 33], [300, 64]]) {
        const x = tf.reshape(vec(rows * cols, cols, 3), [1, rows, cols]);
        const t = k.transpose(x);
        expect(t.shape).toEqual([1, cols, rows]);
        expect(bits(t)).toEqual(bits(tf.engine().runKernel('Transpose', { x }, { perm: [0, 2, 1] }) as tf.Tensor));
      }
    });
  });

  it('the flat split equals tf.split and passes gradients back', () => {
    tf.tidy(() => {
      const x = vec(50, 7);
      const sizes = [6, 2, 30, 12];
      k.split(x, sizes).forEach((piece, i) => expect(bits(piece)).toEqual(bits(tf.split(x, sizes)[i])));
      const grad = tf.grad((t: tf.Tensor) => tf.sum(tf.concat(k.split(t, sizes).map((s, i) => tf.mul(s, i + 1)))))(x);
      expect(Array.from(grad.dataSync())).toEqual(sizes.flatMap((n, i) => Array(n).fill(i + 1)));
    });
  });
});
