// The GAN trainer: two MLPs, their optimizers, the data and one Rng. No DOM; runs on any tfjs backend.
//
// Speed comes from doing few, larger tfjs ops: each network is one flat parameter tensor, real and fake go
// through D in one batch, and backprop is written by hand from closed-form loss gradients. Configurations that
// need second derivatives (gradient penalty) or a batch statistic inside D (minibatch std) take the autodiff
// path instead (tf.grad), which is slower but general. That path needs tfjs's gradient functions registered:
// the backend initialisers (backend-node.ts, ../backend.ts, ../remote/trainer-worker.ts) do it.
import * as tf from '@tensorflow/tfjs-core';
import {
  applyPatch,
  changeEffect,
  changedPaths,
  ConfigError,
  parseConfig,
  type ChangeEffect,
  type GanConfig,
  type NetworkConfig,
  type PartialConfig,
} from './config';
import { dataSource, samplePoints, type DataSource } from './distributions';
import { displayProbability, lossKit, type LossKit } from './losses';
import { cloudShape, gridDivergence, METRIC_BINS, METRIC_SAMPLES, modeMetrics } from './metrics';
import { backward, forward, forwardDiff, gradientPenaltyGrad, initParams, layout, transposes, unpack, type Layout } from './network';
import { manifoldDensity, noiseLattice, sampleNoise } from './noise';
import { newState, update, type OptimizerState } from './optimizers';
import { constant } from './constants';
import * as k from './kernels';
import { derivedRng, Rng } from './random';
import type { Divergence, Metrics, NetworkState, TrainerFrame, TrainerSnapshot, TrainerStatus } from './types';

/** How many real points and fixed fakes a frame shows (GAN Lab shows 450 and 150). */
export const VIEW_REAL = 450;
export const VIEW_FAKE = 300;
export const MANIFOLD_CELLS = 20;
export const HEATMAP_RES = 30;

// Streams of derivedRng: view and metric draws never touch the training Rng.
const PURPOSE_VIEW_REAL = 1, PURPOSE_VIEW_NOISE = 2, PURPOSE_METRIC_NOISE = 3, PURPOSE_METRIC_REAL = 4, PURPOSE_EVAL = 5;

interface Net {
  layout: Layout;
  params: tf.Tensor1D;
  /** `params` cut into per-layer tensors; rebuilt after each update. */
  w: tf.Tensor[];
  opt: OptimizerState;
}

interface GoodState {
  iteration: number;
  rng: number[];
  g: { params: tf.Tensor1D; slots: tf.Tensor1D[]; step: number };
  d: { params: tf.Tensor1D; slots: tf.Tensor1D[]; step: number };
  losses: { dLoss: number; gLoss: number };
  historyLength: number;
}

export class Trainer {
  config!: GanConfig;
  iteration = 0;
  status: TrainerStatus = 'ok';
  divergence?: Divergence;
  history: Metrics[] = [];

  private rng!: Rng;
  private src!: DataSource;
  private g!: Net;
  private d!: Net;
  private kit!: LossKit;
  // The last recorded losses: kept scalars, or (hand-written path) the kept logits they are computed from when
  // first read. Most steps are never read, so computing the value there would be wasted ops.
  private lastD: tf.Tensor | null = null;
  private lastG: tf.Tensor | null = null;
  private pendingD = false;
  private pendingG = false;
  private lastLosses = { dLoss: NaN, gLoss: NaN };
  private good: GoodState | null = null;
  private viewReal!: Float32Array;
  private viewNoise: tf.Tensor2D | null = null;
  private lattice!: ReturnType<typeof noiseLattice>;
  private latticeTensor: tf.Tensor2D | null = null;
  private heatGrid: tf.Tensor2D | null = null;
  private disposed = false;
  private frameState: TrainerSnapshot | null = null;
  /** D's weights transposed, for the D params tensor they were made from: D's backward runs in the D step, the G
   * step and every frame between two D updates, so they are made once per update instead of in each. */
  private dT: { of: tf.Tensor; t: tf.Tensor[] } | null = null;

  /** The state read with the last `frame({ keepState: true })`: plain numbers, valid after the backend is gone. */
  lastFrameState(): TrainerSnapshot | null {
    return this.frameState;
  }

  constructor(config: GanConfig | PartialConfig = {}) {
    this.reset(parseConfig(config));
  }

