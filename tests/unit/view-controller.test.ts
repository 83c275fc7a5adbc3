import { describe, expect, it } from 'vitest';
import { LabController, type LabState } from '../../src/lab/controller';
import { parseConfig, type GanConfig } from '../../src/lab/model/config';
import { FakeTrainer } from './view-fixtures';

/** A controller over fake trainers with a hand-cranked animation frame and timers. */
function setup(opts: { speed?: number; config?: Partial<GanConfig> } = {}) {
  const trainers: FakeTrainer[] = [];
  const frames: (() => void)[] = [];
  const timers: (() => void)[] = [];
  let clock = 0;
  const ctl = new LabController(
    {
      createTrainer: (c) => {
        const t = new FakeTrainer(c);
        trainers.push(t);
        return t;
      },
      requestFrame: (cb) => frames.push(cb),
      now: () => clock,
      setTimer: (cb) => timers.push(cb),
      clearTimer: () => timers.splice(0),
      switchBackend: async (n) => ({ backend: n === 'auto' ? 'wasm' : n, renderer: null, reason: 'test' }),
    },
    { speed: opts.speed ?? 5, config: opts.config, backend: { backend: 'wasm', renderer: null, reason: 'start' } },
  );
  const states: LabState[] = [];
  ctl.on('state', (s) => states.push(s));
  const flush = () => new Promise((r) => setTimeout(r, 0));
  /** Runs one animation frame and waits for its work. */
  const tick = async (ms = 16) => {
    clock += ms;
    const f = frames.splice(0);
    f.forEach((cb) => cb());
    await flush();
    await flush();
  };
  return { ctl, trainers, frames, timers, states, tick, flush, current: () => trainers[trainers.length - 1] };
}

