// A trainer's mark and rewind (issue 13): the lab rewinds a run to the frame on screen instead of waiting for a heavy
// update in flight, so a rewind must put the run back exactly: then the same updates give the same bits.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../src/lab/model/backend-node';
import type { PartialConfig } from '../../src/lab/model/config';
import { Trainer } from '../../src/lab/model/trainer';

beforeAll(() => initNodeBackend('wasm'));

const cfg: PartialConfig = {
  distribution: 'ring8',
  batchSize: 32,
  seed: 5,
  dSteps: 2,
  generator: { layers: 2, neurons: 8, optimizer: 'adam' },
  discriminator: { layers: 2, neurons: 8, optimizer: 'momentum' },
};

/** Some updates in the play loop's way: D's turn, G's turn, the iteration counted, then part of the next. */
function updates(t: Trainer) {
  t.stepD();
  t.stepD();
  t.stepG();
  t.endIteration();
  t.stepD();
}

describe('mark and rewind', () => {
  it('a rewind puts the run back to the marked frame exactly; the same updates then give the same bits', async () => {
    const t = new Trainer(cfg), plain = new Trainer(cfg);
    t.iterate(7);
    plain.iterate(7);
    await t.measure();
    const f0 = await t.frame({ mark: true });
    const atMark = await t.snapshot();
    expect(t.markToken).not.toBeNull();
    updates(t);
    await t.measure(); // a row past the mark's iteration: not the rewound run's
    expect(t.iteration).toBe(8);
    expect(t.rewind()).toBe(true);
    expect(t.iteration).toBe(7);
    expect(await t.snapshot()).toEqual(atMark); // weights, slots, steps, Rng, history, losses
    expect(await t.frame()).toEqual(f0);
    // Played on: the same as a run that never went past the mark.
    for (const x of [t, plain]) {
      updates(x);
      x.iterate(3);
    }
    const [a, b] = [t.parameters(), plain.parameters()];
    expect(Buffer.from(a.g.buffer).equals(Buffer.from(b.g.buffer))).toBe(true);
    expect(Buffer.from(a.d.buffer).equals(Buffer.from(b.d.buffer))).toBe(true);
    expect(t.iteration).toBe(plain.iteration);
    expect((await t.snapshot()).rng).toEqual((await plain.snapshot()).rng);
    t.dispose();
    plain.dispose();
  });

  it('the mark stays after a rewind, and goes with any other frame, an edit that changes the picture, a restore or a restore of the last good state', async () => {
    const t = new Trainer(cfg);
    await t.frame({ mark: true });
    t.stepD();
    expect(t.rewind()).toBe(true);
    t.stepD();
    expect(t.rewind()).toBe(true); // the same frame is still on screen
    const drops: ((x: Trainer) => unknown)[] = [
      (x) => x.frame(),
      (x) => x.setConfig({ discriminator: { activation: 'tanh' } }),
      (x) => x.setConfig({ loss: 'leastSquares' }),
      (x) => x.setConfig({ generator: { neurons: 9 } }),
      async (x) => x.restore(await x.snapshot()),
      (x) => x.restoreLastGood(),
    ];
    for (const drop of drops) {
      await t.frame({ mark: true });
      expect(t.markToken).not.toBeNull();
      await drop(t);
      expect(t.markToken).toBeNull();
      const it0 = t.iteration;
      t.iterate(1);
      expect(t.rewind()).toBe(false);
      expect(t.iteration).toBe(it0 + 1); // nothing changed
    }
    t.dispose();
  });

  it('a rate or a step count edited keeps the mark: a rewind puts the state back and keeps the new settings', async () => {
    const t = new Trainer(cfg);
    t.iterate(2);
    await t.frame({ mark: true });
    const at = t.parameters(), token = t.markToken;
    t.stepD();
    t.setConfig({ generator: { learningRate: 0.02, beta1: 0.7 }, discriminator: { learningRate: 0.004 }, dSteps: 2 });
    expect(t.markToken).toBe(token);
    expect(t.rewind()).toBe(true);
    expect(t.parameters()).toEqual(at);
    expect(t.iteration).toBe(2);
    expect([t.config.generator.learningRate, t.config.generator.beta1, t.config.discriminator.learningRate, t.config.dSteps]).toEqual([0.02, 0.7, 0.004, 2]);
    t.dispose();
  });

  it('holds no tensor past the mark it needs, and none after dispose', async () => {
    const before = tf.memory().numTensors;
    const t = new Trainer(cfg);
    await t.frame({ mark: true });
    const held = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) {
      updates(t);
      t.rewind();
      await t.frame({ mark: true });
    }
    expect(tf.memory().numTensors).toBe(held);
    t.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
