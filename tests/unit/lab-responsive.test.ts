// The lab stays responsive whatever is asked of it: quick edits coalesce (only the latest value of a setting
// matters), and the play loop sizes its chunks of work by their measured time.
import { describe, expect, it } from 'vitest';
import { LabController } from '../../src/lab/controller';
import type { PartialConfig } from '../../src/lab/model/config';
import { FakeTrainer } from './view-fixtures';

/** A fake trainer that counts setConfig calls. */
class CountingTrainer extends FakeTrainer {
  edits = 0;
  setConfig(patch: PartialConfig) {
    this.edits++;
    return super.setConfig(patch);
  }
}

function setup(opts: { speed?: number } = {}) {
  const trainers: CountingTrainer[] = [];
  const frames: (() => void)[] = [];
  let clock = 0;
  const ctl = new LabController(
    {
      createTrainer: (c) => {
        const t = new CountingTrainer(c);
        trainers.push(t);
        return t;
      },
      requestFrame: (cb) => frames.push(cb),
      now: () => clock,
      setTimer: () => 0,
      clearTimer: () => undefined,
    },
    { speed: opts.speed ?? 5, backend: { backend: 'wasm', renderer: null, reason: 'start' } },
  );
  const flush = () => new Promise((r) => setTimeout(r, 0));
  const tick = async (ms = 16) => {
    clock += ms;
    frames.splice(0).forEach((cb) => cb());
    await flush();
    await flush();
  };
  return { ctl, tick, flush, current: () => trainers[trainers.length - 1], advance: (ms: number) => (clock += ms) };
}

describe('quick edits', () => {
  it('200 edits in a row reach the trainer as one, with the last value, and every caller hears back', async () => {
    const { ctl, current } = setup();
    const frames0 = current().calls.frame;
    const all: Promise<unknown>[] = [];
    for (let i = 1; i <= 200; i++) all.push(ctl.setConfig({ discriminator: { learningRate: i / 1000 } }));
    const effects = await Promise.all(all);
    expect(ctl.config.discriminator.learningRate).toBe(0.2);
    expect(current().edits).toBe(1);
    expect(current().calls.frame - frames0).toBe(1); // one redraw for the lot
    expect(effects.every((e) => JSON.stringify(e) === '["live"]')).toBe(true);
  });

  it("merges different settings, keeping each one's latest value", async () => {
    const { ctl, current } = setup();
    void ctl.setConfig({ generator: { learningRate: 0.01 } });
    void ctl.setConfig({ discriminator: { learningRate: 0.02 } });
    await ctl.setConfig({ generator: { learningRate: 0.03 } });
    expect(ctl.config.generator.learningRate).toBe(0.03);
    expect(ctl.config.discriminator.learningRate).toBe(0.02);
    expect(current().edits).toBe(1);
  });

  it('keeps the order of other operations: an edit made after a load applies after it', async () => {
    const { ctl } = setup();
    void ctl.setConfig({ generator: { learningRate: 0.01 } });
    void ctl.loadConfig({ generator: { learningRate: 0.05, neurons: 8 } });
    await ctl.setConfig({ generator: { learningRate: 0.02 } });
    expect(ctl.config.generator.learningRate).toBe(0.02);
    expect(ctl.config.generator.neurons).toBe(8);
  });

  it('a bad value is refused at once and does not spoil the edit waiting', async () => {
    const { ctl } = setup();
    const ok = ctl.setConfig({ generator: { learningRate: 0.01 } });
    await expect(ctl.setConfig({ generator: { learningRate: -1 } })).rejects.toThrow();
    await ok;
    expect(ctl.config.generator.learningRate).toBe(0.01);
  });
});
