// The lab stays responsive whatever is asked of it: quick edits coalesce (only the latest value of a setting
// matters), and the play loop sizes its chunks of work by their measured time.
import { describe, expect, it } from 'vitest';
import type { GanConfig, PartialConfig } from '../../src/lab/model/config';
import { CHUNK_MS } from '../../src/lab/chunk-sizer';
import { fakeClockLab, FakeTrainer } from './view-fixtures';

/** A fake trainer that counts setConfig calls. */
class CountingTrainer extends FakeTrainer {
  edits = 0;
  setConfig(patch: PartialConfig) {
    this.edits++;
    return super.setConfig(patch);
  }
}

/** A fake trainer whose every D or G update takes `msPerUpdate` on the controller's clock. */
class SlowTrainer extends CountingTrainer {
  constructor(config: GanConfig, protected tick: (ms: number) => void, private msPerUpdate: number) {
    super(config);
  }
  stepD() {
    this.tick(this.msPerUpdate);
    super.stepD();
  }
  stepG() {
    this.tick(this.msPerUpdate);
    super.stepG();
  }
  iterate(n = 1) {
    this.tick(n * (this.config.dSteps + this.config.gSteps) * this.msPerUpdate);
    super.iterate(n);
  }
}

/**
 * A slow trainer whose reads cost time too, as on the heavy config (a measurement, 2,500 fresh samples through both
 * networks and G's gradient, costs several updates). `onUpdate` runs right after an update: the test acts there,
 * with that update in flight as far as the lab knows.
 */
class SlowReadsTrainer extends SlowTrainer {
  onUpdate?: () => void;
  constructor(config: GanConfig, tick: (ms: number) => void, msPerUpdate: number, private reads: { frameMs: number; measureMs: number }) {
    super(config, tick, msPerUpdate);
  }
  stepD() {
    super.stepD();
    this.onUpdate?.();
  }
  stepG() {
    super.stepG();
    this.onUpdate?.();
  }
  async frame() {
    this.tick(this.reads.frameMs);
    return super.frame();
  }
  /** Runs as a measurement starts, before its time is spent. */
  onMeasure?: () => void;
  async measure() {
    this.onMeasure?.();
    this.tick(this.reads.measureMs);
    return super.measure();
  }
}

