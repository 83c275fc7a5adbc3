// Synthetic frames and a fake trainer for the view and controller tests (no tfjs, no DOM).
import { DEFAULT_CONFIG, applyPatch, ConfigError, changeEffects, parseConfig, type ChangeEffect, type GanConfig, type PartialConfig } from '../../src/lab/model/config';
import type { Metrics, TrainerFrame, TrainerSnapshot } from '../../src/lab/model/types';
import type { TrainerLike } from '../../src/lab/trainer-like';
import { LabController } from '../../src/lab/controller';
import { slotCount } from '../../src/lab/model/optimizers';
import { netLayout } from '../../src/lab/model/trainer/nets';

/** A network's state of the right shapes for `config` (zeros): what the one snapshot schema checks. */
function zeroNet(config: GanConfig, which: 'g' | 'd', step: number) {
  const total = netLayout(which, config).total;
  const net = which === 'g' ? config.generator : config.discriminator;
  return { params: new Array<number>(total).fill(0), slots: Array.from({ length: slotCount(net.optimizer) }, () => new Array<number>(total).fill(0)), step };
}

export function syntheticFrame(iteration = 0, opts: { cells?: number; res?: number; dim?: 1 | 2 } = {}): TrainerFrame {
  const cells = opts.cells ?? 4;
  const res = opts.res ?? 5;
  const dim = opts.dim ?? 2;
  const n = dim === 1 ? cells + 1 : (cells + 1) ** 2;
  const manifold = new Float32Array(2 * n);
  for (let k = 0; k < n; k++) {
    manifold[2 * k] = (k % (cells + 1)) / cells;
    manifold[2 * k + 1] = Math.floor(k / (cells + 1)) / cells;
  }
  const heat = new Float32Array(res * res).map((_, i) => (i % res) / (res - 1)); // 0 on the left, 1 on the right
  return {
    iteration,
    bounds: { xMin: 0, xMax: 1, yMin: 0, yMax: 1 },
    real: Float32Array.from([0.9, 0.5, 0.8, 0.5, 0.95, 0.4]),
    fake: Float32Array.from([0.1, 0.5, 0.2, 0.5, 2, 2]),
    fakeGradient: Float32Array.from([-1, 0, -0.5, 0, -1, -1]),
    manifold: { cells, points: manifold, density: new Float32Array(dim === 1 ? cells : cells * cells).fill(1), dim },
    heatmap: { res, values: heat },
    // D*: the heatmap mirrored, undefined in the first cell
    optimal: { res, values: heat.map((v, i) => (i === 0 ? NaN : 1 - v)) },
    dLoss: 1.2,
    gLoss: 0.7,
  };
}

