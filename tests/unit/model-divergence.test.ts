// Divergence is caught before NaN (exploding weights or losses, every fake far outside the view for a while), a
// restore goes back to a state from before the trouble began, and the message says what happened in plain words.
// On the cpu backend, like the lab's ?backend=cpu runs these cases came from (issue 13).
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../src/lab/model/backend-node';
import type { PartialConfig } from '../../src/lab/model/config';
import { Trainer } from '../../src/lab/model/trainer';
import { fakesFarOutside } from '../../src/lab/model/trainer/health';

beforeAll(() => initNodeBackend('cpu'));

const maxAbs = (t: Trainer) => {
  const p = t.parameters();
  let m = 0;
  for (const a of [p.g, p.d]) for (const x of a) m = Math.max(m, Math.abs(x));
  return m;
};

/** Plays like the lab at speed 10: ten iterations, then a frame read (a measurement every fourth). */
async function play(t: Trainer, iterations: number) {
  for (let i = 0; i < iterations / 10 && t.status === 'ok'; i++) {
    t.iterate(10);
    await t.frame();
    if (i % 4 === 3 && t.status === 'ok') await t.measure();
  }
}

const rates = (lr: number, optimizer?: 'momentum' | 'sgd' | 'adam', activation?: 'leakyRelu'): PartialConfig => ({
  generator: { learningRate: lr, ...(optimizer && { optimizer }), ...(activation && { activation }) },
  discriminator: { learningRate: lr, ...(optimizer && { optimizer }), ...(activation && { activation }) },
});

describe('divergence before NaN', () => {
  it('momentum, leaky ReLU and rate 10 set mid-run: the restore goes back to before the blow-up, and lower rates then train', async () => {
    const t = new Trainer({ seed: 4 });
    await play(t, 200);
    t.setConfig(rates(10, 'momentum', 'leakyRelu'));
    await play(t, 2000);
    expect(t.status).toBe('diverged');
    expect(t.divergence!.hint).toMatch(/learning rate \(10\) is too high: momentum/);
    expect(t.divergence!.hint).toMatch(/leaky ReLU/);
    expect(t.restoreLastGood()).toBe(true);
    expect(maxAbs(t)).toBeLessThan(100); // not a state already on its way up
    t.setConfig(rates(0.001));
    await play(t, 400);
    expect(t.status).toBe('ok');
    expect(maxAbs(t)).toBeLessThan(100);
    const f = await t.frame();
    expect(fakesFarOutside(f!.fake, f!.bounds)).toBe(false);
    t.dispose();
  }, 240_000);

  for (const optimizer of ['adam', 'sgd'] as const) {
    it(`rate 10 with ${optimizer}: stops with a reason long before 34,000 iterations of fakes outside the view`, async () => {
      const t = new Trainer({ seed: 4, ...rates(10, optimizer) });
      await play(t, 3000);
      expect(t.status).toBe('diverged');
      expect(t.iteration).toBeLessThan(3000);
      expect(t.divergence!.hint).toMatch(/learning rate \(10\) is too high/);
      expect(t.restoreLastGood()).toBe(true);
      expect(maxAbs(t)).toBeLessThan(100);
      const f = await t.frame();
      expect(fakesFarOutside(f!.fake, f!.bounds)).toBe(false);
      t.dispose();
    }, 240_000);
  }

  it('a healthy run is never stopped', async () => {
    const t = new Trainer({ seed: 4 });
    await play(t, 600);
    expect(t.status).toBe('ok');
    t.dispose();
  }, 240_000);
});