function setup(opts: { speed?: number; config?: PartialConfig; msPerUpdate?: number; reads?: { frameMs: number; measureMs: number } } = {}) {
  const lab = fakeClockLab<CountingTrainer>(
    (c, spend) => (opts.reads ? new SlowReadsTrainer(c, spend, opts.msPerUpdate ?? 0, opts.reads) : opts.msPerUpdate ? new SlowTrainer(c, spend, opts.msPerUpdate) : new CountingTrainer(c)),
    { speed: opts.speed ?? 5, config: opts.config },
  );
  const flush = () => new Promise((r) => setTimeout(r, 0));
  const tick = async (ms = 16) => {
    lab.advance(ms);
    lab.runFrames();
    await flush();
    await flush();
  };
  return { ctl: lab.ctl, tick, flush, current: lab.current, now: lab.now };
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
    expect(current().calls.frame - frames0).toBe(0); // a rate changes nothing on screen: no redraw at all
    expect(effects.every((e) => JSON.stringify(e) === '["live"]')).toBe(true);
  });

  it('200 edits of a setting shown on screen reach the trainer as one, and are drawn once', async () => {
    const { ctl, current } = setup();
    const frames0 = current().calls.frame;
    const all: Promise<unknown>[] = [];
    for (let i = 1; i <= 200; i++) all.push(ctl.setConfig({ generator: { activation: i % 2 ? 'tanh' : 'relu' } }));
    await Promise.all(all);
    expect(ctl.config.generator.activation).toBe('relu');
    expect(current().edits).toBe(1);
    expect(current().calls.frame - frames0).toBe(1); // one redraw for the lot
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

/** The heavy but valid config of issue 13. */
const HEAVY: PartialConfig = { generator: { layers: 6, neurons: 128 }, discriminator: { layers: 6, neurons: 128 }, batchSize: 1024, dSteps: 10, gSteps: 10, minibatchStd: true };

describe('a heavy config', () => {
  it('trains in chunks of about CHUNK_MS: Pause and an edit wait for at most one update, never a whole tick of iterations', async () => {
    // 250 ms an update: one iteration (10 D + 10 G updates) takes 5 s; speed 10 would be 50 s of work a tick.
    const { ctl, tick, current, now } = setup({ config: HEAVY, speed: 10, msPerUpdate: 250 });
    ctl.play();
    for (let i = 0; i < 30; i++) await tick(0);
    const t = current();
    expect(t.calls.stepD + t.calls.stepG).toBeGreaterThanOrEqual(30);
    expect(t.calls.iterate).toBe(0); // never a whole iteration in one go
    expect(t.iteration).toBe(1); // 30 updates: one iteration done, the next begun
    // Pause: the lab stops after the update in flight.
    await tick(0);
    const atPause = now();
    ctl.pause();
    await tick(0);
    expect(ctl.status).toBe('paused');
    expect(now() - atPause).toBeLessThanOrEqual(250);
    // The counts on screen match the updates made, partial iteration included.
    expect([ctl.state.dSteps, ctl.state.gSteps]).toEqual([t.calls.stepD, t.calls.stepG]);
    // An edit while playing applies after at most one update.
    ctl.play();
    await tick(0);
    const atEdit = now();
    await ctl.setConfig({ generator: { learningRate: 0.002 } });
    expect(now() - atEdit).toBeLessThanOrEqual(250);
    ctl.pause();
  });

  it('says once that the config is slow', async () => {
    const { ctl, tick } = setup({ config: HEAVY, msPerUpdate: 250 });
    const notes: string[] = [];
    ctl.on('notice', (n) => notes.push(n.text));
    ctl.play();
    for (let i = 0; i < 10; i++) await tick(0);
    expect(notes.filter((n) => /slow/.test(n))).toHaveLength(1);
    expect(notes[0]).toMatch(/one iteration takes about 5\.0 s/);
    ctl.pause();
  });

  it('a light config still trains whole iterations, up to the speed, per tick', async () => {
    const { ctl, tick, current } = setup({ speed: 8, msPerUpdate: 1 });
    ctl.play();
    for (let i = 0; i < 5; i++) await tick(0);
    // 2 updates an iteration at 1 ms: CHUNK_MS / 2 iterations fit, capped at the speed
    expect(current().iteration).toBe(5 * Math.min(8, Math.floor(CHUNK_MS / 2)));
    expect(current().calls.stepD).toBe(current().iteration);
    ctl.pause();
  });
});

describe('a heavy config whose reads are slow too', () => {
  // 250 ms an update, a frame read as much, a measurement 1 s: what the heavy config costs on wasm on a loaded machine.
  const slow = () => setup({ config: HEAVY, speed: 10, msPerUpdate: 250, reads: { frameMs: 250, measureMs: 1000 } });
  const warm = async (tick: (ms?: number) => Promise<void>, n = 30) => {
    for (let i = 0; i < n; i++) await tick(0);
  };

  it('Pause during an update: paused after it and one frame read, without a measurement, and no update after', async () => {
    const { ctl, tick, current, now } = slow();
    ctl.play();
    await warm(tick);
    const t = current() as SlowReadsTrainer;
    const measures = t.calls.measure;
    let atPause = -1, pausedAt = -1, updatesAtPause = -1;
    ctl.on('state', (s) => {
      if (atPause >= 0 && pausedAt < 0 && s.status === 'paused') pausedAt = now();
    });
    t.onUpdate = () => {
      t.onUpdate = undefined;
      atPause = now();
      updatesAtPause = t.calls.stepD + t.calls.stepG;
      ctl.pause();
    };
    await warm(tick, 20);
    expect(ctl.status).toBe('paused');
    expect(pausedAt - atPause).toBe(250); // the frame of the state paused at; a measurement would add 1 s
    expect(t.calls.measure).toBe(measures);
    expect(t.calls.stepD + t.calls.stepG).toBe(updatesAtPause); // 20 animation frames later, nothing more
    expect([ctl.state.dSteps, ctl.state.gSteps]).toEqual([t.calls.stepD, t.calls.stepG]);
  });

  it('Pause during a measurement: paused at once (the frame shown is already of the final state); the metrics land after', async () => {
    const { ctl, tick, current, now } = slow();
    ctl.play();
    await warm(tick);
    const t = current() as SlowReadsTrainer;
    let atPause = -1, pausedAt = -1, updatesAtPause = -1, measures = -1;
    ctl.on('state', (s) => {
      if (atPause >= 0 && pausedAt < 0 && s.status === 'paused') pausedAt = now();
    });
    t.onMeasure = () => {
      t.onMeasure = undefined;
      atPause = now();
      updatesAtPause = t.calls.stepD + t.calls.stepG;
      measures = t.calls.measure;
      ctl.pause();
    };
    for (let i = 0; i < 100 && atPause < 0; i++) await tick(0);
    await warm(tick, 10);
    expect(atPause).toBeGreaterThanOrEqual(0);
    expect(pausedAt - atPause).toBe(0); // not the measurement's 1 s
    expect(ctl.status).toBe('paused');
    expect(t.calls.measure).toBe(measures + 1); // it still landed
    expect(ctl.history.length).toBe(t.calls.measure);
    expect(t.calls.stepD + t.calls.stepG).toBe(updatesAtPause);
  });

  it('an edit while playing waits for the update in flight only, and draws without measuring', async () => {
    const { ctl, tick, current, now } = slow();
    ctl.play();
    await warm(tick);
    const t = current() as SlowReadsTrainer;
    const measures = t.calls.measure, frames = t.calls.frame;
    let asked = -1, applied = -1;
    t.onUpdate = () => {
      t.onUpdate = undefined;
      asked = now();
      void ctl.setConfig({ generator: { activation: 'tanh' } }).then(() => (applied = now()));
    };
    for (let i = 0; i < 20 && applied < 0; i++) await tick(0);
    expect(ctl.config.generator.activation).toBe('tanh');
    expect(applied - asked).toBe(250); // one frame read: the tick read nothing, the edit did not measure
    expect(t.calls.frame - frames).toBe(1);
    expect(t.calls.measure).toBe(measures);
    ctl.pause();
  });

  it('reads take a bounded share of the time: most of it trains', async () => {
    const { ctl, tick, current, now } = slow();
    ctl.play();
    const t0 = now();
    await warm(tick, 300);
    const t = current();
    const total = now() - t0;
    const measuring = t.calls.measure * 1000, framing = t.calls.frame * 250, training = (t.calls.stepD + t.calls.stepG) * 250;
    expect(t.calls.measure).toBeGreaterThanOrEqual(2); // the charts still move
    expect(measuring / total).toBeLessThanOrEqual(0.25);
    expect(framing / total).toBeLessThanOrEqual(0.4);
    expect(training / total).toBeGreaterThanOrEqual(0.4);
    ctl.pause();
  });

  it('a cheap measurement is still taken at once after Pause, as before', async () => {
    const { ctl, tick, current } = setup({ config: HEAVY, speed: 10, msPerUpdate: 250, reads: { frameMs: 5, measureMs: 10 } });
    ctl.play();
    await warm(tick);
    const t = current() as SlowReadsTrainer;
    const measures = t.calls.measure;
    t.onUpdate = () => {
      t.onUpdate = undefined;
      ctl.pause();
    };
    await warm(tick, 5);
    expect(ctl.status).toBe('paused');
    expect(t.calls.measure).toBe(measures + 1);
  });
});
