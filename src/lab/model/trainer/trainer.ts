// The GAN trainer: two MLPs, their optimizers, the data and one Rng. No DOM; runs on any tfjs backend.
//
// Speed comes from doing few, larger tfjs ops: each network is one flat parameter tensor, real and fake go
// through D in one batch, and backprop is written by hand from closed-form loss gradients (./gradients-hand.ts).
// Configurations that need second derivatives (gradient penalty on tanh) or a batch statistic inside D
// (minibatch std) take the autodiff path instead (./gradients-autodiff.ts), slower but general.
import * as tf from '@tensorflow/tfjs-core';
import { applyPatch, changeEffects, changesNothingShown, ConfigError, parseConfig, type ChangeEffect, type GanConfig, type PartialConfig } from '../config';
import { dataSource } from '../distributions';
import { lossKit } from '../losses/kit';
import { Rng } from '../random';
import type { Divergence, FrameOptions, Metrics, TrainerFrame, TrainerSnapshot, TrainerStatus } from '../types';
import { noiseBatch, realBatch } from './batches';
import { divergenceOf } from './divergence';
import { frameParts, toFrame, type FramePart } from './frame';
import { dGradient, gGradient } from './gradients';
import { DivergenceWatch, warningSign } from './health';
import { LastGood } from './last-good';
import { LossRecord } from './loss-record';
import { putBack, releaseMark, takeMark, type Mark, type MarkMeta } from './mark';
import { appendMetrics, historyUpTo } from './history';
import { measureParts, metricsOf } from './measure';
import { Networks } from './nets';
import { readChecked } from './read';
import type { Part } from './readback';
import { usesAutodiff, type Run } from './run';
import { finiteOrNull, netStateFromFlat, readNetState } from './snapshot';
import { checkSnapshot } from './snapshot-check';
import { ViewInputs } from './view-inputs';

export class Trainer {
  iteration = 0;
  status: TrainerStatus = 'ok';
  divergence?: Divergence;
  history: Metrics[] = [];

  private run!: Run;
  private view = new ViewInputs();
  private good = new LastGood();
  private watch = new DivergenceWatch();
  private disposed = false;
  private frameState: TrainerSnapshot | null = null;
  /** The state of the last frame read with `mark` (mark.ts), while no read, edit or restore has come since. */
  private mark: Mark | null = null;
  private marks = 0;

  constructor(config: GanConfig | PartialConfig = {}) {
    this.reset(parseConfig(config));
  }

  static fromSnapshot(s: TrainerSnapshot): Trainer {
    const t = new Trainer(s.config);
    t.restore(s);
    return t;
  }

  get config(): GanConfig {
    return this.run.config;
  }

  /** True when a configuration needs tf.grad rather than hand-written backprop. */
  get usesAutodiff(): boolean {
    return usesAutodiff(this.run.config);
  }

  /** The state read with the last `frame({ keepState: true })`: plain numbers, valid after the backend is gone. */
  lastFrameState(): TrainerSnapshot | null {
    return this.frameState;
  }

  // ---- construction and live changes ---------------------------------------------------------

  /** Starts over from `c`: iteration 0, fresh networks from the seed, empty history. */
  private reset(c: GanConfig): void {
    this.dropMark();
    const old = this.run;
    old?.losses.dispose();
    old?.kit.dispose();
    const nets = old?.nets ?? new Networks();
    const rng = new Rng(c.seed);
    nets.build('g', c, rng);
    nets.build('d', c, rng);
    this.run = { config: c, rng, src: dataSource(c), nets, kit: lossKit(c.loss, c.batchSize / c.pack), losses: new LossRecord() };
    this.iteration = 0;
    this.history = [];
    this.status = 'ok';
    this.divergence = undefined;
    this.view.setData(this.run.src, c.seed);
    this.view.setNoise(c.noise, c.seed);
    this.keepStart();
  }

  /** A run's starting point (fresh, restored, or where new settings took over) is a good state to go back to. */
  private keepStart(): void {
    this.good.clear();
    this.watch.clear();
    this.good.save(this.run.nets, { iteration: this.iteration, rng: this.run.rng.state(), losses: { dLoss: NaN, gLoss: NaN } });
  }

