// The metrics that check the lesson's claims about D, G's gradient, dead units and the JS floor: each on a case
// whose value is known. The pure functions first, then through the trainer (networks set by hand via a snapshot).
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../src/lab/model/backend-node';
import { parseConfig, type PartialConfig } from '../../src/lab/model/config';
import { dataSource, samplePoints } from '../../src/lab/model/distributions';
import {
  dataCellMass,
  dStarGap,
  erf,
  fakesOffData,
  gridStats,
  histogram,
  METRIC_CATALOG,
  METRIC_NAMES,
  METRIC_SAMPLES,
  mixtureCellMass,
  optimalD,
  OPTIMAL_D_METRIC_NAMES,
  sampledCellMass,
} from '../../src/lab/model/metrics';
import { layout } from '../../src/lab/model/network';
import { derivedRng, Rng } from '../../src/lab/model/random';
import { Trainer } from '../../src/lab/model/trainer';
import { optimalOnGrid } from '../../src/lab/model/trainer/frame';
import { HEATMAP_RES, OPTIMAL_FAKES, STREAM } from '../../src/lab/model/trainer/view-inputs';
import type { TrainerSnapshot } from '../../src/lab/model/types';

beforeAll(() => initNodeBackend('wasm'));

const CELLS = HEATMAP_RES * HEATMAP_RES;

