// Pause on a heavy config whose trainer runs in a worker (issue 13): an update there cannot be cut short, so the
// lab rewinds the run to the frame on screen rather than wait for it (play-loop.ts). A fake clock; a fake trainer
// that answers like a worker's. remote-trainer.test.ts drives the same with the real worker protocol and trainer.
import { describe, expect, it } from 'vitest';
import { LabController } from '../../src/lab/controller';
import { applyPatch, changesNothingShown, DEFAULT_CONFIG, type GanConfig, type PartialConfig } from '../../src/lab/model/config';
import { fakeClockLab, FakeTrainer } from './view-fixtures';

/** The heavy but valid config of issue 13. */
const HEAVY: PartialConfig = { generator: { layers: 6, neurons: 128 }, discriminator: { layers: 6, neurons: 128 }, batchSize: 1024, dSteps: 10, gSteps: 10, minibatchStd: true };

/**
 * The heavy trainer as it runs in a worker: every call answers later, in the order sent, and the test can hold an
 * update in flight (a wasm update cannot be cut short). Frames asked with `mark` keep the state read; rewind() takes
 * it back at once on the page's side and in the "worker" after the calls before it, as remote-trainer.ts does.
 */
class WorkerLikeTrainer extends FakeTrainer {
  readonly remote = true;
  markToken: number | null = null;
  private marks = 0;
  private mark: { iteration: number; d: number; g: number } | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  /** The next update waits for `release()` before it ends. */
  holdNext = false;
  held: { release: () => void } | null = null;

  constructor(config: GanConfig, private spend: (ms: number) => void, private costs: { update: number; frame: number; measure: number }) {
    super(config);
  }

  private serial<T>(fn: () => T | Promise<T>): Promise<T> {
    const r = this.chain.then(fn);
    this.chain = r.catch(() => undefined);
    return r;
  }
  private update(apply: () => void): Promise<void> {
    let gate: Promise<void> | null = null;
    if (this.holdNext) {
      this.holdNext = false;
      gate = new Promise<void>((r) => (this.held = { release: r }));
    }
    return this.serial(async () => {
      if (gate) await gate;
      apply();
    });
  }
  stepD() {
    return this.update(() => {
      this.spend(this.costs.update);
      super.stepD();
    });
  }
  stepG() {
    return this.update(() => {
      this.spend(this.costs.update);
      super.stepG();
    });
  }
  measure() {
    return this.serial(() => {
      this.spend(this.costs.measure);
      return super.measure();
    });
  }
  endIteration() {
    return this.serial(() => super.endIteration());
  }
  // @ts-expect-error a worker's setConfig answers later, as remote-trainer.ts's does; a rate or a step count is taken
  // on the page at once and keeps the mark (changesNothingShown)
  setConfig(patch: PartialConfig) {
    const r = applyPatch(this.config, patch);
    if (r.ok && changesNothingShown(this.config, r.config)) {
      const effects = super.setConfig(patch);
      void this.serial(() => undefined);
      return Promise.resolve(effects);
    }
    return this.serial(() => {
      this.mark = this.markToken = null;
      return super.setConfig(patch);
    });
  }
  async frame(opts?: { mark?: boolean }) {
    const f = await this.serial(() => {
      this.spend(this.costs.frame);
      return super.frame();
    });
    this.mark = opts?.mark ? { iteration: this.iteration, d: this.calls.stepD, g: this.calls.stepG } : null;
    this.markToken = this.mark ? ++this.marks : null;
    return f;
  }
  rewind() {
    const m = this.mark;
    if (!m) return Promise.resolve(false);
    this.iteration = m.iteration; // the page's side, at once
    return this.serial(() => {
      Object.assign(this.calls, { stepD: m.d, stepG: m.g });
      this.iteration = m.iteration;
      return true;
    });
  }
}

