import { describe, expect, it } from 'vitest';
import type { Metrics } from '../../src/lab/model/types';
import { chartData, downsample } from '../../src/lab/view/charts';
import { resolveHighlight } from '../../src/lab/graph-parts';
import { lookupD, predictionHistogram } from '../../src/lab/view/graph-minis';
import { syntheticFrame } from './view-fixtures';

const m = (iteration: number, extra: Partial<Metrics> = {}): Metrics => ({ iteration, dLoss: 1, gLoss: 2, kl: 0.3, js: 0.05, bins: 30, samples: 2500, outside: 0.02, fakeMeanX: 0, fakeMeanY: 0, fakeSpread: 1, ...extra }) as Metrics;

describe('charts data', () => {
  it('downsamples evenly and keeps the ends', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => i);
    const d = downsample(rows, 100);
    expect(d).toHaveLength(100);
    expect(d[0]).toBe(0);
    expect(d[99]).toBe(999);
    expect(downsample([1, 2], 10)).toEqual([1, 2]);
  });

  it('makes long series for losses, divergence and modes, dropping non-finite values', () => {
    const d = chartData([m(10), m(0, { dLoss: NaN }), m(20, { modes: 3, modesTotal: 8 })]);
    expect(d.losses.map((p) => p.iteration)).toEqual([0, 10, 10, 20, 20]); // sorted; the NaN D loss is dropped
    expect(d.divergence.filter((p) => p.series === 'KL')).toHaveLength(3);
    expect(d.modes).toEqual([{ iteration: 20, value: 3, series: 'modes' }]);
    expect(d.modesTotal).toBe(8);
    // after a change to data without modes, the modes chart goes away
    expect(chartData([m(20, { modes: 3, modesTotal: 8 }), m(30)]).modesTotal).toBeUndefined();
    expect(chartData([m(20, { modes: 2, modesTotal: 2 }), m(30, { modes: 5, modesTotal: 8 })]).modes).toHaveLength(1);
  });

  it('states bins, sample counts and the out-of-view share', () => {
    const d = chartData([m(5)]);
    expect(d.divergenceNote).toContain('30×30 bins');
    expect(d.divergenceNote).toContain('2,500');
    expect(d.divergenceNote).toContain('2% of fakes outside');
    expect(chartData([]).divergenceNote).toBe('No measurements yet');
  });
});

describe('model graph', () => {
  it('resolves parts, edges and named paths', () => {
    expect([...resolveHighlight('generator').parts]).toEqual(['generator']);
    const e = resolveHighlight('gradients-generator');
    expect(e.edges.has('gradients-generator')).toBe(true);
    expect(e.parts.has('gradients') && e.parts.has('generator')).toBe(true);
    const p = resolveHighlight('dForward');
    expect(p.parts.has('real') && p.parts.has('loss')).toBe(true);
    expect(p.edges.size).toBe(6);
    expect(resolveHighlight(null).parts.size).toBe(0);
    expect(resolveHighlight('<img onerror=x>' as never).parts.size).toBe(0);
    expect(resolveHighlight(['noise', 'loss']).parts.size).toBe(2);
  });

  it("reads D's output from the heatmap and histograms predictions", () => {
    const f = syntheticFrame(0, { res: 5 });
    expect(lookupD(f, 0.05, 0.5)).toBe(0);
    expect(lookupD(f, 0.95, 0.5)).toBe(1);
    expect(lookupD(f, 2, 2)).toBeNaN();
    const hist = predictionHistogram(f, 10);
    expect(hist.real.reduce((a, b) => a + b)).toBeCloseTo(1);
    expect(hist.fake.reduce((a, b) => a + b)).toBeCloseTo(1); // the out-of-view fake is not counted
    expect(hist.real[9]).toBeCloseTo(1); // reals sit where D says 1
  });
});
