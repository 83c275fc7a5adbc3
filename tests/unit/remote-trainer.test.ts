// The trainer worker's protocol, driven in-process: the page-side proxy (remote-trainer.ts) talks to the
// worker's handler (worker-handler.ts) through a fake Worker that copies every message, as postMessage does.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { LabController } from '../../src/lab/controller';
import { initNodeBackend } from '../../src/lab/model/backend-node';
import { isHeavy } from '../../src/lab/chunk-sizer';
import { ConfigError, parseConfig, type GanConfig, type PartialConfig } from '../../src/lab/model/config';
import { Trainer } from '../../src/lab/model/trainer';
import type { Reply, Request, WorkerEvent } from '../../src/lab/remote/protocol';
import { TrainerHost } from '../../src/lab/remote/remote-trainer';
import { requestHandler, useWebGL } from '../../src/lab/remote/worker-handler';

beforeAll(() => initNodeBackend('cpu'));

class FakeWorker {
  onmessage: ((e: MessageEvent<Reply | WorkerEvent>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  posted: Request[] = [];
  /** Called with each reply just before the page sees it. */
  beforeReply: ((r: Reply) => void) | null = null;
  /** No more replies (events still pass): calls waiting on a lost WebGL context never land. */
  mute = false;
  private handle = requestHandler((r) =>
    setTimeout(() => {
      if (this.mute && !('event' in r)) return;
      if (!('event' in r)) this.beforeReply?.(r);
      this.onmessage?.({ data: structuredClone(r) } as MessageEvent<Reply | WorkerEvent>);
    }, 0),
  );
  /** Mutes the worker from the first message this holds for (that message's reply included). */
  muteFrom: ((m: Request) => boolean) | null = null;
  /** The first message this holds for, and every one after it, waits until release(): an update still running. */
  holdFrom: ((m: Request) => boolean) | null = null;
  held: Request[] | null = null;
  postMessage(msg: Request) {
    this.posted.push(msg);
    if (this.muteFrom?.(msg)) this.mute = true;
    const copy = structuredClone(msg);
    if (!this.held && this.holdFrom?.(msg)) {
      this.holdFrom = null;
      this.held = [];
    }
    if (this.held) this.held.push(copy);
    else setTimeout(() => this.handle(copy), 0);
  }
  release() {
    const held = this.held ?? [];
    this.held = null;
    for (const m of held) setTimeout(() => this.handle(m), 0);
  }
  terminate() {}
}

async function host() {
  const worker = new FakeWorker();
  const h = new TrainerHost(worker as unknown as Worker, 'cpu', '/tfjs/');
  expect(await h.ready).toEqual({ backend: 'cpu', note: null });
  return { h, worker };
}

/** A trainer in the page that made `d` D and `g` G updates in the play loop's order (D's turn, G's turn, counted). */
function replayed(config: PartialConfig, d: number, g: number): Trainer {
  const t = new Trainer(config);
  const c: GanConfig = t.config;
  let dn = 0, gn = 0;
  while (dn < d || gn < g) {
    for (let k = 0; k < c.dSteps && dn < d; k++, dn++) t.stepD();
    let k = 0;
    for (; k < c.gSteps && gn < g; k++, gn++) t.stepG();
    if (k === c.gSteps) t.endIteration();
  }
  return t;
}

/** Carries a trainer that made `dn` D and `gn` G updates (in the play loop's order) on to `d` and `g`. */
function replayOn(t: Trainer, dn: number, gn: number, d: number, g: number): Trainer {
  const c = t.config;
  while (dn < d || gn < g) {
    const it = t.iteration;
    if (dn - it * c.dSteps < c.dSteps) {
      if (dn >= d) break;
      t.stepD();
      dn++;
    } else {
      if (gn >= g) break;
      t.stepG();
      gn++;
      if (gn - it * c.gSteps === c.gSteps) t.endIteration();
    }
  }
  return t;
}

/** Bit for bit: the snapshot's weights (float32 read back as numbers) and iteration are the trainer's. */
function expectBits(s: { iteration: number; generator: { params: number[] }; discriminator: { params: number[] } }, t: Trainer) {
  const p = t.parameters();
  expect(s.iteration).toBe(t.iteration);
  expect(s.generator.params).toEqual(Array.from(p.g));
  expect(s.discriminator.params).toEqual(Array.from(p.d));
  t.dispose();
}

const cfg: PartialConfig = { distribution: 'ring8', batchSize: 32, seed: 3, generator: { layers: 1, neurons: 8 }, discriminator: { layers: 1, neurons: 8 } };

/**
 * A LabController on a heavy config whose trainer runs behind the worker protocol; `seen` counts the frames drawn and
 * holds the counts shown with the last one.
 */
async function heavyLab(config: PartialConfig) {
  const { h, worker } = await host();
  let clock = 0;
  // Every reading of the clock is 50 ms on: each update looks slower than a chunk's budget, so chunks stay single updates.
  const ctl = new LabController({ createTrainer: (c) => h.createTrainer(c), requestFrame: (cb) => setTimeout(cb, 0), now: () => (clock += 50) }, { speed: 1, config });
  const seen = { frames: 0, atFrame: { iteration: -1, d: -1, g: -1 } };
  ctl.on('frame', (f) => {
    seen.frames++;
    seen.atFrame = { iteration: f.iteration, d: ctl.state.dSteps, g: ctl.state.gSteps };
  });
  return { ctl, worker, seen };
}

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
    // chunkMs: Infinity: whole chunks of `speed` iterations whatever the machine's load (the counts below rely on it).
    const ctl = new LabController({ createTrainer: (c) => h.createTrainer(c), requestFrame: (cb) => frames.push(cb), now: () => 0 }, { speed: 4, config: cfg, chunkMs: Infinity });
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

  it('two labs sharing one worker (worker-pool.ts) each train as if alone; one disposed frees its tensors, the other plays on', async () => {
    const { h } = await host();
    const before = await h.numTensors();
    const frames: (() => void)[] = [];
    const lab = (seed: number) =>
      new LabController({ createTrainer: (c) => h.createTrainer(c), requestFrame: (cb) => frames.push(cb), now: () => 0 }, { speed: 3, config: { ...cfg, seed }, chunkMs: Infinity });
    const a = lab(3), b = lab(4);
    await Promise.all([a.redraw(), b.redraw()]);
    a.play();
    b.play();
    // Their requests interleave in the one worker's queue.
    for (let i = 0; i < 4; i++) {
      frames.splice(0).forEach((cb) => cb());
      await Promise.all([a.redraw(), b.redraw()]);
    }
    a.pause();
    b.pause();
    await vi.waitFor(() => expect([a.status, b.status]).toEqual(['paused', 'paused']));
    const [sa, sb] = [await a.snapshot(), await b.snapshot()];
    expect(sa.iteration).toBeGreaterThanOrEqual(12);
    expect(sb.iteration).toBeGreaterThanOrEqual(12);
    const both = await h.numTensors();
    expectBits(sa, replayed({ ...cfg, seed: 3 }, sa.iteration, sa.iteration));
    expectBits(sb, replayed({ ...cfg, seed: 4 }, sb.iteration, sb.iteration));
    await b.dispose();
    const one = await h.numTensors();
    expect(one).toBeLessThan(both);
    expect(one).toBeGreaterThan(before);
    a.play();
    frames.splice(0).forEach((cb) => cb());
    await a.redraw();
    a.pause();
    await vi.waitFor(() => expect(a.status).toBe('paused'));
    expect(a.iteration).toBeGreaterThan(sa.iteration);
    await a.dispose();
    expect(await h.numTensors()).toBe(before);
  });

  it('with a chunk in flight, runs the next tick without waiting for an animation frame, and still pauses cleanly', async () => {
    const { h, worker } = await host();
    const frames: (() => void)[] = [];
    let clock = 0;
    const ctl = new LabController({ createTrainer: (c) => h.createTrainer(c), requestFrame: (cb) => frames.push(cb), now: () => (clock += 20) }, { speed: 3, config: cfg, chunkMs: Infinity });
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

  it('after a rewind, replies to calls sent before it do not overwrite the state it put back', async () => {
    const { h, worker } = await host();
    const remote = h.createTrainer(parseConfig(cfg));
    await remote.iterate(3);
    await remote.measure();
    await remote.frame({ mark: true });
    expect(remote.markToken).not.toBeNull();
    // The play loop's updates since that frame, still running in the worker when Pause comes.
    void remote.stepD();
    void remote.stepG();
    void remote.endIteration();
    void remote.measure(); // a row at iteration 4
    const back = remote.rewind();
    expect(remote.iteration).toBe(3); // at once
    const seen: number[] = [];
    worker.beforeReply = () => seen.push(remote.iteration);
    expect(await back).toBe(true);
    expect(seen).toEqual([3, 3, 3, 3, 3]); // before each of the five replies lands, and after
    expect(remote.iteration).toBe(3);
    expect(remote.history.map((m) => m.iteration)).toEqual([3]);
    const s = await remote.snapshot();
    expect([s.iteration, s.discriminator.step, s.generator.step]).toEqual([3, 3, 3]);
    remote.dispose();
  });

  it('Pause during a heavy update in the worker: paused at once, back to the frame on screen; played on, the same bits as a run never paused', async () => {
    // Heavy by its arithmetic (the loop trains it in single updates from the start), quick on Node's CPU backend.
    const heavy: PartialConfig = { distribution: 'ring8', batchSize: 512, seed: 3, dSteps: 3, gSteps: 2, minibatchStd: true, generator: { layers: 2, neurons: 32 }, discriminator: { layers: 2, neurons: 32 } };
    expect(isHeavy(parseConfig(heavy))).toBe(true);
    const { ctl, worker, seen } = await heavyLab(heavy);
    let shownState = ctl.state;
    ctl.on('state', (st) => (shownState = st));
    ctl.play();
    await vi.waitFor(() => expect(ctl.state.iteration).toBeGreaterThanOrEqual(2), { timeout: 30_000 });
    const posted = worker.posted.length;
    expect(worker.posted.slice(0, posted).some((m) => m.type === 'call' && m.method === 'iterate')).toBe(false);
    // The next update runs in the worker until the test lets it end.
    worker.holdFrom = (m) => m.type === 'call' && (m.method === 'stepD' || m.method === 'stepG');
    await vi.waitFor(() => expect(worker.held).not.toBeNull());
    const onScreen = { ...seen.atFrame }, frame = ctl.frameData, framesBefore = seen.frames;
    expect(onScreen.iteration).toBeGreaterThanOrEqual(1);
    ctl.pause();
    await new Promise((r) => setTimeout(r, 20));
    expect(worker.held).not.toBeNull(); // the update is still running
    expect(ctl.status).toBe('paused');
    expect(shownState.status).toBe('paused');
    // What the page shows is the frame on screen's state: its iteration and counts.
    expect({ iteration: shownState.iteration, d: shownState.dSteps, g: shownState.gSteps }).toEqual(onScreen);
    worker.release();
    const snap = await ctl.snapshot();
    expect([snap.iteration, snap.discriminator.step, snap.generator.step]).toEqual([onScreen.iteration, onScreen.d, onScreen.g]);
    expect(ctl.frameData).toBe(frame);
    expect(seen.frames).toBe(framesBefore); // nothing drawn since
    expect({ iteration: ctl.state.iteration, d: ctl.state.dSteps, g: ctl.state.gSteps }).toEqual(onScreen);
    expectBits(snap, replayed(heavy, onScreen.d, onScreen.g));
    // Played on: the same weights as a run that made the same updates and was never paused.
    ctl.play();
    await vi.waitFor(() => expect(ctl.state.dSteps).toBeGreaterThanOrEqual(onScreen.d + 7), { timeout: 30_000 });
    ctl.pause();
    await vi.waitFor(() => expect(ctl.status).toBe('paused'));
    const after = await ctl.snapshot();
    expect([after.discriminator.step, after.generator.step]).toEqual([ctl.state.dSteps, ctl.state.gSteps]);
    expect(after.iteration).toBe(ctl.state.iteration);
    expectBits(after, replayed(heavy, after.discriminator.step, after.generator.step));
    ctl.dispose();
  });

  it('a rate edited right after Pause, during a heavy update: taken at once, by the worker after that update; the mark stays; played on, the same bits as the edit made there', async () => {
    const heavy: PartialConfig = { distribution: 'ring8', batchSize: 512, seed: 5, dSteps: 3, gSteps: 2, minibatchStd: true, generator: { layers: 2, neurons: 32 }, discriminator: { layers: 2, neurons: 32 } };
    const { ctl, worker, seen } = await heavyLab(heavy);
    ctl.play();
    await vi.waitFor(() => expect(ctl.state.iteration).toBeGreaterThanOrEqual(1), { timeout: 30_000 });
    worker.holdFrom = (m) => m.type === 'call' && (m.method === 'stepD' || m.method === 'stepG');
    await vi.waitFor(() => expect(worker.held).not.toBeNull());
    const onScreen = { ...seen.atFrame }, framesBefore = seen.frames;
    ctl.pause();
    let edited = false;
    const edit = ctl.setConfig({ generator: { learningRate: 0.02 }, discriminator: { learningRate: 0.003 } }).then(() => (edited = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(worker.held).not.toBeNull(); // the update is still running in the worker...
    expect(edited).toBe(true); // ...and the edit is done on the page
    expect(ctl.config.generator.learningRate).toBe(0.02);
    worker.release();
    await edit;
    const snap = await ctl.snapshot();
    expect(ctl.config.generator.learningRate).toBe(0.02); // no reply from before the edit set it back
    expect([snap.config.generator.learningRate, snap.config.discriminator.learningRate]).toEqual([0.02, 0.003]);
    expect([snap.iteration, snap.discriminator.step, snap.generator.step]).toEqual([onScreen.iteration, onScreen.d, onScreen.g]);
    expect(seen.frames).toBe(framesBefore); // nothing drawn: nothing on screen changed
    expectBits(snap, replayed(heavy, onScreen.d, onScreen.g));
    // Played on: the updates after the edit use the new rates, from the frame on screen.
    ctl.play();
    await vi.waitFor(() => expect(ctl.state.dSteps).toBeGreaterThanOrEqual(onScreen.d + 4), { timeout: 30_000 });
    ctl.pause();
    await vi.waitFor(() => expect(ctl.status).toBe('paused'));
    const after = await ctl.snapshot();
    const same = replayed(heavy, onScreen.d, onScreen.g);
    same.setConfig({ generator: { learningRate: 0.02 }, discriminator: { learningRate: 0.003 } });
    expectBits(after, replayOn(same, onScreen.d, onScreen.g, after.discriminator.step, after.generator.step));
    ctl.dispose();
  });

  it('a worker without WebGL says so at start-up (the page then trains WebGL elsewhere)', async () => {
    const worker = new FakeWorker();
    const h = new TrainerHost(worker as unknown as Worker, 'webgl', '/tfjs/');
    expect(await h.ready).toEqual({ backend: 'webgl', note: null, webglFailure: { code: 'failed' } });
  });
});

// WebGL in the worker (issue 12), with Node's CPU backend standing in for tfjs's WebGL: the functions the WebGL
// worker entry passes (backend-webgl.ts) are replaced by ones that "lose" a context on request.
describe('WebGL in a worker', () => {
  let lostCb: (() => void) | null = null;
  beforeAll(() =>
    useWebGL({
      start: async () => null,
      onLost: (cb) => ((lostCb = cb), () => (lostCb = null)),
      lose: () => (lostCb ? (lostCb(), true) : false),
    }),
  );

  async function webglHost(worker = new FakeWorker()) {
    lostCb = null;
    const h = new TrainerHost(worker as unknown as Worker, 'webgl', '/tfjs/');
    expect(await h.ready).toEqual({ backend: 'webgl', note: null });
    return h;
  }

  it("brings each kept frame's weights to the page, and says a lost context unasked, to a watch made before or after", async () => {
    const h = await webglHost();
    const remote = h.createTrainer(new Trainer(cfg).config);
    const local = new Trainer(cfg);
    await remote.iterate(5);
    await remote.measure();
    await remote.frame();
    expect(remote.lastFrameState()).toBeNull(); // only frame({ keepState: true }) reads the weights
    await remote.frame({ keepState: true });
    await remote.iterate(3); // trained on past that frame: its state stays at iteration 5
    local.iterate(5);
    await local.measure();
    await local.frame({ keepState: true });
    const kept = remote.lastFrameState()!;
    expect(kept.iteration).toBe(5);
    expect(kept).toEqual(local.lastFrameState()); // weights, optimizer slots, random state and history up to 5
    let before = 0;
    h.onContextLost(() => before++);
    expect(h.contextLost).toBe(false);
    expect(await h.loseContext()).toBe(true);
    await vi.waitFor(() => expect(before).toBe(1));
    expect(h.contextLost).toBe(true);
    let after = 0;
    h.onContextLost(() => after++);
    await vi.waitFor(() => expect(after).toBe(1));
    expect(before).toBe(1); // once
    [remote, local].forEach((t) => t.dispose());
  });

  it('a controller whose WebGL worker loses its context carries the run on elsewhere from the last frame', async () => {
    const gl = await webglHost();
    const { h: cpu } = await host();
    let target = gl;
    const ctl = new LabController(
      { createTrainer: (c) => target.createTrainer(c), switchBackend: async () => ((target = cpu), { backend: 'wasm', renderer: null, reason: 'test' }) },
      { config: cfg, backend: { backend: 'webgl', renderer: 'test GPU', reason: 'test' } },
    );
    for (let k = 0; k < 4; k++) await ctl.step(); // each step draws a frame, which on WebGL keeps the weights
    const at = await ctl.snapshot();
    expect(at.iteration).toBe(4);
    const lost = new Promise<void>((resolve) => gl.onContextLost(() => void ctl.handleContextLost().then(resolve)));
    await gl.loseContext();
    await lost;
    expect(ctl.state.backend?.backend).toBe('wasm');
    expect(ctl.iteration).toBe(4);
    expect((await ctl.snapshot()).generator).toEqual(at.generator);
    ctl.dispose();
  });

  it('a controller playing on a WebGL worker that loses its context (its last calls never answered) plays on elsewhere', async () => {
    const glWorker = new FakeWorker();
    const gl = await webglHost(glWorker);
    const { h: cpu } = await host();
    let target = gl;
    const frames: (() => void)[] = [];
    const crank = () => frames.splice(0).forEach((cb) => cb());
    const ctl = new LabController(
      { createTrainer: (c) => target.createTrainer(c), switchBackend: async () => ((target = cpu), { backend: 'wasm', renderer: null, reason: 'test' }), requestFrame: (cb) => frames.push(cb) },
      { config: cfg, speed: 3, chunkMs: Infinity, backend: { backend: 'webgl', renderer: 'test GPU', reason: 'test' } },
    );
    gl.onContextLost(() => void ctl.handleContextLost());
    await ctl.redraw();
    ctl.play();
    await vi.waitFor(() => (crank(), expect(ctl.iteration).toBeGreaterThanOrEqual(9)));
    // From the next chunk posted ahead on, the WebGL worker answers nothing; then it says its context is lost.
    glWorker.muteFrom = (m) => m.type === 'call' && m.method === 'iterate';
    await vi.waitFor(() => (crank(), expect(glWorker.mute).toBe(true)));
    void gl.loseContext();
    await vi.waitFor(() => expect(ctl.state.backend?.backend).toBe('wasm'));
    const from = ctl.iteration;
    await vi.waitFor(() => (crank(), expect(ctl.iteration).toBeGreaterThan(from + 9)));
    expect(ctl.state.status).toBe('playing');
    ctl.pause();
    await vi.waitFor(() => (crank(), expect(ctl.status).toBe('paused'))); // nothing of the dead worker holds it
    ctl.dispose();
  });
});