describe('D over the grid', () => {
  it('dGridDev of a constant-0.5 D is 0, of a sure D 0.5; dGridMean is the mean', () => {
    expect(gridStats(new Float32Array(900).fill(0.5))).toEqual({ dGridMean: 0.5, dGridDev: 0 });
    const sure = Float32Array.from({ length: 900 }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const s = gridStats(sure);
    expect(s.dGridDev).toBeCloseTo(0.5, 12);
    expect(s.dGridMean).toBeCloseTo(1 / 3, 12);
  });
});

describe('the optimal discriminator D*', () => {
  it('erf matches known values', () => {
    expect(erf(0)).toBe(0);
    expect(erf(1)).toBeCloseTo(0.8427007929, 6);
    expect(erf(-2)).toBeCloseTo(-0.995322265, 6);
  });

  it("a mixture's exact cell masses sum to 1 and agree with a large sample", () => {
    const src = dataSource(parseConfig({ distribution: 'gaussians' }));
    const exact = mixtureCellMass(src.modes!, src.bounds, 30);
    expect(exact.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    const sampled = sampledCellMass(src, 30);
    let l1 = 0;
    for (let i = 0; i < exact.length; i++) l1 += Math.abs(exact[i] - sampled[i]);
    expect(l1).toBeLessThan(0.05); // sampling error of 200,000 points over ~300 occupied cells
    expect(dataCellMass(src, 30)).toBe(dataCellMass(src, 30)); // computed once per source
  });

  it('D* = p / (p + q), undefined where neither lands; the gap of D = D* is 0, of the opposite D is 1', () => {
    const p = [0.5, 0.5, 0, 0], q = [0, 0.25, 0.75, 0];
    const star = optimalD(p, q, 4);
    expect(Array.from(star.slice(0, 3))).toEqual([1, 0.5 / 0.75, 0].map(Math.fround));
    expect(star[3]).toBeNaN();
    expect(dStarGap(star, p, q, 4)).toBeCloseTo(0, 7);
    expect(dStarGap([0, 0.5, 1, 0.3], [0.5, 0, 0, 0], [0, 0, 0.5, 0], 4)).toBe(1);
    // one cell off by 0.1 with weight 0.25 of 1
    expect(dStarGap([1, 0.5 / 0.75 + 0.1, 0, 0.9], p, q, 4)).toBeCloseTo((0.1 * 0.375) / 1, 6);
  });

  it('a perfect generator against the D* of a perfect game (1/2 on the data) reads a small floor from the 20,000-fake histogram', () => {
    const floors: Record<string, number> = {};
    for (const distribution of ['gaussians', 'ring8', 'disjoint'] as const) {
      const src = dataSource(parseConfig({ distribution }));
      const fakes = samplePoints(src, new Rng(5), OPTIMAL_FAKES);
      const q = histogram(fakes, src.bounds, HEATMAP_RES).map((v) => v / OPTIMAL_FAKES);
      floors[distribution] = dStarGap(new Float32Array(CELLS).fill(0.5), dataCellMass(src, HEATMAP_RES), q, CELLS);
    }
    expect(floors.gaussians).toBeGreaterThan(0.01);
    expect(floors.gaussians).toBeLessThan(0.04);
    expect(floors.ring8).toBeLessThan(0.015);
    expect(floors.disjoint).toBeLessThan(0.015);
  });
});

describe('fakes off the data', () => {
  it('is the share of fakes in cells without a real point, or off the picture (the last, overflow cell)', () => {
    const hr = Float64Array.from([3, 0, 2, 0, 0]);
    expect(fakesOffData(hr, Float64Array.from([1, 1, 1, 1, 0]))).toBe(0.5);
    expect(fakesOffData(hr, hr)).toBe(0);
    expect(fakesOffData(hr, Float64Array.from([0, 0, 0, 0, 7]))).toBe(1);
    // real points off the picture do not make the fakes there "on the data"
    expect(fakesOffData(Float64Array.from([3, 0, 2, 0, 1]), Float64Array.from([2, 0, 0, 0, 2]))).toBe(0.5);
  });
});

// ---- through the trainer ---------------------------------------------------------------------

/** Offsets of W_i and b_i in a network's flat parameters. */
function offsets(sizes: number[]) {
  const out: { w: number; b: number }[] = [];
  let o = 0;
  for (let i = 0; i < sizes.length; i += 2) {
    out.push({ w: o, b: o + sizes[i] });
    o += sizes[i] + sizes[i + 1];
  }
  return out;
}

/** A trainer whose networks' parameters `edit` has changed (through a snapshot, so optimizer state stays valid). */
async function edited(cfg: PartialConfig, edit: (s: TrainerSnapshot, c: ReturnType<typeof parseConfig>) => void): Promise<Trainer> {
  const t = new Trainer(cfg);
  const s = await t.snapshot();
  t.dispose();
  edit(s, s.config);
  return Trainer.fromSnapshot(s);
}

const dLayout = (c: ReturnType<typeof parseConfig>) => layout(2 * c.pack + (c.minibatchStd ? 1 : 0), c.discriminator.layers, c.discriminator.neurons, 1, c.discriminator.activation);
const gLayout = (c: ReturnType<typeof parseConfig>) => layout(c.noise.dim, c.generator.layers, c.generator.neurons, 2, c.generator.activation);

/** D with its output layer's weights zeroed and bias b: D's logit is b everywhere. */
const constantD = (b: number) => (s: TrainerSnapshot, c: ReturnType<typeof parseConfig>) => {
  const l = dLayout(c), last = offsets(l.sizes).at(-1)!;
  s.discriminator.params.fill(0, last.w, last.b);
  s.discriminator.params[last.b] = b;
};

describe('measured through the trainer', () => {
  it("a constant D: its mean on reals, fakes and grid is sigmoid(b), its certainty |sigmoid(b) - 0.5|, G's gradient 0", async () => {
    for (const [loss, b] of [['nonsaturating', 0], ['nonsaturating', 1.5], ['minimax', -2]] as const) {
      const t = await edited({ loss, seed: 2 }, constantD(b));
      const m = (await t.measure())!;
      const s = 1 / (1 + Math.exp(-b));
      for (const k of ['dRealMean', 'dFakeMean', 'dGridMean'] as const) expect(m[k], `${loss} ${b} ${k}`).toBeCloseTo(s, 4);
      expect(m.dGridDev).toBeCloseTo(Math.abs(s - 0.5), 4);
      expect(m.gGradNorm).toBe(0);
      // dL_G/dlogit per fake: sigmoid(l) - 1 for the non-saturating loss, -sigmoid(l) for minimax
      expect(m.gLogitGrad).toBeCloseTo(loss === 'minimax' ? -s : s - 1, 4); // a float32 sum of 2,500 shares
      t.dispose();
    }
  });

  it("G's gradient norm per fake: a linear critic with weights (3, 4) pushes every fake with force 5", async () => {
    const t = await edited({ loss: 'wasserstein', gradientPenalty: 1, discriminator: { layers: 0 }, seed: 3 }, (s) => {
      s.discriminator.params.splice(0, 3, 3, 4, 0.25);
    });
    const m = (await t.measure())!;
    expect(m.gGradNorm).toBeCloseTo(5, 4);
    expect(m.gLogitGrad).toBeCloseTo(-1, 4); // -D(G(z)): its derivative is -1 for every fake
    expect(m.dStarGap).toBeUndefined(); // a critic has no D*
    t.dispose();
  });

  it('gDeadUnits, dDeadUnits: 1 when every hidden bias is very negative, small for a fresh network, 0 without hidden layers', async () => {
    const dead = await edited({ seed: 4 }, (s, c) => {
      for (const [net, l] of [[s.generator, gLayout(c)], [s.discriminator, dLayout(c)]] as const) {
        const os = offsets(l.sizes);
        for (let i = 0; i < os.length - 1; i++) net.params.fill(-100, os[i].b, os[i].b + l.dense[i][1]);
      }
    });
    const d = (await dead.measure())!;
    expect([d.gDeadUnits, d.dDeadUnits]).toEqual([1, 1]);
    dead.dispose();
    const fresh = new Trainer({ seed: 4 });
    const f = (await fresh.measure())!;
    expect(f.gDeadUnits).toBeLessThan(0.2);
    expect(f.dDeadUnits).toBeLessThan(0.2);
    fresh.dispose();
    const none = new Trainer({ seed: 4, generator: { layers: 0 }, discriminator: { layers: 0 } });
    const n = (await none.measure())!;
    expect([n.gDeadUnits, n.dDeadUnits]).toEqual([0, 0]);
    none.dispose();
  });

  it('jsFloor is the JS, in bits, between the metric real sample and a second one (direct computation)', async () => {
    for (const distribution of ['gaussians', 'ring'] as const) {
      const t = new Trainer({ distribution, seed: 9 });
      const m = (await t.measure())!;
      const src = dataSource(t.config);
      const a = histogram(samplePoints(src, derivedRng(9, STREAM.metricReal), METRIC_SAMPLES), src.bounds, 30);
      const b = histogram(samplePoints(src, derivedRng(9, STREAM.metricRealFloor), METRIC_SAMPLES), src.bounds, 30);
      let js = 0;
      for (let i = 0; i < a.length; i++) {
        const p = a[i] / METRIC_SAMPLES, q = b[i] / METRIC_SAMPLES, mid = (p + q) / 2;
        js += (p > 0 ? 0.5 * p * Math.log2(p / mid) : 0) + (q > 0 ? 0.5 * q * Math.log2(q / mid) : 0);
      }
      expect(m.jsFloor).toBeCloseTo(js, 10);
      expect(m.jsFloor).toBeGreaterThan(0.02);
      expect(m.jsFloor).toBeLessThan(0.15);
      t.dispose();
    }
  });

  it('dStarGap is measured exactly where D* is the optimum: log and least-squares losses with pack 1', async () => {
    expect(OPTIMAL_D_METRIC_NAMES).toEqual(['dStarGap']);
    const cases: [PartialConfig, boolean][] = [
      [{ loss: 'nonsaturating' }, true],
      [{ loss: 'minimax' }, true],
      [{ loss: 'leastSquares' }, true],
      [{ loss: 'hinge' }, false],
      [{ loss: 'wasserstein', gradientPenalty: 1 }, false],
      [{ loss: 'nonsaturating', pack: 2 }, false],
    ];
    for (const [cfg, defined] of cases) {
      const t = new Trainer({ ...cfg, seed: 3, batchSize: 64 });
      t.iterate(2);
      const m = (await t.measure())!, f = (await t.frame())!;
      expect('dStarGap' in m, JSON.stringify(cfg)).toBe(defined);
      expect(f.optimal !== undefined, JSON.stringify(cfg)).toBe(defined);
      if (defined) {
        expect(m.dStarGap).toBeGreaterThanOrEqual(0);
        expect(m.dStarGap).toBeLessThanOrEqual(1);
      }
      t.dispose();
    }
  });

  it("an untrained D is far from D* (whose fakes sit in a corner), and D trained alone against fixed fakes moves towards it", async () => {
    const t = new Trainer({ seed: 3, gSteps: 0 });
    const before = (await t.measure())!.dStarGap!;
    t.iterate(200);
    const after = (await t.measure())!.dStarGap!;
    expect(before).toBeGreaterThan(0.4);
    expect(after).toBeLessThan(before / 2);
    t.dispose();
  });

  it("the frame's D* is p_data / (p_data + p_g) from its fixed batch of fakes: 1 on data no fake reaches", async () => {
    const t = new Trainer({ seed: 3 });
    const f = (await t.frame())!;
    const { res, values } = f.optimal!;
    expect(res).toBe(HEATMAP_RES);
    expect(values.length).toBe(CELLS);
    // The untrained fakes sit near the origin: the gaussians' centres (0.3, 0.7) and (0.7, 0.4) see only data.
    const at = (x: number, y: number) => values[Math.floor(y * res) * res + Math.floor(x * res)];
    expect(at(0.3, 0.7)).toBe(1);
    expect(at(0.7, 0.4)).toBe(1);
    for (const v of values) expect(Number.isNaN(v) || (v >= 0 && v <= 1)).toBe(true);
    t.dispose();
    // From fakes drawn like the data, D* is about 1/2 on the data.
    const src = dataSource(parseConfig({ distribution: 'gaussians' }));
    const even = optimalOnGrid(src, samplePoints(src, new Rng(8), 200_000));
    expect(even[Math.floor(0.7 * res) * res + Math.floor(0.3 * res)]).toBeCloseTo(0.5, 1);
  });

  it('every catalog metric has a one-line summary, and the D* metrics are flagged', () => {
    for (const m of METRIC_NAMES) expect(METRIC_CATALOG[m].text.en.summary).not.toMatch(/\n/);
    expect(METRIC_NAMES.filter((m) => METRIC_CATALOG[m].optimalD)).toEqual(['dStarGap']);
  });
});