describe('LabController', () => {
  it('plays many iterations per animation frame, one frame read each', async () => {
    const { ctl, tick, current } = setup({ speed: 7 });
    let frames = 0;
    ctl.on('frame', () => frames++);
    ctl.play();
    expect(ctl.status).toBe('playing');
    await tick();
    await tick();
    await tick();
    expect(current().iteration).toBe(21);
    expect(current().calls.frame).toBe(3);
    expect(frames).toBe(3);
    ctl.pause();
    await tick();
    expect(current().iteration).toBe(21);
    expect(ctl.status).toBe('paused');
  });

  it('measures a few times a second, not every frame', async () => {
    const { ctl, tick, current } = setup();
    ctl.play();
    for (let i = 0; i < 60; i++) await tick(16); // ~1 s
    const m = current().calls.measure;
    expect(m).toBeGreaterThanOrEqual(2);
    expect(m).toBeLessThanOrEqual(4);
  });

  it('steps D, G or both by exactly the right counts', async () => {
    const { ctl, current } = setup({ config: { dSteps: 2, gSteps: 1 } });
    await ctl.step('d');
    expect(ctl.state).toMatchObject({ iteration: 0, dSteps: 1, gSteps: 0 });
    await ctl.step('g');
    expect(ctl.state).toMatchObject({ iteration: 0, dSteps: 1, gSteps: 1 });
    await ctl.step('both');
    expect(ctl.state).toMatchObject({ iteration: 1, dSteps: 3, gSteps: 2 });
    expect(current().calls).toMatchObject({ stepD: 3, stepG: 2 });
  });

  it('stepping while playing pauses first', async () => {
    const { ctl, tick } = setup();
    ctl.play();
    await tick();
    await ctl.step('both');
    expect(ctl.status).toBe('paused');
  });

  it('pauses while off screen or in a hidden tab, and resumes', async () => {
    const { ctl, tick, current } = setup({ speed: 1 });
    ctl.play();
    await tick();
    ctl.setVisible(false);
    expect(ctl.state.held).toBe(true);
    expect(ctl.status).toBe('paused');
    await tick();
    await tick();
    expect(current().iteration).toBe(1);
    ctl.setVisible(true);
    await tick();
    expect(current().iteration).toBe(2);
  });

  it('pauses itself on divergence and restores the last good state', async () => {
    const { ctl, tick, current } = setup({ speed: 1 });
    const diverged: unknown[] = [];
    ctl.on('diverged', (d) => diverged.push(d));
    current().divergeAt = 3;
    ctl.play();
    for (let i = 0; i < 6; i++) await tick();
    expect(ctl.status).toBe('diverged');
    expect(diverged).toHaveLength(1);
    ctl.play(); // refused while diverged
    expect(ctl.status).toBe('diverged');
    expect(await ctl.restoreLastGood()).toBe(true);
    expect(ctl.status).toBe('paused');
  });

  it('applies live edits and validates them with the schema', async () => {
    const { ctl, trainers } = setup();
    const effects = await ctl.setConfig({ generator: { learningRate: 0.02 } });
    expect(effects).toEqual(['live']);
    expect(ctl.config.generator.learningRate).toBe(0.02);
    expect(await ctl.setConfig({ generator: { layers: 3 } })).toEqual(['rebuild-g']);
    await expect(ctl.setConfig({ generator: { neurons: 0 } })).rejects.toThrow(/neurons/);
    await expect(ctl.setConfig({ bogus: 1 })).rejects.toThrow(/unknown key/);
    expect(trainers).toHaveLength(1); // live changes keep the trainer
  });

  it('loadConfig and reset start over; loadSnapshot restores', async () => {
    const { ctl, trainers, current } = setup();
    await ctl.step('both');
    await ctl.loadConfig({ distribution: 'ring', seed: 4 });
    expect(trainers).toHaveLength(2);
    expect(trainers[0].calls.disposed).toBe(1);
    expect(ctl.config).toMatchObject({ distribution: 'ring', seed: 4 });
    expect(ctl.iteration).toBe(0);
    await ctl.step('both');
    const snap = await ctl.snapshot();
    await ctl.reset();
    expect(ctl.iteration).toBe(0);
    expect(ctl.config.distribution).toBe('ring'); // reset keeps the reader's settings
    await ctl.loadSnapshot(snap);
    expect(ctl.iteration).toBe(1);
    expect(current().config.distribution).toBe('ring');
    await expect(ctl.loadConfig({ loss: 'nope' })).rejects.toThrow();
  });

  it('two snapshots at the same iteration are two states: each load is reported (issue 12)', async () => {
    const { ctl, states } = setup({ config: { seed: 1 } });
    await ctl.step('both');
    const a = await ctl.snapshot();
    await ctl.loadConfig({ seed: 2 });
    await ctl.step('both');
    const b = await ctl.snapshot();
    expect([a.iteration, b.iteration]).toEqual([1, 1]);
    await ctl.loadSnapshot(a);
    const runA = ctl.state.run;
    expect(states[states.length - 1].config.seed).toBe(1);
    await ctl.loadSnapshot(b);
    // same iteration, same update counts: only the run tells them apart, and the views hear of the change
    expect(ctl.state.run).not.toBe(runA);
    expect(states[states.length - 1].config.seed).toBe(2);
    expect(states[states.length - 1].run).toBe(ctl.state.run);
  });

  it('saves and loads a file, refusing bad ones with a message', async () => {
    const { ctl } = setup();
    await ctl.step('both');
    await ctl.step('both');
    const file = await ctl.save();
    expect(file.format).toBe('gan-lab');
    await ctl.reset();
    await ctl.loadSaveText(JSON.stringify(file));
    expect(ctl.iteration).toBe(2);
    await expect(ctl.loadSaveText('not json')).rejects.toThrow(/not JSON/);
    await expect(ctl.loadSaveText('{"hello":1}')).rejects.toThrow(/not a saved lab/);
    const bad = structuredClone(file);
    (bad.snapshot.config as unknown as Record<string, unknown>).loss = '<script>';
    await expect(ctl.loadSaveText(JSON.stringify(bad))).rejects.toThrow(/loss/);
    expect(ctl.iteration).toBe(2); // a refused file changes nothing
  });

  it('slow motion narrates sub-steps and makes one iteration', async () => {
    const { ctl, current } = setup({ config: { dSteps: 1, gSteps: 1 } });
    const seen: (number | null)[] = [];
    const lit: unknown[] = [];
    ctl.on('slowmotion', (s) => seen.push(s.index));
    ctl.on('highlight', (h) => lit.push(h));
    ctl.startSlowMotion();
    expect(ctl.slowMotion).toBe(true);
    for (let i = 0; i < 13; i++) await ctl.nextSubStep();
    expect(current().calls).toMatchObject({ stepD: 1, stepG: 1 });
    expect(ctl.iteration).toBe(1);
    // the plan has 13 sub-steps: the first shown on start, then one per nextSubStep, wrapping back to the first
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0]);
    expect(lit).toHaveLength(14);
    ctl.stopSlowMotion();
    expect(ctl.slowMotion).toBe(false);
    expect(lit[lit.length - 1]).toBe(null);
  });

  it('slow motion auto-advances on a timer while playing', async () => {
    const { ctl, timers, flush } = setup();
    ctl.play();
    ctl.startSlowMotion();
    expect(ctl.status).toBe('playing');
    expect(timers).toHaveLength(1);
    timers.shift()!();
    await flush();
    expect(ctl.state.slowStep).toBe(1);
    ctl.pause();
    expect(timers).toHaveLength(0);
  });

  it('forwards layers and highlight requests to the views', () => {
    const { ctl } = setup();
    const got: unknown[] = [];
    ctl.on('layers', (l) => got.push(l));
    ctl.on('highlight', (h) => got.push(h));
    ctl.setLayers({ heatmap: false });
    ctl.highlight('generator');
    expect(got).toEqual([{ heatmap: false }, 'generator']);
  });

  it('switches backend carrying the run over', async () => {
    const { ctl, trainers } = setup();
    await ctl.step('both');
    const info = await ctl.setBackend('cpu');
    expect(info?.backend).toBe('cpu');
    expect(ctl.state.backend?.backend).toBe('cpu');
    expect(trainers).toHaveLength(2);
    expect(ctl.iteration).toBe(1);
  });

  it('counts a slow-motion iteration through endIteration, with dSteps D and gSteps G updates', async () => {
    const { ctl, current } = setup({ config: { dSteps: 2, gSteps: 3 } });
    ctl.startSlowMotion();
    const ends: number[] = [];
    const t = current();
    const end = t.endIteration.bind(t);
    t.endIteration = () => {
      ends.push(t.iteration);
      end();
    };
    for (let i = 0; i < 13; i++) await ctl.nextSubStep();
    expect(ends).toEqual([0]); // once, after G's turn
    expect(ctl.state).toMatchObject({ iteration: 1, dSteps: 2, gSteps: 3 });
    expect(t.calls).toMatchObject({ stepD: 2, stepG: 3 });
  });

  it('keeps the run on the old backend when the new one cannot make a trainer', async () => {
    const trainers: FakeTrainer[] = [];
    const settled: string[] = [];
    let failNext = false;
    const ctl = new LabController(
      {
        createTrainer: (c) => {
          if (failNext) throw new Error('no WebGL context for you');
          const t = new FakeTrainer(c);
          trainers.push(t);
          return t;
        },
        requestFrame: () => 0,
        switchBackend: async (n) => {
          failNext = n === 'webgl';
          return { backend: n === 'auto' ? 'wasm' : n, renderer: null, reason: 'test' };
        },
        settleBackend: (o) => settled.push(o),
      },
      { backend: { backend: 'wasm', renderer: null, reason: 'start' } },
    );
    const notices: string[] = [];
    ctl.on('notice', (n) => notices.push(n.text));
    await ctl.step('both');
    await ctl.step('both');
    await expect(ctl.setBackend('webgl')).rejects.toThrow(/Could not switch to webgl: no WebGL context for you\. The run continues on wasm/);
    expect(notices).toEqual([expect.stringMatching(/Could not switch to webgl.*continues on wasm/)]);
    expect(settled).toEqual(['revert']);
    expect(trainers).toHaveLength(1);
    expect(trainers[0].calls.disposed).toBe(0); // the old trainer was never let go
    expect(ctl.state).toMatchObject({ iteration: 2, dSteps: 2, gSteps: 2, backend: { backend: 'wasm' } });
    await ctl.step('both'); // and it still trains
    expect(ctl.iteration).toBe(3);
    ctl.dispose();
  });

  it('keeps the run when restoring into the new backend fails, and disposes the half-built trainer', async () => {
    const { ctl, trainers } = setup();
    await ctl.step('both');
    const restore = FakeTrainer.prototype.restore;
    FakeTrainer.prototype.restore = () => {
      throw new Error('restore failed');
    };
    try {
      await expect(ctl.setBackend('cpu')).rejects.toThrow(/restore failed/);
    } finally {
      FakeTrainer.prototype.restore = restore;
    }
    expect(trainers).toHaveLength(2);
    expect(trainers[1].calls.disposed).toBe(1);
    expect(trainers[0].calls.disposed).toBe(0);
    expect(ctl.state.backend?.backend).toBe('wasm');
    expect(ctl.iteration).toBe(1);
    await ctl.step('both');
    expect(trainers[0].iteration).toBe(2); // still training on the first trainer
  });

  it('disposes the trainer once the work in flight has settled, and cancels the frame it asked for', async () => {
    const asked: number[] = [];
    const cancelled: unknown[] = [];
    let t!: FakeTrainer;
    const ctl = new LabController({
      createTrainer: (c) => (t = new FakeTrainer(c)),
      requestFrame: () => asked.push(asked.length) - 1,
      cancelFrame: (id) => cancelled.push(id),
    });
    ctl.play();
    expect(asked).toEqual([0]);
    const disposed = ctl.dispose();
    expect(cancelled).toEqual([0]);
    await disposed;
    expect(t.calls.disposed).toBe(1);
    ctl.play(); // refused
    expect(ctl.status).toBe('paused');
    expect(asked).toHaveLength(1);
  });

  it('emits state with the iteration for the data-* attributes', async () => {
    const { ctl, states } = setup();
    await ctl.step('both');
    expect(states[states.length - 1]).toMatchObject({ iteration: 1, status: 'paused' });
  });
});