  static fromSnapshot(s: TrainerSnapshot): Trainer {
    const t = new Trainer(s.config);
    t.restore(s);
    return t;
  }

  /** True when a configuration needs tf.grad rather than hand-written backprop. */
  get usesAutodiff(): boolean {
    const c = this.config;
    // The gradient penalty has a closed form for (leaky) ReLU critics; tanh's needs second derivatives.
    return c.minibatchStd || (c.gradientPenalty > 0 && c.discriminator.activation === 'tanh');
  }

  get dataBounds() {
    return this.src.bounds;
  }

  get modes() {
    return this.src.modes;
  }

  // ---- construction --------------------------------------------------------------------------

  private dInputs(c: GanConfig): number {
    return 2 * c.pack + (c.minibatchStd ? 1 : 0);
  }

  private buildNet(which: 'g' | 'd', c: GanConfig): Net {
    const nc = which === 'g' ? c.generator : c.discriminator;
    const l = which === 'g' ? layout(c.noise.dim, nc.layers, nc.neurons, 2, nc.activation) : layout(this.dInputs(c), nc.layers, nc.neurons, 1, nc.activation);
    const params = tf.keep(tf.tensor1d(initParams(l, this.rng)));
    return { layout: l, params, w: tf.tidy(() => unpack(l, params)).map((t) => tf.keep(t)), opt: newState(nc.optimizer, l.total) };
  }

  private disposeNet(n: Net | undefined): void {
    if (!n) return;
    n.params.dispose();
    n.w.forEach((t) => t.dispose());
    n.opt.slots.forEach((t) => t.dispose());
  }

  /** Starts over from `config`: iteration 0, fresh networks from the seed, empty history. */
  private reset(c: GanConfig): void {
    this.disposeNet(this.g);
    this.disposeNet(this.d);
    this.config = c;
    this.rng = new Rng(c.seed);
    this.iteration = 0;
    this.history = [];
    this.status = 'ok';
    this.divergence = undefined;
    this.g = this.buildNet('g', c);
    this.d = this.buildNet('d', c);
    this.setLosses(null, null, { dLoss: NaN, gLoss: NaN });
    this.refreshData();
    this.refreshNoise();
    this.refreshKit();
    this.clearGood();
  }

  private refreshData(): void {
    this.src = dataSource(this.config);
    this.viewReal = samplePoints(this.src, derivedRng(this.config.seed, PURPOSE_VIEW_REAL), VIEW_REAL);
    this.heatGrid?.dispose();
    const b = this.src.bounds, res = HEATMAP_RES, grid = new Float32Array(res * res * 2);
    for (let r = 0; r < res; r++)
      for (let c = 0; c < res; c++) {
        grid[2 * (r * res + c)] = b.xMin + ((c + 0.5) / res) * (b.xMax - b.xMin);
        grid[2 * (r * res + c) + 1] = b.yMin + ((r + 0.5) / res) * (b.yMax - b.yMin);
      }
    this.heatGrid = tf.keep(tf.tensor2d(grid, [res * res, 2]));
  }

  private refreshNoise(): void {
    const { noise, seed } = this.config;
    this.viewNoise?.dispose();
    this.latticeTensor?.dispose();
    this.viewNoise = tf.keep(tf.tensor2d(sampleNoise(noise, derivedRng(seed, PURPOSE_VIEW_NOISE), VIEW_FAKE), [VIEW_FAKE, noise.dim]));
    this.lattice = noiseLattice(noise, MANIFOLD_CELLS);
    const rows = this.lattice.points.length / noise.dim;
    this.latticeTensor = tf.keep(tf.tensor2d(this.lattice.points, [rows, noise.dim]));
  }

  private refreshKit(): void {
    if (this.kit) this.materializeLosses(); // kept logits are scored by the loss they were recorded under
    this.kit?.dispose();
    this.kit = lossKit(this.config.loss, this.config.batchSize / this.config.pack);
  }

  private setLosses(d: tf.Scalar | null, g: tf.Scalar | null, values?: { dLoss: number; gLoss: number }): void {
    this.record(d, g, false);
    if (values) {
      this.lastD?.dispose();
      this.lastG?.dispose();
      this.lastD = this.lastG = null;
      this.pendingD = this.pendingG = false;
      this.lastLosses = values;
    }
  }

  private record(d: tf.Tensor | null, g: tf.Tensor | null, logits: boolean): void {
    if (d) {
      this.lastD?.dispose();
      this.lastD = tf.keep(d);
      this.pendingD = logits;
    }
    if (g) {
      this.lastG?.dispose();
      this.lastG = tf.keep(g);
      this.pendingG = logits;
    }
  }

