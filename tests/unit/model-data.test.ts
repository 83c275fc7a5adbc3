import { describe, expect, it } from 'vitest';
import { DISTRIBUTION_NAMES, parseConfig } from '../../src/lab/model/config';
import { dataSource, ring8Modes, samplePoints } from '../../src/lab/model/distributions';
import { gridDivergence, histogram, modeMetrics } from '../../src/lab/model/metrics';
import { manifoldDensity, noiseLattice, normalQuantile } from '../../src/lab/model/noise';
import { Rng } from '../../src/lab/model/random';

function stats(p: Float32Array) {
  const n = p.length / 2;
  let mx = 0, my = 0;
  for (let i = 0; i < p.length; i += 2) { mx += p[i]; my += p[i + 1]; }
  mx /= n; my /= n;
  let vx = 0, vy = 0;
  for (let i = 0; i < p.length; i += 2) { vx += (p[i] - mx) ** 2; vy += (p[i + 1] - my) ** 2; }
  return { mx, my, sx: Math.sqrt(vx / n), sy: Math.sqrt(vy / n) };
}

const draw = (distribution: string, n = 40000, extra = {}) =>
  samplePoints(dataSource(parseConfig({ distribution, ...extra })), new Rng(3), n);

describe('Rng', () => {
  it('is deterministic and resumable from its state', () => {
    const a = new Rng(42), b = new Rng(42);
    expect([a.uniform(), a.uniform()]).toEqual([b.uniform(), b.uniform()]);
    const s = a.state();
    const next = [a.uniform(), a.normal()];
    const c = new Rng(s);
    expect([c.uniform(), c.normal()]).toEqual(next);
    expect(new Rng(1).uniform()).not.toBe(new Rng(2).uniform());
  });

  it('draws standard normals', () => {
    const out = new Float32Array(100000);
    new Rng(5).fillNormal(out);
    const s = stats(out);
    expect(Math.abs(s.mx)).toBeLessThan(0.01);
    expect(s.sx).toBeCloseTo(1, 1);
  });
});

describe('distributions: mean and spread', () => {
  it('line: x = 0.8 - 0.75t, y = 0.6 + 0.3t', () => {
    const s = stats(draw('line'));
    expect(s.mx).toBeCloseTo(0.425, 2);
    expect(s.my).toBeCloseTo(0.75, 2);
    expect(s.sx).toBeCloseTo(0.75 / Math.sqrt(12), 2);
  });
  it('gaussians: 50/50 mix at (0.3,0.7) and (0.7,0.4)', () => {
    const s = stats(draw('gaussians'));
    expect(s.mx).toBeCloseTo(0.5, 2);
    expect(s.my).toBeCloseTo(0.55, 2);
  });
  it('ring: an ellipse centred at (0.5, 0.45) with radii 0.3 and 0.25', () => {
    const s = stats(draw('ring'));
    expect(s.mx).toBeCloseTo(0.5, 2);
    expect(s.my).toBeCloseTo(0.45, 2);
    expect(s.sx).toBeCloseTo(Math.sqrt(0.3 ** 2 / 2 + 0.025 ** 2), 2);
    expect(s.sy).toBeCloseTo(Math.sqrt(0.25 ** 2 / 2 + 0.025 ** 2), 2);
  });
  it('disjoint: three Gaussians', () => {
    const s = stats(draw('disjoint'));
    expect(s.mx).toBeCloseTo((0.35 + 0.75 + 0.45) / 3, 2);
    expect(s.my).toBeCloseTo((0.75 + 0.6 + 0.35) / 3, 2);
  });
  it('ring8: radius 1, eight distinct modes', () => {
    const p = draw('ring8');
    const s = stats(p);
    expect(Math.abs(s.mx)).toBeLessThan(0.01);
    expect(s.sx).toBeCloseTo(Math.SQRT1_2, 2);
    const angles = new Set(ring8Modes().map((m) => Math.atan2(m.y, m.x).toFixed(3)));
    expect(angles.size).toBe(8);
    for (let i = 0; i < 200; i += 2) expect(Math.hypot(p[i], p[i + 1])).toBeGreaterThan(0.95);
  });
  it('grid25: 25 modes on {-4..4}^2', () => {
    const s = stats(draw('grid25'));
    expect(Math.abs(s.mx)).toBeLessThan(0.05);
    expect(s.sx).toBeCloseTo(Math.sqrt(8), 1);
  });
  it('swissroll: scaled by 1/7.5', () => {
    const p = draw('swissroll');
    let maxR = 0;
    for (let i = 0; i < p.length; i += 2) maxR = Math.max(maxR, Math.hypot(p[i], p[i + 1]));
    expect(maxR).toBeLessThan((4.5 * Math.PI + 1.2) / 7.5);
    expect(maxR).toBeGreaterThan((4.5 * Math.PI - 0.5) / 7.5);
  });
  it('points: a stored point plus a small jitter', () => {
    const s = stats(draw('points', 20000, { points: [[0.2, 0.8]] }));
    expect(s.mx).toBeCloseTo(0.2, 2);
    expect(s.sx).toBeCloseTo(0.02, 2);
  });
  it('points drawn on the unit square\'s edge: the view grows to keep their jitter, the jitter stays 0.02', () => {
    // The triangle chapter 10 first used: a fifth of its samples fell off the unit square.
    const edge = [[0, 0], [0.5, 0], [1, 0], [0.25, 0.5], [0.5, 1], [0.75, 0.5]] as [number, number][];
    const src = dataSource(parseConfig({ distribution: 'points', points: edge }));
    const h = histogram(samplePoints(src, new Rng(2), 20000), src.bounds, 30);
    expect(h[900] / 20000).toBeLessThan(0.005);
    const b = src.bounds;
    expect(b.xMax - b.xMin).toBeCloseTo(b.yMax - b.yMin, 12); // still square
    expect(b.xMin).toBeCloseTo(-0.06, 12);
    expect(b.xMax).toBeCloseTo(1.06, 12);
    // The jitter is the data's, not the view's: a drawing samples what it sampled before the padding.
    const near = samplePoints(dataSource(parseConfig({ distribution: 'points', points: [[0, 0]] })), new Rng(4), 20000);
    expect(stats(near).sx).toBeCloseTo(0.02, 3);
  });
  it('points inside the unit square, away from its edge, keep it as their view', () => {
    const src = dataSource(parseConfig({ distribution: 'points', points: [[0.1, 0.12], [0.9, 0.12], [0.5, 0.82]] }));
    expect(src.bounds).toEqual({ xMin: 0, xMax: 1, yMin: 0, yMax: 1 });
  });
  it('every distribution has bounds that hold most of its mass', () => {
    for (const d of DISTRIBUTION_NAMES) {
      const src = dataSource(parseConfig({ distribution: d, points: [[0.5, 0.5], [0.1, 0.9]] }));
      const h = histogram(samplePoints(src, new Rng(1), 5000), src.bounds, 10);
      expect(h[100] / 5000, d).toBeLessThan(0.02); // gaussians' tall mode pokes 1.4% out of GAN Lab's unit square
    }
  });
});