  /**
   * Changes settings while keeping what can be kept. Returns what each change cost: 'live' (takes effect on
   * the next step), 'data', 'reset-optimizer', 'rebuild-g'/'rebuild-d' (that network starts afresh) or
   * 'restart' (a new seed starts the whole run over). Throws ConfigError on invalid input, changing nothing.
   */
  setConfig(patch: PartialConfig): ChangeEffect[] {
    const r = applyPatch(this.config, patch);
    if (!r.ok) throw new ConfigError(r.issues);
    const next = r.config;
    const effects = changeEffects(this.config, next);
    // The frame marked showed the old settings: an edit is followed by a frame of its own. Not a rate or a step
    // count: the marked state is still the one on screen, and Pause may rewind to it.
    if (!changesNothingShown(this.config, next)) this.dropMark();
    if (effects.includes('restart')) {
      this.reset(next);
      return effects;
    }
    const run = this.run, prev = run.config, nets = run.nets;
    run.config = next;
    if (effects.includes('rebuild-g')) nets.build('g', next, run.rng);
    else if (prev.generator.optimizer !== next.generator.optimizer) nets.resetOptimizer('g', next.generator);
    if (effects.includes('rebuild-d')) nets.build('d', next, run.rng);
    else if (prev.discriminator.optimizer !== next.discriminator.optimizer) nets.resetOptimizer('d', next.discriminator);
    // A layout change keeps shapes but not the activation: relabel it.
    nets.g.layout = { ...nets.g.layout, activation: next.generator.activation };
    nets.d.layout = { ...nets.d.layout, activation: next.discriminator.activation };
    if (effects.includes('data')) {
      run.src = dataSource(next);
      this.view.setData(run.src, next.seed);
    }
    if (prev.noise.type !== next.noise.type || prev.noise.dim !== next.noise.dim) this.view.setNoise(next.noise, next.seed);
    if (prev.loss !== next.loss || prev.batchSize !== next.batchSize || prev.pack !== next.pack) {
      run.losses.materialize(run.kit); // kept logits are scored by the loss they were recorded under
      run.kit.dispose();
      run.kit = lossKit(next.loss, next.batchSize / next.pack);
    }
    if (effects.some((e) => e !== 'live')) this.keepStart(); // states kept before no longer fit
    else this.watch.clear(); // a changed setting gets a fresh look
    return effects;
  }

  // ---- training ------------------------------------------------------------------------------

  private guard(): boolean {
    if (this.disposed) throw new Error('Trainer used after dispose()');
    return this.status === 'ok';
  }

  /** One discriminator update. `record` also keeps what the loss value is computed from. */
  stepD(record = true): void {
    if (!this.guard()) return;
    const run = this.run, c = run.config;
    tf.tidy(() => {
      const real = realBatch(run.src, run.rng, c.batchSize);
      const grad = dGradient(run, real, noiseBatch(c.noise, run.rng, c.batchSize), record, this.usesAutodiff);
      run.nets.applyUpdate('d', c.discriminator, grad);
    });
    run.losses.updated();
  }

  /** One generator update (D fixed). */
  stepG(record = true): void {
    if (!this.guard()) return;
    const run = this.run, c = run.config;
    tf.tidy(() => {
      const grad = gGradient(run, noiseBatch(c.noise, run.rng, c.batchSize), record, this.usesAutodiff);
      run.nets.applyUpdate('g', c.generator, grad);
    });
    run.losses.updated();
  }

  /** Counts one iteration made of manual stepD and stepG calls (iterate() counts its own). */
  endIteration(): void {
    if (this.disposed) throw new Error('Trainer used after dispose()');
    this.iteration++;
  }

  /** n iterations of dSteps D updates then gSteps G updates. Losses are recorded on the last one only. */
  iterate(n = 1): void {
    const { dSteps, gSteps } = this.config;
    for (let i = 0; i < n; i++) {
      if (!this.guard()) return;
      const last = i === n - 1;
      for (let k = 0; k < dSteps; k++) this.stepD(last && k === dSteps - 1);
      for (let k = 0; k < gSteps; k++) this.stepG(last && k === gSteps - 1);
      this.iteration++;
    }
  }