  /** Computes the loss values of recorded logits (with the current loss kit). */
  private materializeLosses(): void {
    if (this.pendingD && this.lastD) {
      const L = this.lastD;
      this.lastD = tf.keep(tf.tidy(() => this.kit.dValue(L)));
      L.dispose();
    }
    if (this.pendingG && this.lastG) {
      const L = this.lastG;
      this.lastG = tf.keep(tf.tidy(() => this.kit.gValue(L)));
      L.dispose();
    }
    this.pendingD = this.pendingG = false;
  }

  // ---- live changes --------------------------------------------------------------------------

  /**
   * Changes settings while keeping what can be kept. Returns what each change cost: 'live' (takes effect on
   * the next step), 'data', 'reset-optimizer', 'rebuild-g'/'rebuild-d' (that network starts afresh) or
   * 'restart' (a new seed starts the whole run over). Throws ConfigError on invalid input, changing nothing.
   */
  setConfig(patch: PartialConfig): ChangeEffect[] {
    const r = applyPatch(this.config, patch);
    if (!r.ok) throw new ConfigError(r.issues);
    const next = r.config;
    const effects = [...new Set(changedPaths(this.config, next).map(changeEffect))];
    if (effects.includes('restart')) {
      this.reset(next);
      return effects;
    }
    const prev = this.config;
    this.config = next;
    if (effects.includes('rebuild-g')) {
      this.disposeNet(this.g);
      this.g = this.buildNet('g', next);
    } else if (prev.generator.optimizer !== next.generator.optimizer) this.resetOptimizer(this.g, next.generator);
    if (effects.includes('rebuild-d')) {
      this.disposeNet(this.d);
      this.d = this.buildNet('d', next);
    } else if (prev.discriminator.optimizer !== next.discriminator.optimizer) this.resetOptimizer(this.d, next.discriminator);
    // A layout change keeps shapes but not the activation: relabel it.
    this.g.layout = { ...this.g.layout, activation: next.generator.activation };
    this.d.layout = { ...this.d.layout, activation: next.discriminator.activation };
    if (effects.includes('data')) this.refreshData();
    if (prev.noise.type !== next.noise.type || prev.noise.dim !== next.noise.dim) this.refreshNoise();
    if (prev.loss !== next.loss || prev.batchSize !== next.batchSize || prev.pack !== next.pack) this.refreshKit();
    if (effects.some((e) => e !== 'live')) this.clearGood();
    return effects;
  }

  private resetOptimizer(n: Net, nc: NetworkConfig): void {
    n.opt.slots.forEach((t) => t.dispose());
    n.opt = newState(nc.optimizer, n.layout.total);
  }

  // ---- training ------------------------------------------------------------------------------

  private realBatch(): tf.Tensor2D {
    return tf.tensor2d(samplePoints(this.src, this.rng, this.config.batchSize), [this.config.batchSize, 2]);
  }

  private noiseBatch(n: number): tf.Tensor2D {
    return tf.tensor2d(sampleNoise(this.config.noise, this.rng, n), [n, this.config.noise.dim]);
  }

  /** Groups rows into packs: [n, 2] -> [n/m, 2m] (PacGAN). */
  private packed(x: tf.Tensor): tf.Tensor2D {
    const m = this.config.pack;
    return k.reshape(x, [x.size / (2 * m), 2 * m]) as tf.Tensor2D;
  }

  /** Appends the minibatch standard-deviation feature (one number per batch, the same on every row). */
  private withStd(x: tf.Tensor, statsFrom: tf.Tensor = x): tf.Tensor {
    if (!this.config.minibatchStd) return x;
    const mean = tf.mean(statsFrom, 0, true);
    const sd = tf.mean(tf.sqrt(tf.add(tf.mean(tf.square(tf.sub(statsFrom, mean)), 0), 1e-8)));
    return tf.concat([x, tf.mul(tf.ones([x.shape[0], 1]), sd)], 1);
  }

  private applyUpdate(n: Net, nc: NetworkConfig, grad: tf.Tensor1D): void {
    const oldP = n.params, oldW = n.w;
    const next = update(nc, n.opt, n.params, grad);
    n.params = tf.keep(next);
    n.w = unpack(n.layout, n.params).map((t) => tf.keep(t));
    oldP.dispose();
    oldW.forEach((t) => t.dispose());
  }

