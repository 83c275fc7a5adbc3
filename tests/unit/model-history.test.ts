// The metric history stays bounded however long a lab plays, and still spans the whole run.
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../src/lab/model/backend-node';
import { Trainer } from '../../src/lab/model/trainer';
import type { Metrics } from '../../src/lab/model/types';

beforeAll(() => initNodeBackend('wasm'));

const small = { distribution: 'ring8', batchSize: 16, generator: { layers: 1, neurons: 6 }, discriminator: { layers: 1, neurons: 6 } } as const;

describe('metric history', () => {
  it('a long run keeps a bounded history that starts at the first row and ends at the newest, in order', async () => {
    const t = new Trainer(small);
    t.iterate(1);
    await t.measure();
    const row = t.history[0];
    // A long run: a restored history of 5,000 rows (about 35 minutes of playing), then more measurements.
    const snap = await t.snapshot();
    snap.history = Array.from({ length: 5000 }, (_, i): Metrics => ({ ...row, iteration: i }));
    snap.iteration = 5000;
    t.restore(snap);
    let lengths = 0;
    for (let k = 0; k < 40; k++) {
      t.iterate(1);
      await t.measure();
      lengths = Math.max(lengths, t.history.length);
    }
    const its = t.history.map((m) => m.iteration);
    expect(lengths).toBeLessThanOrEqual(1000);
    expect(its[0]).toBe(0); // the charts still start where the run started
    expect(its[its.length - 1]).toBe(t.iteration);
    expect(its.every((v, i) => i === 0 || v > its[i - 1])).toBe(true);
    // recent rows keep full detail
    expect(its.slice(-20)).toEqual(Array.from({ length: 20 }, (_, i) => t.iteration - 19 + i));
    t.dispose();
  });

  it('many measurements in a row never grow the history past the cap', async () => {
    const { appendMetrics, HISTORY_CAP } = await import('../../src/lab/model/trainer/history');
    const row = { iteration: 0 } as Metrics;
    let h: Metrics[] = [];
    let most = 0;
    for (let i = 0; i < 200_000; i++) {
      h = appendMetrics(h, { ...row, iteration: i * 10 });
      most = Math.max(most, h.length);
    }
    expect(most).toBeLessThanOrEqual(HISTORY_CAP);
    expect(h[0].iteration).toBe(0);
    expect(h[h.length - 1].iteration).toBe(1_999_990);
    // older rows are thinned, not dropped: the first half of the run is still there
    expect(h.filter((m) => m.iteration < 1_000_000).length).toBeGreaterThan(5);
  });

  it('restoring the last good state keeps the rows measured up to it', async () => {
    const t = new Trainer(small);
    for (let k = 0; k < 4; k++) {
      t.iterate(20);
      await t.measure();
    }
    const good = t.lastGoodIteration!;
    expect(good).toBeGreaterThan(0);
    expect(good).toBeLessThan(t.iteration);
    expect(t.restoreLastGood()).toBe(true);
    expect(t.iteration).toBe(good);
    expect(t.history.every((m) => m.iteration <= good)).toBe(true);
    expect(t.history.length).toBeGreaterThan(0);
    t.dispose();
  });
});