  /** For tests: both networks' gradients on given batches, by hand-written backprop or by tf.grad. Changes nothing. */
  gradients(real: Float32Array, zD: Float32Array, zG: Float32Array, autodiff: boolean): { d: Float32Array; g: Float32Array } {
    const run = this.run, n = run.config.batchSize, nz = run.config.noise.dim;
    // Both paths must draw the same interpolation weights: rewind the Rng afterwards.
    const rngState = run.rng.state();
    const [d, g] = tf.tidy(() => [
      dGradient(run, tf.tensor2d(real, [n, 2]), tf.tensor2d(zD, [n, nz]), false, autodiff),
      gGradient(run, tf.tensor2d(zG, [n, nz]), false, autodiff),
    ]);
    run.rng = new Rng(rngState);
    const out = { d: d.dataSync() as Float32Array, g: g.dataSync() as Float32Array };
    d.dispose();
    g.dispose();
    return out;
  }

  /** The flat parameters of each network (for tests and inspection). */
  parameters(): { g: Float32Array; d: Float32Array } {
    const { g, d } = this.run.nets;
    return { g: g.params.dataSync() as Float32Array, d: d.params.dataSync() as Float32Array };
  }

  // ---- reading -------------------------------------------------------------------------------

  /**
   * readChecked, then: the run marked diverged (null) on a NaN or a warning sign that lasted (health.ts), or the
   * losses kept and, while no sign shows, a good state.
   */
  private async read<K extends string>(extra: readonly Part<K>[]) {
    const r = await readChecked(this.run, this.iteration, extra);
    if (this.disposed) return null;
    if ('bad' in r) return this.diverge(r.bad);
    this.run.losses.set(r.losses);
    const found = warningSign({ weightMax: r.weightMax, ...r.losses, fake: (r.parts as Partial<Record<string, Float32Array>>).fake }, this.run.src.bounds);
    const ends = this.watch.observe(this.iteration, found);
    if (ends) return this.diverge(ends);
    if (!found) this.good.save(this.run.nets, { iteration: this.iteration, rng: this.run.rng.state(), losses: { ...r.losses } });
    return r;
  }

  private diverge(what: string): null {
    this.status = 'diverged';
    this.divergence = divergenceOf(this.config, this.iteration, what, this.watch.since ?? this.iteration);
    this.watch.clear();
    return null;
  }

  /** Reads losses and weights once; false (and status 'diverged') if anything is NaN or infinite. */
  async checkFinite(): Promise<boolean> {
    if (this.status !== 'ok') return false;
    return (await this.read([])) !== null;
  }

  /**
   * Everything the views draw, in one asynchronous read. Null when the run has diverged. With `keepState`, the same
   * read also brings back every weight and optimizer slot, so `lastFrameState()` can rebuild the run elsewhere
   * (a lost WebGL context continues on WASM from the last frame drawn). With `mark`, the state read is also kept on
   * the device for rewind() (mark.ts); any other frame drops the mark.
   */
  async frame(opts: FrameOptions = {}): Promise<TrainerFrame | null> {
    this.dropMark();
    if (!this.guard()) return null;
    const keep = opts.keepState === true;
    const { nets, rng } = this.run;
    const meta = keep ? { iteration: this.iteration, rng: rng.state(), config: structuredClone(this.config), gStep: nets.g.opt.step, dStep: nets.d.opt.step } : null;
    const read = await this.read<FramePart>(frameParts(this.run, this.view, this.usesAutodiff, keep, opts.optimal ?? true));
    if (!read) return null;
    // After the read: its losses are the run's now. Nothing else runs on this trainer during the read.
    if (opts.mark) this.mark = takeMark(this.run.nets, ++this.marks, { iteration: this.iteration, rng: this.run.rng.state(), losses: this.run.losses.values });
    if (meta) {
      this.frameState = {
        version: 1,
        config: meta.config,
        iteration: meta.iteration,
        rng: meta.rng,
        generator: netStateFromFlat(read.parts.gState, nets.g.layout.total, meta.gStep),
        discriminator: netStateFromFlat(read.parts.dState, nets.d.layout.total, meta.dStep),
        history: historyUpTo(this.history, meta.iteration),
        lastLosses: { dLoss: finiteOrNull(read.losses.dLoss), gLoss: finiteOrNull(read.losses.gLoss) },
      };
    }
    return toFrame(read.parts, this.view, this.run, this.iteration, read.losses);
  }