  private guard(): boolean {
    if (this.disposed) throw new Error('Trainer used after dispose()');
    return this.status === 'ok';
  }

  /** One discriminator update. `record` also computes the loss value (a few extra ops). */
  stepD(record = true): void {
    if (!this.guard()) return;
    tf.tidy(() => {
      const grad = this.dGradient(this.realBatch(), this.noiseBatch(this.config.batchSize), record, this.usesAutodiff);
      this.applyUpdate(this.d, this.config.discriminator, grad);
    });
  }

  /** One generator update (D fixed). */
  stepG(record = true): void {
    if (!this.guard()) return;
    tf.tidy(() => {
      const grad = this.gGradient(this.noiseBatch(this.config.batchSize), record, this.usesAutodiff);
      this.applyUpdate(this.g, this.config.generator, grad);
    });
  }

  /** D's kept transposes, remade when D's parameters were replaced (every D update, rebuild or restore does). */
  private dTransposes(): tf.Tensor[] {
    if (this.dT?.of !== this.d.params) {
      this.dT?.t.forEach((t) => t.dispose());
      this.dT = { of: this.d.params, t: transposes(this.d.layout, this.d.w).map((t) => tf.keep(t)) };
    }
    return this.dT.t;
  }

  /** D's flat loss gradient on a real batch and a noise batch (rows: batchSize). */
  private dGradient(realRows: tf.Tensor2D, z: tf.Tensor2D, record: boolean, autodiff: boolean): tf.Tensor1D {
    const c = this.config;
    const real = this.packed(realRows);
    const fake = this.packed(forward(this.g.layout, this.g.w, z).pop()!);
    const eps = c.gradientPenalty > 0 ? tf.tensor2d(Float32Array.from({ length: real.shape[0] }, () => this.rng.uniform()), [real.shape[0], 1]) : null;
    if (!autodiff) {
      const acts = forward(this.d.layout, this.d.w, k.concat([real, fake], 0));
      const L = acts[acts.length - 1];
      if (record) this.record(L, null, true);
      const grad = backward(this.d.layout, this.d.w, acts, this.kit.dGrad(L), true, false, this.dTransposes()).grad!;
      if (!eps) return grad;
      // WGAN-GP: penalise the critic's input-gradient norm at random interpolates away from 1.
      const xHat = tf.add(tf.mul(eps, real), tf.mul(tf.sub(constant(1), eps), fake)) as tf.Tensor2D;
      return tf.add(grad, gradientPenaltyGrad(this.d.layout, this.d.w, xHat, c.gradientPenalty)) as tf.Tensor1D;
    }
    const lossOf = (p: tf.Tensor) => {
      const w = unpack(this.d.layout, p as tf.Tensor1D);
      const D = (x: tf.Tensor) => forwardDiff(this.d.layout, w, this.withStd(x));
      const L = tf.concat([D(real), D(fake)]) as tf.Tensor2D;
      let loss = this.kit.dValue(L);
      if (record) this.setLosses(tf.clone(loss) as tf.Scalar, null);
      if (eps) {
        // WGAN-GP: penalise the critic's input-gradient norm at random interpolates away from 1.
        const xHat = tf.add(tf.mul(eps, real), tf.mul(tf.sub(1, eps), fake));
        const gx = tf.grad((x: tf.Tensor) => tf.sum(D(x)))(xHat);
        const norm = tf.sqrt(tf.add(tf.sum(tf.square(gx), 1), 1e-12));
        loss = tf.add(loss, tf.mul(tf.mean(tf.square(tf.sub(norm, 1))), c.gradientPenalty));
      }
      return loss as tf.Scalar;
    };
    return tf.grad(lossOf)(this.d.params) as tf.Tensor1D;
  }