/** A trainer that counts calls instead of training. */
export class FakeTrainer implements TrainerLike {
  config: GanConfig;
  iteration = 0;
  status: 'ok' | 'diverged' = 'ok';
  divergence?: TrainerLike['divergence'];
  history: Metrics[] = [];
  calls = { stepD: 0, stepG: 0, iterate: 0, frame: 0, measure: 0, disposed: 0 };
  /** Diverge when the iteration reaches this. */
  divergeAt = Infinity;
  constructor(config: GanConfig | PartialConfig = DEFAULT_CONFIG) {
    this.config = parseConfig(config);
  }
  stepD() {
    this.calls.stepD++;
  }
  stepG() {
    this.calls.stepG++;
  }
  endIteration() {
    this.iteration++;
  }
  iterate(n = 1) {
    this.calls.iterate += n;
    this.calls.stepD += n * this.config.dSteps;
    this.calls.stepG += n * this.config.gSteps;
    this.iteration += n;
  }
  setConfig(patch: PartialConfig): ChangeEffect[] {
    const r = applyPatch(this.config, patch);
    if (!r.ok) throw new ConfigError(r.issues);
    const effects = changeEffects(this.config, r.config);
    this.config = r.config;
    if (effects.includes('restart')) {
      this.iteration = 0;
      this.history = [];
    }
    return effects;
  }
  async frame() {
    this.calls.frame++;
    if (this.iteration >= this.divergeAt && this.status === 'ok') {
      this.status = 'diverged';
      this.divergence = { iteration: this.iteration, what: 'dLoss', hint: 'the learning rate is likely too high' };
    }
    return this.status === 'ok' ? syntheticFrame(this.iteration) : null;
  }
  async measure() {
    this.calls.measure++;
    if (this.status !== 'ok') return null;
    const m: Metrics = { iteration: this.iteration, dLoss: 1, gLoss: 1, kl: 0.5, js: 0.1, bins: 30, samples: 2500, outside: 0, fakeMeanX: 0, fakeMeanY: 0, fakeSpread: 1, jsFloor: 0.08, fakesOffData: 0, dGridMean: 0.5, dGridDev: 0, dRealMean: 0.5, dFakeMean: 0.5, gGradNorm: 0, gLogitGrad: -0.5, gDeadUnits: 0, dDeadUnits: 0 };
    this.history.push(m);
    return m;
  }
  async snapshot(): Promise<TrainerSnapshot> {
    return {
      version: 1,
      config: structuredClone(this.config),
      iteration: this.iteration,
      rng: [1, 2, 3, 4],
      generator: zeroNet(this.config, 'g', this.calls.stepG),
      discriminator: zeroNet(this.config, 'd', this.calls.stepD),
      history: structuredClone(this.history),
      lastLosses: { dLoss: 1, gLoss: 1 },
    };
  }
  restore(s: TrainerSnapshot) {
    if (!s || s.version !== 1) throw new Error('not a trainer snapshot (version 1)');
    this.config = parseConfig(s.config);
    this.iteration = s.iteration;
    this.history = structuredClone(s.history);
  }
  restoreLastGood() {
    this.status = 'ok';
    this.divergence = undefined;
    this.divergeAt = Infinity;
    this.iteration = Math.max(0, this.iteration - 1);
    return true;
  }
  dispose() {
    this.calls.disposed++;
  }
}

/** A CanvasRenderingContext2D stand-in that records method calls and property writes. */
export function recordingContext() {
  const calls: { name: string; args: unknown[] }[] = [];
  const props: Record<string, unknown> = {};
  const ctx = new Proxy(
    {},
    {
      get(_t, name: string) {
        if (name in props) return props[name];
        return (...args: unknown[]) => {
          calls.push({ name, args });
          // a canvas measures text: about 6 px a character at the axes' 10 px
          if (name === 'measureText') return { width: String(args[0]).length * 6 };
        };
      },
      set(_t, name: string, v) {
        props[name] = v;
        calls.push({ name: `set:${name}`, args: [v] });
        return true;
      },
    },
  ) as unknown as CanvasRenderingContext2D;
  return { ctx, calls, count: (name: string) => calls.filter((c) => c.name === name).length };
}

/**
 * A controller over trainers that `make` builds, with hand-cranked animation frames and a clock that only the
 * trainers (`spend`) and the test (`advance`) move: work takes the time the test says it does.
 */
export function fakeClockLab<T extends TrainerLike>(make: (c: GanConfig, spend: (ms: number) => void) => T, opts: { speed: number; config?: PartialConfig }) {
  const trainers: T[] = [];
  const frames: (() => void)[] = [];
  let clock = 0;
  const ctl = new LabController(
    {
      createTrainer: (c) => {
        const t = make(c, (ms) => (clock += ms));
        trainers.push(t);
        return t;
      },
      requestFrame: (cb) => frames.push(cb),
      now: () => clock,
      setTimer: () => 0,
      clearTimer: () => undefined,
    },
    { speed: opts.speed, config: opts.config, backend: { backend: 'wasm', renderer: null, reason: 'start' } },
  );
  return {
    ctl,
    /** Runs the animation frames asked for so far. */
    runFrames: () => frames.splice(0).forEach((cb) => cb()),
    advance: (ms: number) => (clock += ms),
    now: () => clock,
    current: () => trainers[trainers.length - 1],
  };
}
