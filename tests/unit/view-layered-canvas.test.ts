import { describe, expect, it } from 'vitest';
import { drawFrame } from '../../src/lab/view/layered-canvas';
import { DEFAULT_LAYERS, LAYER_NAMES, type LayerName, type LayerVisibility } from '../../src/lab/view/layers';
import { gradientSegments } from '../../src/lab/view/layers/gradients';
import { heatmapColor } from '../../src/lab/view/layers/heatmap';
import { labelTicks, makeTransform, niceTicks } from '../../src/lab/view/plot';
import { recordingContext, syntheticFrame } from './view-fixtures';

/** Only these layers visible (every other registered layer hidden). */
const only = (...names: LayerName[]): LayerVisibility => Object.fromEntries(LAYER_NAMES.map((n) => [n, names.includes(n)])) as LayerVisibility;

describe('layered canvas', () => {
  it('maps data units to pixels and back, y upward', () => {
    const t = makeTransform({ xMin: -1, xMax: 1, yMin: 0, yMax: 2 }, 220, 220, { left: 10, right: 10, top: 10, bottom: 10 });
    expect(t.x(-1)).toBe(10);
    expect(t.x(1)).toBe(210);
    expect(t.y(0)).toBe(210);
    expect(t.y(2)).toBe(10);
    const [x, y] = t.invert(t.x(0.3), t.y(1.7));
    expect(x).toBeCloseTo(0.3);
    expect(y).toBeCloseTo(1.7);
  });

  it('makes round ticks inside the range', () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(-2.2, 2.2, 4)).toEqual([-2, -1, 0, 1, 2]);
    expect(niceTicks(1, 1)).toEqual([]);
    expect(niceTicks(NaN, 1)).toEqual([]);
  });

  it('labels fewer ticks where the axis is short, so labels never run together', () => {
    // about 7 px a character at 10 px: "-1.5" needs 28 + 6 px
    const space = (ticks: number[]) => Math.max(...ticks.map((v) => String(v).length * 7)) + 6;
    expect(labelTicks(-1.5, 1.5, 300, space)).toEqual([-1.5, -1, -0.5, 0, 0.5, 1, 1.5]);
    // a phone's figure column: ~60 px of axis
    expect(labelTicks(-1.5, 1.5, 60, space)).toEqual([-1, 0, 1]);
    expect(labelTicks(-1.5, 1.5, 20, space)).toEqual([0]);
    expect(labelTicks(-1.5, 1.5, 60, () => 13)).toEqual([-1, 0, 1]);
  });

  it('colours the heatmap purple (fake), grey (undecided), green (real)', () => {
    const [r0, g0, b0] = heatmapColor(0);
    const [r5, g5, b5] = heatmapColor(0.5);
    const [r1, g1, b1] = heatmapColor(1);
    expect(b0).toBeGreaterThan(g0); // purple
    expect(g1).toBeGreaterThan(r1); // green
    expect(g1).toBeGreaterThan(b1);
    expect(r5).toBe(g5);
    expect(g5).toBe(b5); // grey
    expect(heatmapColor(NaN)).toEqual(heatmapColor(0.5));
  });

  it('points gradient lines along -gradient, the longest at maxLen px', () => {
    const t = makeTransform({ xMin: 0, xMax: 1, yMin: 0, yMax: 1 }, 100, 100, { left: 0, right: 0, top: 0, bottom: 0 });
    const seg = gradientSegments(Float32Array.from([0.5, 0.5, 0.2, 0.2]), Float32Array.from([-2, 0, 0, 1]), t, 20);
    // first fake pushed right (+x) by 20 px
    expect(seg.slice(0, 4)).toEqual([50, 50, 70, 50]);
    // second pushed down in data (-y), i.e. down on screen (+py), by 10 px
    expect(seg[4]).toBeCloseTo(20);
    expect(seg[7] - seg[5]).toBeCloseTo(10);
    expect(gradientSegments(Float32Array.from([0, 0]), Float32Array.from([0, 0]), t, 20)).toEqual([]);
  });

  it('draws every layer and skips hidden ones', () => {
    const f = syntheticFrame(3, { cells: 4, res: 5 });
    const all = recordingContext();
    drawFrame(all.ctx, f, { width: 200, height: 200, layers: DEFAULT_LAYERS });
    // 25 heatmap cells (+ background + axes' text)
    expect(all.count('fillRect')).toBeGreaterThanOrEqual(26);
    expect(all.count('arc')).toBe(6); // 3 real + 3 fake
    const none = recordingContext();
    drawFrame(none.ctx, f, { width: 200, height: 200, layers: only() });
    expect(none.count('arc')).toBe(0);
    expect(none.count('fillRect')).toBe(1); // background only
    const onlyReal = recordingContext();
    drawFrame(onlyReal.ctx, f, { width: 200, height: 200, layers: only('real') });
    expect(onlyReal.count('arc')).toBe(3);
  });

  it('draws a 1-D manifold as a polyline and a 2-D one as quads', () => {
    const one = recordingContext();
    drawFrame(one.ctx, syntheticFrame(0, { dim: 1, cells: 4 }), { width: 100, height: 100, layers: only('manifold'), axes: false });
    expect(one.count('stroke')).toBe(4);
    const two = recordingContext();
    drawFrame(two.ctx, syntheticFrame(0, { dim: 2, cells: 4 }), { width: 100, height: 100, layers: only('manifold'), axes: false });
    // 16 cells, one outline each (a fill closes it), then the lattice's 5 rows and 5 columns of lines
    expect(two.count('moveTo')).toBe(16 + 10);
    expect(two.count('lineTo')).toBe(16 * 3 + 10 * 4);
  });

  it('labels axes in data units', () => {
    const r = recordingContext();
    drawFrame(r.ctx, syntheticFrame(), { width: 300, height: 300, layers: DEFAULT_LAYERS });
    const labels = r.calls.filter((c) => c.name === 'fillText').map((c) => c.args[0]);
    expect(labels).toContain('0.4');
    expect(labels).toContain('1');
  });
});