  /** G's flat loss gradient for a noise batch, through the current D. */
  private gGradient(z: tf.Tensor2D, record: boolean, autodiff: boolean): tf.Tensor1D {
    if (!autodiff) {
      const gActs = forward(this.g.layout, this.g.w, z);
      const dActs = forward(this.d.layout, this.d.w, this.packed(gActs[gActs.length - 1]));
      const L = dActs[dActs.length - 1];
      if (record) this.record(null, L, true);
      const dX = backward(this.d.layout, this.d.w, dActs, this.kit.gGrad(L), false, true, this.dTransposes()).dInput!;
      return backward(this.g.layout, this.g.w, gActs, k.reshape(dX, [1, z.shape[0], 2]), true, false).grad!;
    }
    const lossOf = (p: tf.Tensor) => {
      const x = forwardDiff(this.g.layout, unpack(this.g.layout, p as tf.Tensor1D), z) as tf.Tensor2D;
      const L = forwardDiff(this.d.layout, this.d.w, this.withStd(this.packed(x))) as tf.Tensor2D;
      const loss = this.kit.gValue(L);
      if (record) this.setLosses(null, tf.clone(loss) as tf.Scalar);
      return loss;
    };
    return tf.grad(lossOf)(this.g.params) as tf.Tensor1D;
  }

  /**
   * For tests: both networks' gradients on given batches, by hand-written backprop or by tf.grad.
   * Changes nothing.
   */
  gradients(real: Float32Array, zD: Float32Array, zG: Float32Array, autodiff: boolean): { d: Float32Array; g: Float32Array } {
    const n = this.config.batchSize, nz = this.config.noise.dim;
    // Both paths must draw the same interpolation weights: rewind the Rng afterwards.
    const rngState = this.rng.state();
    const [d, g] = tf.tidy(() => [
      this.dGradient(tf.tensor2d(real, [n, 2]), tf.tensor2d(zD, [n, nz]), false, autodiff),
      this.gGradient(tf.tensor2d(zG, [n, nz]), false, autodiff),
    ]);
    this.rng = new Rng(rngState);
    const out = { d: d.dataSync() as Float32Array, g: g.dataSync() as Float32Array };
    d.dispose();
    g.dispose();
    return out;
  }

  /** The flat parameters of each network (for tests and inspection). */
  parameters(): { g: Float32Array; d: Float32Array } {
    return { g: this.g.params.dataSync() as Float32Array, d: this.d.params.dataSync() as Float32Array };
  }