  /** Metrics from 2,500 fresh samples (and 20,000 fakes for dStarGap), appended to `history`. Null when the run has diverged. */
  async measure(): Promise<Metrics | null> {
    if (!this.guard()) return null;
    const read = await this.read(measureParts(this.run, this.view, this.iteration, this.usesAutodiff));
    if (!read) return null;
    const m = metricsOf(this.run, read.parts, this.iteration, read.losses);
    this.history = appendMetrics(this.history, m);
    return m;
  }

  // ---- snapshots and recovery ----------------------------------------------------------------

  async snapshot(): Promise<TrainerSnapshot> {
    this.guard();
    const { nets, losses, kit } = this.run;
    const [generator, discriminator] = await Promise.all([readNetState(nets.g), readNetState(nets.d)]);
    const lastLosses = await losses.current(kit);
    return {
      version: 1,
      config: structuredClone(this.config),
      iteration: this.iteration,
      rng: this.run.rng.state(),
      generator,
      discriminator,
      history: structuredClone(this.history),
      lastLosses: { dLoss: finiteOrNull(lastLosses.dLoss), gLoss: finiteOrNull(lastLosses.gLoss) },
    };
  }

  /** Puts the run exactly where the snapshot was taken. Throws on a malformed snapshot, changing nothing. */
  restore(s: TrainerSnapshot): void {
    // Every shape is checked before anything is replaced, so a bad snapshot leaves the run as it was.
    const config = checkSnapshot(s);
    this.reset(config);
    const { nets } = this.run;
    for (const [which, st] of [['g', s.generator], ['d', s.discriminator]] as const) {
      nets.replace(which, tf.tensor1d(st.params), st.slots.map((x) => tf.tensor1d(x)), st.step);
    }
    this.run.rng = new Rng(s.rng);
    this.iteration = s.iteration;
    this.history = structuredClone(s.history ?? []);
    // null (unknown) comes back as NaN: the next read measures the losses afresh.
    this.run.losses.set({ dLoss: s.lastLosses?.dLoss ?? NaN, gLoss: s.lastLosses?.gLoss ?? NaN });
    this.keepStart();
  }

  /** Tensors held by the good states kept for restoreLastGood() (for leak tests). */
  get goodStateTensors(): number {
    return this.good.tensors;
  }

  /** The iteration the run would go back to, if restoreLastGood() were called now. */
  get lastGoodIteration(): number | null {
    return this.good.iteration(this.divergence?.since);
  }

  /**
   * After divergence: back to a good state from before the first warning sign (weights, optimizer, Rng, iteration);
   * at any other time, to the newest good state kept.
   */
  restoreLastGood(): boolean {
    this.dropMark();
    const meta = this.good.restore(this.run.nets, this.divergence?.since);
    if (!meta) return false;
    this.returnTo(meta);
    this.status = 'ok';
    this.divergence = undefined;
    this.watch.clear();
    return true;
  }

  /** Which mark rewind() would go back to (the frame read with it), or null. */
  get markToken(): number | null {
    return this.mark?.token ?? null;
  }

  /**
   * Puts the run back exactly where the last frame({ mark: true }) read it: weights, optimizer slots and steps, Rng,
   * iteration, losses, history (not the settings: a rate edited since stays); the mark stays. False (nothing changed)
   * when no mark is held: an edit that changes the picture, a restore, a rebuild or another frame since drops it.
   */
  rewind(): boolean {
    if (this.disposed) throw new Error('Trainer used after dispose()');
    const m = this.mark;
    if (!m) return false;
    putBack(this.run.nets, 'g', m.g);
    putBack(this.run.nets, 'd', m.d);
    this.returnTo(m);
    return true;
  }

  /** With the networks put back: the Rng, iteration, history and losses of the state kept (a mark, a good state). */
  private returnTo(meta: MarkMeta): void {
    this.run.rng = new Rng(meta.rng);
    this.iteration = meta.iteration;
    this.history = historyUpTo(this.history, meta.iteration);
    this.run.losses.set({ ...meta.losses });
  }

  private dropMark(): void {
    if (this.mark) releaseMark(this.mark);
    this.mark = null;
  }

  dispose(): void {
    if (this.disposed) return;
    this.dropMark();
    const { nets, kit, losses } = this.run;
    nets.dispose();
    this.good.clear();
    kit.dispose();
    this.view.dispose();
    losses.dispose();
    this.disposed = true;
  }
}