describe('a heavy config in a worker', () => {
  function workerLike() {
    const lab = fakeClockLab((c, spend) => new WorkerLikeTrainer(c, spend, { update: 250, frame: 250, measure: 1000 }), { speed: 10, config: HEAVY });
    const ctl = lab.ctl;
    const flush = () => new Promise((r) => setTimeout(r, 0));
    const tick = async () => {
      lab.runFrames();
      for (let i = 0; i < 4; i++) await flush();
    };
    let onScreen = { iteration: -1, d: -1, g: -1 }, drawn = 0;
    ctl.on('frame', (f) => {
      drawn++;
      onScreen = { iteration: f.iteration, d: ctl.state.dSteps, g: ctl.state.gSteps };
    });
    const shown = () => ({ iteration: ctl.state.iteration, d: ctl.state.dSteps, g: ctl.state.gSteps });
    return { ctl, tick, flush, t: lab.current, now: lab.now, onScreen: () => onScreen, drawn: () => drawn, shown };
  }

  /** Plays until an update is held in flight past the frame on screen. */
  async function holdAnUpdate(w: ReturnType<typeof workerLike>) {
    w.ctl.play();
    for (let i = 0; i < 40; i++) await w.tick();
    const t = w.t();
    const frames = w.drawn();
    for (let i = 0; i < 200 && w.drawn() === frames; i++) await w.tick(); // just past a frame: updates since it count
    t.holdNext = true;
    for (let i = 0; i < 50 && !t.held; i++) await w.tick();
    expect(t.held).not.toBeNull();
    return t;
  }

  it('Pause during an update: paused at once, showing the frame on screen; the update ends in the worker and is undone', async () => {
    const w = workerLike();
    const t = await holdAnUpdate(w);
    const screen = w.onScreen(), drawn = w.drawn(), at = w.now();
    let pausedAt = -1;
    w.ctl.on('state', (s) => {
      if (s.status === 'paused' && pausedAt < 0) pausedAt = w.now();
    });
    w.ctl.pause();
    await w.flush();
    expect(w.ctl.status).toBe('paused');
    expect(pausedAt - at).toBe(0); // not the update's 250 ms and a frame's 250 ms
    expect(w.shown()).toEqual(screen);
    t.held!.release();
    for (let i = 0; i < 5; i++) await w.tick();
    expect([t.iteration, t.calls.stepD, t.calls.stepG]).toEqual([screen.iteration, screen.d, screen.g]);
    expect(w.shown()).toEqual(screen);
    expect(w.drawn()).toBe(drawn); // nothing on screen changed
    // Played on, it trains from there as if never paused: every count the page shows is the worker's.
    w.ctl.play();
    for (let i = 0; i < 60; i++) await w.tick();
    w.ctl.pause();
    for (let i = 0; i < 5; i++) await w.tick();
    expect(w.ctl.status).toBe('paused');
    expect(t.calls.stepD).toBeGreaterThan(screen.d + 5);
    expect([t.iteration, t.calls.stepD, t.calls.stepG]).toEqual([w.ctl.state.iteration, w.ctl.state.dSteps, w.ctl.state.gSteps]);
    expect(t.iteration).toBe(Math.floor(t.calls.stepG / 10)); // 10 D then 10 G updates an iteration, in order
    expect(t.calls.stepD).toBe(t.calls.stepG % 10 > 0 ? 10 * t.iteration + 10 : t.calls.stepD);
  });

  it('a rate edited right after Pause acts at once: no wait for the discarded update, no frame read; the mark stays', async () => {
    const w = workerLike();
    const t = await holdAnUpdate(w);
    w.ctl.pause();
    const asked = w.now(), drawn = w.drawn(), token = t.markToken;
    let applied = -1;
    void w.ctl.setConfig({ generator: { learningRate: 0.002 }, dSteps: 9 }).then(() => (applied = w.now()));
    for (let i = 0; i < 4; i++) await w.flush();
    expect(applied - asked).toBe(0); // the update in flight (250 ms) is still held
    expect(w.ctl.config.generator.learningRate).toBe(0.002);
    expect(w.ctl.status).toBe('paused');
    t.held!.release();
    for (let i = 0; i < 10; i++) await w.tick();
    expect(w.drawn()).toBe(drawn); // nothing on screen changed, so nothing was read
    expect(t.markToken).toBe(token);
  });

  it('an edit that changes the picture, right after Pause, waits for the discarded update and its own frame only', async () => {
    const w = workerLike();
    const t = await holdAnUpdate(w);
    w.ctl.pause();
    const asked = w.now();
    let applied = -1;
    void w.ctl.setConfig({ generator: { activation: 'tanh' } }).then(() => (applied = w.now()));
    await w.flush();
    expect(w.ctl.status).toBe('paused');
    t.held!.release();
    for (let i = 0; i < 10 && applied < 0; i++) await w.tick();
    expect(w.ctl.config.generator.activation).toBe('tanh');
    expect(applied - asked).toBe(500); // the update's 250 ms in the worker, then the edit's frame: no frame for Pause
  });

  it('frames are marked only while the loop trains single updates: a light config pays nothing', async () => {
    const w = workerLike();
    await holdAnUpdate(w);
    expect(w.t().markToken).not.toBeNull();
    w.t().held!.release();
    const light = new WorkerLikeTrainer(DEFAULT_CONFIG, () => undefined, { update: 0, frame: 0, measure: 0 });
    let asked: unknown = 'none';
    light.frame = async (opts?: { mark?: boolean }) => {
      asked = opts?.mark;
      return null;
    };
    const ctl = new LabController({ createTrainer: () => light, requestFrame: () => 0, now: () => 0 }, { backend: { backend: 'wasm', renderer: null, reason: 'start' } });
    await ctl.redraw();
    expect(asked).toBeUndefined();
  });
});