  /** TEMP (h2): counts one iteration made of manual D and G steps; h1's Trainer supplies the real one. */
  endIteration(): void {
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

  // ---- reading -------------------------------------------------------------------------------

  /** Gradient of G's loss at the points x (rows of 2), through the current D. */
  private gLossGradientAt(x: tf.Tensor): tf.Tensor {
    if (this.usesAutodiff) {
      return tf.grad((p: tf.Tensor) => this.kit.gValue(forwardDiff(this.d.layout, this.d.w, this.withStd(this.packed(p as tf.Tensor2D))) as tf.Tensor2D))(x) as tf.Tensor2D;
    }
    const acts = forward(this.d.layout, this.d.w, this.packed(x));
    const dX = backward(this.d.layout, this.d.w, acts, this.kit.gGrad(acts[acts.length - 1]), false, true, this.dTransposes()).dInput!;
    return tf.reshape(dX, x.shape);
  }

  /** D's and G's loss on a batch drawn from a stream fixed by (seed, iteration); draws nothing from the training Rng. */
  private evalLosses(): [tf.Scalar, tf.Scalar] {
    const c = this.config, n = c.batchSize, rng = derivedRng(c.seed, PURPOSE_EVAL, this.iteration);
    const real = this.packed(tf.tensor2d(samplePoints(this.src, rng, n), [n, 2]));
    const fake = this.packed(forward(this.g.layout, this.g.w, tf.tensor2d(sampleNoise(c.noise, rng, n), [n, c.noise.dim])).pop()!);
    const D = (x: tf.Tensor) => forwardDiff(this.d.layout, this.d.w, this.withStd(x)) as tf.Tensor2D;
    const lf = D(fake);
    return [this.kit.dValue(tf.concat([D(real), lf]) as tf.Tensor2D), this.kit.gValue(lf)];
  }

  /** Checks that losses and weights are finite; on failure marks the run diverged. Returns the losses read. */
  private async readChecked(extra: tf.Tensor[]): Promise<{ values: Float32Array; losses: { dLoss: number; gLoss: number } } | null> {
    this.materializeLosses();
    const packedT = tf.tidy(() => {
      const weightSum = tf.reshape(tf.add(tf.sum(this.d.params), tf.sum(this.g.params)), [1]);
      // Before any step (iteration 0, or a snapshot saved without losses) measure the losses on a fixed batch,
      // so that every state has losses to show.
      const unknown = (!this.lastD && !Number.isFinite(this.lastLosses.dLoss)) || (!this.lastG && !Number.isFinite(this.lastLosses.gLoss));
      const evalL = unknown ? this.evalLosses() : null;
      const d = this.lastD ? tf.reshape(this.lastD, [1]) : evalL && !Number.isFinite(this.lastLosses.dLoss) ? tf.reshape(evalL[0], [1]) : tf.tensor1d([this.lastLosses.dLoss]);
      const g = this.lastG ? tf.reshape(this.lastG, [1]) : evalL && !Number.isFinite(this.lastLosses.gLoss) ? tf.reshape(evalL[1], [1]) : tf.tensor1d([this.lastLosses.gLoss]);
      return tf.concat([d, g, weightSum, ...extra.map((t) => tf.reshape(t, [-1]))]);
    });
    extra.forEach((t) => t.dispose());
    const values = (await packedT.data()) as Float32Array;
    packedT.dispose();
    if (this.disposed) return null;
    const losses = { dLoss: values[0], gLoss: values[1] };
    const bad = !Number.isFinite(values[2]) ? 'weights' : !Number.isFinite(losses.dLoss) && this.lastD ? 'dLoss' : !Number.isFinite(losses.gLoss) && this.lastG ? 'gLoss' : null;
    if (bad) {
      this.markDiverged(bad);
      return null;
    }
    this.setLosses(null, null, losses);
    this.saveGood();
    return { values, losses };
  }

  private markDiverged(what: string): void {
    this.status = 'diverged';
    const c = this.config;
    const lr = Math.max(c.generator.learningRate, c.discriminator.learningRate);
    const hint =
      c.loss === 'wasserstein' && c.gradientPenalty === 0
        ? 'the Wasserstein loss is unbounded without a gradient penalty: set gradientPenalty (e.g. 0.1 to 10)'
        : lr >= 0.05
          ? `the learning rate (${lr}) is likely too high: try 0.001 to 0.01`
          : 'the updates grew without bound: lower the learning rates or change the loss';
    this.divergence = { iteration: this.iteration, what, hint };
  }

  /** Reads losses and weights once; false (and status 'diverged') if anything is NaN or infinite. */
  async checkFinite(): Promise<boolean> {
    if (this.status !== 'ok') return false;
    return (await this.readChecked([])) !== null;
  }

  /**
   * Everything the views draw, in one asynchronous read. Null when the run has diverged. With `keepState`, the same
   * read also brings back every weight and optimizer slot, so `lastFrameState()` can rebuild the run elsewhere
   * (a lost WebGL context continues on WASM from the last frame drawn).
   */
  async frame(opts: { keepState?: boolean } = {}): Promise<TrainerFrame | null> {
    if (!this.guard()) return null;
    const stateTensors = opts.keepState ? [this.g.params, ...this.g.opt.slots, this.d.params, ...this.d.opt.slots] : [];
    const stateMeta = opts.keepState
      ? { iteration: this.iteration, rng: this.rng.state(), config: structuredClone(this.config), gStep: this.g.opt.step, dStep: this.d.opt.step, history: this.history.length }
      : null;
    const nV = VIEW_FAKE, res = HEATMAP_RES;
    const latticeRows = this.latticeTensor!.shape[0];
    const parts = tf.tidy(() => {
      const fake = forward(this.g.layout, this.g.w, this.viewNoise!).pop()!;
      const grad = this.gLossGradientAt(fake);
      const manifold = forward(this.g.layout, this.g.w, this.latticeTensor!).pop()!;
      // D sees packs: a grid point is judged as a pack of m copies of itself.
      let grid: tf.Tensor = this.config.pack === 1 ? this.heatGrid! : tf.tile(this.heatGrid!, [1, this.config.pack]);
      grid = this.withStd(grid, this.packed(fake));
      const heat = displayProbability(this.config.loss, forward(this.d.layout, this.d.w, grid as tf.Tensor2D).pop()!);
      return [fake, grad, manifold, heat, ...stateTensors.map((t) => tf.clone(t))];
    });
    const read = await this.readChecked(parts);
    if (!read) return null;
    if (stateMeta) {
      let k = 3 + 4 * VIEW_FAKE + 2 * latticeRows + HEATMAP_RES * HEATMAP_RES;
      const next = (n: number) => Array.from(read.values.subarray(k, (k += n)));
      const net = (total: number, slots: number, step: number): NetworkState => ({ params: next(total), slots: Array.from({ length: slots }, () => next(total)), step });
      const g = net(this.g.layout.total, this.g.opt.slots.length, stateMeta.gStep);
      const d = net(this.d.layout.total, this.d.opt.slots.length, stateMeta.dStep);
      this.frameState = {
        version: 1,
        config: stateMeta.config,
        iteration: stateMeta.iteration,
        rng: stateMeta.rng,
        generator: g,
        discriminator: d,
        history: this.history.slice(0, stateMeta.history),
        lastLosses: { dLoss: finiteOrNull(read.losses.dLoss), gLoss: finiteOrNull(read.losses.gLoss) },
      };
    }
    const v = read.values;
    let o = 3;
    const take = (n: number) => v.slice(o, (o += n));
    const fake = take(2 * nV), fakeGradient = take(2 * nV), points = take(2 * latticeRows), heat = take(res * res);
    const { cellMass, dim } = this.lattice;
    return {
      iteration: this.iteration,
      bounds: this.src.bounds,
      real: this.viewReal,
      fake,
      fakeGradient,
      manifold: { cells: MANIFOLD_CELLS, points, density: manifoldDensity(points, MANIFOLD_CELLS, dim, cellMass), dim },
      heatmap: { res, values: heat },
      dLoss: read.losses.dLoss,
      gLoss: read.losses.gLoss,
    };
  }

  /** Fresh generator samples drawn from a stream fixed by (seed, iteration): measuring never changes training. */
  async sampleFakes(n: number): Promise<Float32Array> {
    const z = tf.tensor2d(sampleNoise(this.config.noise, derivedRng(this.config.seed, PURPOSE_METRIC_NOISE, this.iteration), n), [n, this.config.noise.dim]);
    const x = tf.tidy(() => forward(this.g.layout, this.g.w, z).pop()!);
    z.dispose();
    const out = (await x.data()) as Float32Array;
    x.dispose();
    return out;
  }

  /** Metrics from 2,500 fresh samples, appended to `history`. Null when the run has diverged. */
  async measure(): Promise<Metrics | null> {
    if (!this.guard()) return null;
    const n = METRIC_SAMPLES;
    const z = tf.tensor2d(sampleNoise(this.config.noise, derivedRng(this.config.seed, PURPOSE_METRIC_NOISE, this.iteration), n), [n, this.config.noise.dim]);
    const x = tf.tidy(() => forward(this.g.layout, this.g.w, z).pop()!);
    z.dispose();
    const read = await this.readChecked([x]);
    if (!read) return null;
    const fake = read.values.slice(3);
    const real = samplePoints(this.src, derivedRng(this.config.seed, PURPOSE_METRIC_REAL), n);
    const div = gridDivergence(real, fake, this.src.bounds, METRIC_BINS);
    const m: Metrics = { iteration: this.iteration, ...read.losses, ...div, ...cloudShape(fake) };
    if (this.src.modes) {
      const mm = modeMetrics(fake, this.src.modes);
      Object.assign(m, { modes: mm.modes, modesTotal: mm.modesTotal, highQuality: mm.highQuality, reverseKL: mm.reverseKL });
    }
    const prev = this.history[this.history.length - 1];
    if (prev && prev.iteration === m.iteration) this.history[this.history.length - 1] = m;
    else this.history.push(m);
    return m;
  }

  // ---- snapshots and recovery ----------------------------------------------------------------

  private async netState(n: Net): Promise<NetworkState> {
    const [params, ...slots] = await Promise.all([n.params, ...n.opt.slots].map((t) => t.data()));
    return { params: Array.from(params), slots: slots.map((s) => Array.from(s)), step: n.opt.step };
  }

  async snapshot(): Promise<TrainerSnapshot> {
    this.guard();
    const [generator, discriminator] = await Promise.all([this.netState(this.g), this.netState(this.d)]);
    let lastLosses = this.lastLosses;
    this.materializeLosses();
    if (this.lastD || this.lastG) {
      const [d, g] = await Promise.all([this.lastD?.data(), this.lastG?.data()]);
      lastLosses = { dLoss: d ? d[0] : this.lastLosses.dLoss, gLoss: g ? g[0] : this.lastLosses.gLoss };
    }
    return {
      version: 1,
      config: structuredClone(this.config),
      iteration: this.iteration,
      rng: this.rng.state(),
      generator,
      discriminator,
      history: structuredClone(this.history),
      lastLosses: { dLoss: finiteOrNull(lastLosses.dLoss), gLoss: finiteOrNull(lastLosses.gLoss) },
    };
  }

  /** Puts the run exactly where the snapshot was taken. Throws on a malformed snapshot, changing nothing. */
  restore(s: TrainerSnapshot): void {
    if (!s || s.version !== 1) throw new Error('not a trainer snapshot (version 1)');
    const config = parseConfig(s.config);
    // Check every shape before anything is replaced, so a bad snapshot leaves the run as it was.
    const gTotal = layout(config.noise.dim, config.generator.layers, config.generator.neurons, 2, config.generator.activation).total;
    const dTotal = layout(this.dInputs(config), config.discriminator.layers, config.discriminator.neurons, 1, config.discriminator.activation).total;
    for (const [st, total, name] of [[s.generator, gTotal, 'generator'], [s.discriminator, dTotal, 'discriminator']] as const) {
      if (!st || !Array.isArray(st.params) || st.params.length !== total) throw new Error(`snapshot ${name}: expected ${total} parameters, got ${st?.params?.length}`);
      if (!Array.isArray(st.slots) || st.slots.some((x) => !Array.isArray(x) || x.length !== total)) throw new Error(`snapshot ${name}: optimizer slots do not match the parameters`);
    }
    if (!Array.isArray(s.rng) || s.rng.length !== 4) throw new Error('snapshot rng: expected 4 words');
    this.reset(config);
    this.loadNet(this.g, s.generator);
    this.loadNet(this.d, s.discriminator);
    this.rng = new Rng(s.rng);
    this.iteration = s.iteration;
    this.history = structuredClone(s.history ?? []);
    // null (unknown) comes back as NaN: the next read measures the losses afresh.
    this.setLosses(null, null, { dLoss: s.lastLosses?.dLoss ?? NaN, gLoss: s.lastLosses?.gLoss ?? NaN });
  }

  private loadNet(n: Net, st: NetworkState): void {
    this.replaceNetState(n, tf.tensor1d(st.params), st.slots.map((s) => tf.tensor1d(s)), st.step);
  }

  /** Swaps a network's parameters and optimizer slots for the given tensors (which it keeps). */
  private replaceNetState(n: Net, params: tf.Tensor1D, slots: tf.Tensor1D[], step: number): void {
    n.params.dispose();
    n.w.forEach((t) => t.dispose());
    n.opt.slots.forEach((t) => t.dispose());
    n.params = tf.keep(params);
    n.w = tf.tidy(() => unpack(n.layout, n.params)).map((t) => tf.keep(t));
    n.opt = { slots: slots.map((t) => tf.keep(t)), step };
  }

  private saveGood(): void {
    this.clearGood();
    const grab = (n: Net) => ({ params: tf.keep(tf.clone(n.params)), slots: n.opt.slots.map((s) => tf.keep(tf.clone(s))), step: n.opt.step });
    this.good = {
      iteration: this.iteration,
      rng: this.rng.state(),
      g: grab(this.g),
      d: grab(this.d),
      losses: { ...this.lastLosses },
      historyLength: this.history.length,
    };
  }

  private clearGood(): void {
    if (!this.good) return;
    for (const s of [this.good.g, this.good.d]) {
      s.params.dispose();
      s.slots.forEach((t) => t.dispose());
    }
    this.good = null;
  }

  /** The iteration the run would go back to, if restoreLastGood() were called now. */
  get lastGoodIteration(): number | null {
    return this.good?.iteration ?? null;
  }

  /** After divergence: back to the last state read as finite (weights, optimizer, Rng, iteration). */
  restoreLastGood(): boolean {
    const g = this.good;
    if (!g) return false;
    const load = (n: Net, s: GoodState['g']) => this.replaceNetState(n, tf.clone(s.params), s.slots.map((t) => tf.clone(t)), s.step);
    load(this.g, g.g);
    load(this.d, g.d);
    this.rng = new Rng(g.rng);
    this.iteration = g.iteration;
    this.history = this.history.slice(0, g.historyLength);
    this.setLosses(null, null, g.losses);
    this.status = 'ok';
    this.divergence = undefined;
    return true;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposeNet(this.g);
    this.disposeNet(this.d);
    this.clearGood();
    this.kit.dispose();
    for (const t of [this.viewNoise, this.latticeTensor, this.heatGrid, this.lastD, this.lastG, ...(this.dT?.t ?? [])]) t?.dispose();
    this.disposed = true;
  }
}

function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}