describe('mixture metrics', () => {
  const modes = ring8Modes();
  it('a perfect ring8 sampler covers 8 modes, ~98.9% high quality, reverse KL near 0', () => {
    const m = modeMetrics(samplePoints(dataSource(parseConfig({ distribution: 'ring8' })), new Rng(9), 2500), modes);
    expect(m.modes).toBe(8);
    expect(m.highQuality).toBeGreaterThan(0.975);
    expect(m.highQuality).toBeLessThan(1);
    expect(m.reverseKL).toBeLessThan(0.02);
  });
  it('collapse onto one mode: 1 mode, reverse KL = ln 8', () => {
    const p = new Float32Array(5000);
    const r = new Rng(2);
    for (let i = 0; i < p.length; i += 2) { p[i] = 1 + 0.01 * r.normal(); p[i + 1] = 0.01 * r.normal(); }
    const m = modeMetrics(p, modes);
    expect(m.modes).toBe(1);
    expect(m.reverseKL).toBeCloseTo(Math.log(8), 6);
  });
  it('points far from every mode are low quality', () => {
    const m = modeMetrics(new Float32Array([0, 0, 0.5, 0.5]), modes);
    expect(m.highQuality).toBe(0);
    expect(m.modes).toBe(0);
  });
});

describe('grid divergence', () => {
  const src = dataSource(parseConfig({ distribution: 'ring8' }));
  const a = samplePoints(src, new Rng(1), 2500), b = samplePoints(src, new Rng(2), 2500);
  it('counts outside points in an overflow bin so the histogram sums to n', () => {
    const h = histogram(new Float32Array([0, 0, 100, 100, -7, 0]), src.bounds, 30);
    expect(h.reduce((s, v) => s + v, 0)).toBe(3);
    expect(h[900]).toBe(2);
  });
  it('is small for two samples of the same distribution and large for disjoint ones', () => {
    const same = gridDivergence(a, b, src.bounds);
    expect(same.js).toBeLessThan(0.1);
    const far = gridDivergence(a, new Float32Array(5000).fill(0.9), src.bounds);
    expect(far.js).toBeGreaterThan(0.9);
    expect(far.js).toBeLessThanOrEqual(1);
    expect(far.kl).toBeGreaterThan(same.kl);
    expect(same.bins).toBe(30);
    expect(same.samples).toBe(2500);
  });
  it('reports the share of fakes outside the view', () => {
    const fake = new Float32Array(a);
    for (let i = 0; i < 500; i++) fake[2 * i] = 50;
    expect(gridDivergence(a, fake, src.bounds).outside).toBeCloseTo(0.2, 6);
  });
});

describe('noise lattice', () => {
  it('has equal-mass cells for Gaussian noise', () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 8);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    const l = noiseLattice({ type: 'gaussian', dim: 2 }, 20);
    expect(l.points.length).toBe(21 * 21 * 2);
    expect(l.cellMass * 400).toBeCloseTo(0.99 * 0.99, 8);
  });
  it('density = mass / area of each carried cell', () => {
    const l = noiseLattice({ type: 'uniform', dim: 2 }, 2);
    // identity map: each cell of [-1,1]^2 split 2x2 has area 1 and mass 1/4
    const d = manifoldDensity(l.points, 2, 2, l.cellMass);
    expect(Array.from(d)).toEqual([0.25, 0.25, 0.25, 0.25]);
  });
});

describe('cloud shape', () => {
  it('gives the centre and the rms distance from it', async () => {
    const { cloudShape } = await import('../../src/lab/model/metrics');
    const s = cloudShape(new Float32Array([1, 1, 3, 1, 1, 3, 3, 3]));
    expect(s.fakeMeanX).toBe(2);
    expect(s.fakeMeanY).toBe(2);
    expect(s.fakeSpread).toBeCloseTo(Math.SQRT2, 6);
  });
});
