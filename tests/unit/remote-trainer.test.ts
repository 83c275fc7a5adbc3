// The trainer worker's protocol, driven in-process: the page-side proxy (remote-trainer.ts) talks to the
// worker's handler (worker-handler.ts) through a fake Worker that copies every message, as postMessage does.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { LabController } from '../../src/lab/controller';
import { initNodeBackend } from '../../src/lab/model/backend-node';
import { ConfigError, parseConfig, type PartialConfig } from '../../src/lab/model/config';
import { Trainer } from '../../src/lab/model/trainer';
import type { Reply, Request } from '../../src/lab/remote/protocol';
import { TrainerHost } from '../../src/lab/remote/remote-trainer';
import { requestHandler } from '../../src/lab/remote/worker-handler';

beforeAll(() => initNodeBackend('cpu'));

class FakeWorker {
  onmessage: ((e: MessageEvent<Reply>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  posted: Request[] = [];
  /** Called with each reply just before the page sees it. */
  beforeReply: ((r: Reply) => void) | null = null;
  private handle = requestHandler((r) =>
    setTimeout(() => {
      this.beforeReply?.(r);
      this.onmessage?.({ data: structuredClone(r) } as MessageEvent<Reply>);
    }, 0),
  );
  postMessage(msg: Request) {
    this.posted.push(msg);
    const copy = structuredClone(msg);
    setTimeout(() => this.handle(copy), 0);
  }
  terminate() {}
}

async function host() {
  const worker = new FakeWorker();
  const h = new TrainerHost(worker as unknown as Worker, 'cpu', '/tfjs/');
  expect(await h.ready).toEqual({ backend: 'cpu', note: null });
  return { h, worker };
}

const cfg: PartialConfig = { distribution: 'ring8', batchSize: 32, seed: 3, generator: { layers: 1, neurons: 8 }, discriminator: { layers: 1, neurons: 8 } };

describe('trainer in a worker', () => {
  it('trains exactly as the in-page trainer, and mirrors its state after each call', async () => {
    const { h } = await host();
    const remote = h.createTrainer(new Trainer(cfg).config);
    const local = new Trainer(cfg);
    // Calls are queued in order; awaiting the last one is enough.
    void remote.iterate(25);
    void remote.stepD();
    await remote.stepG();
    local.iterate(25);
    local.stepD();
    local.stepG();
    expect(remote.iteration).toBe(25);
    const [rf, lf] = [await remote.frame(), await local.frame()];
    expect(Array.from(rf!.fake)).toEqual(Array.from(lf!.fake));
    expect(Array.from(rf!.heatmap.values)).toEqual(Array.from(lf!.heatmap.values));
    expect(rf!.dLoss).toBe(lf!.dLoss);

    await remote.measure();
    await local.measure();
    expect(remote.history).toEqual(local.history);
    // A second measure at the same iteration replaces the last entry: the mirror must follow.
    await remote.iterate(3);
    await remote.measure();
    await remote.measure();
    expect(remote.history.map((m) => m.iteration)).toEqual([25, 28]);

    const snap = await remote.snapshot();
    const fresh = h.createTrainer(remote.config);
    await fresh.restore(snap);
    expect(fresh.iteration).toBe(28);
    expect(fresh.history).toHaveLength(2);
    expect(await fresh.snapshot()).toEqual(snap);
    [remote, fresh, local].forEach((t) => t.dispose());
  });

  it('counts an iteration of manual steps in the worker, and reports the tensors that dispose releases', async () => {
    const { h } = await host();
    const before = await h.numTensors();
    const remote = h.createTrainer(parseConfig(cfg));
    await remote.stepD();
    await remote.stepG();
    expect(remote.iteration).toBe(0);
    await remote.endIteration();
    expect(remote.iteration).toBe(1); // mirrored from the worker's trainer
    expect((await remote.snapshot()).iteration).toBe(1);
    expect(await h.numTensors()).toBeGreaterThan(before);
    remote.dispose();
    expect(await h.numTensors()).toBe(before);
  });

  it('refuses a bad patch with the same ConfigError, and reports live changes', async () => {
    const { h, worker } = await host();
    const remote = h.createTrainer(new Trainer(cfg).config);
    const before = worker.posted.length;
    await expect(remote.setConfig({ generator: { neurons: 0 } })).rejects.toBeInstanceOf(ConfigError);
    expect(worker.posted.length).toBe(before); // refused in the page, before any message
    expect(await remote.setConfig({ discriminator: { learningRate: 0.01 } })).toEqual(['live']);
    expect(remote.config.discriminator.learningRate).toBe(0.01);
    expect(await remote.setConfig({ generator: { neurons: 12 } })).toEqual(['rebuild-g']);
    remote.dispose();
  });

  it('reports divergence and restores the last good state', async () => {
    const { h } = await host();
    const sgd = { optimizer: 'sgd', learningRate: 10 } as const;
    const remote = h.createTrainer(new Trainer({ ...cfg, loss: 'leastSquares', generator: sgd, discriminator: sgd }).config);
    await remote.frame(); // keeps a good state
    let frames = 0;
    for (let i = 0; i < 40 && remote.status === 'ok'; i++) {
      await remote.iterate(20);
      if (await remote.frame()) frames++;
    }
    expect(remote.status).toBe('diverged');
    expect(remote.divergence?.hint).toMatch(/learning rate/);
    expect(await remote.restoreLastGood()).toBe(true);
    expect(remote.status).toBe('ok');
    expect(remote.iteration).toBeLessThanOrEqual(frames * 20);
    remote.dispose();
  });

  it('drives a LabController: exact step counts, play and pause', async () => {
    const { h } = await host();
    const frames: (() => void)[] = [];
    // A still clock: every tick waits for an animation frame, which the test hands out.
    const ctl = new LabController({ createTrainer: (c) => h.createTrainer(c), requestFrame: (cb) => frames.push(cb), now: () => 0 }, { speed: 4, config: cfg });
    await ctl.step('d');
    await ctl.step('g');
    await ctl.step('both');
    expect(ctl.state).toMatchObject({ iteration: 1, dSteps: 2, gSteps: 2 });
    // Playing, each tick posts the next chunk to the worker ahead of time, so the worker trains while the page
    // draws; any other operation (here redraw) first waits for that chunk and counts it.
    ctl.play();
    for (let i = 0; i < 3; i++) {
      frames.splice(0).forEach((cb) => cb());
      await ctl.redraw();
    }
    expect(ctl.state.iteration).toBe(1 + 3 * 2 * 4);
    // Pausing while a chunk is in flight: 'paused' is reported only once it has landed and been counted.
    frames.splice(0).forEach((cb) => cb());
    // Wait until the tick has posted its chunk (a fixed sleep lost this race on a loaded machine).
    await vi.waitFor(() => expect((ctl as unknown as { loop: { hasAhead: boolean } }).loop.hasAhead).toBe(true));
    ctl.pause();
    expect(ctl.status).toBe('playing');
    await vi.waitFor(() => expect(ctl.status).toBe('paused'));
    const s = ctl.state;
    expect(s.iteration).toBe(1 + 4 * 2 * 4);
    expect([s.dSteps, s.gSteps]).toEqual([s.iteration + 1, s.iteration + 1]);
    expect((await ctl.snapshot()).iteration).toBe(s.iteration);
    ctl.dispose();
  });

  it('with a chunk in flight, runs the next tick without waiting for an animation frame, and still pauses cleanly', async () => {
    const { h, worker } = await host();
    const frames: (() => void)[] = [];
    let clock = 0;
    const ctl = new LabController({ createTrainer: (c) => h.createTrainer(c), requestFrame: (cb) => frames.push(cb), now: () => (clock += 20) }, { speed: 3, config: cfg });
    await ctl.redraw();
    let shown = 0;
    ctl.on('frame', () => shown++);
    ctl.play();
    frames.splice(0).forEach((cb) => cb()); // one animation frame only
    await vi.waitFor(() => expect(shown).toBeGreaterThanOrEqual(4));
    expect(frames.length).toBe(0); // the ticks after the first did not wait for one
    // Pause just as a chunk the tick is waiting for lands: the tick then only shows it, and must still say 'paused'.
    const sent = worker.posted.filter((m) => m.type === 'call' && m.method === 'iterate').map((m) => m.id);
    worker.beforeReply = (r) => {
      if (r.id === sent[sent.length - 1]) ctl.pause();
    };
    // What the page shows is the last emitted state (the lab root's data-status), not the live getter.
    let shownState = ctl.state;
    ctl.on('state', (st) => (shownState = st));
    await vi.waitFor(() => expect(shownState.status).toBe('paused'));
    const s = shownState;
    expect(s.iteration % 3).toBe(0);
    expect((await ctl.snapshot()).iteration).toBe(s.iteration);
    ctl.dispose();
  });
});
