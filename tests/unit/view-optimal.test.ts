// The optimal-discriminator layer: D* drawn like the heatmap, nothing where D* is undefined, nothing at all when
// the frame has no D* (a critic's loss), and off until shown.
import { describe, expect, it } from 'vitest';
import { PALETTE } from '../../src/styles/palette';
import { drawFrame } from '../../src/lab/view/layered-canvas';
import { DEFAULT_LAYERS, LAYER_NAMES } from '../../src/lab/view/layers';
import { heatmapColor } from '../../src/lab/view/layers/heatmap';
import { optimalPixels } from '../../src/lab/view/layers/optimal';
import { recordingContext, syntheticFrame } from './view-fixtures';

const only = (name: string) => Object.fromEntries(LAYER_NAMES.map((n) => [n, n === name])) as typeof DEFAULT_LAYERS;

describe('optimal D* layer', () => {
  it("colours each cell as the heatmap would, top row first, and leaves undefined cells transparent", () => {
    const values = Float32Array.from([1, NaN, 0, 0.5]); // res 2, row-major from yMin
    const px = optimalPixels(values, 2, PALETTE.light);
    // the image's top row is the grid's second row (yMax)
    expect(Array.from(px.slice(0, 4))).toEqual(heatmapColor(0, PALETTE.light).map((v, i) => (i === 3 ? Math.round(v * 255) : v)));
    expect(Array.from(px.slice(8, 12))).toEqual(heatmapColor(1, PALETTE.light).map((v, i) => (i === 3 ? Math.round(v * 255) : v)));
    expect(px[12 + 3]).toBe(0); // NaN: nothing drawn
  });

  it('draws one cell per defined value, nothing without a D*, and is off by default', () => {
    expect(DEFAULT_LAYERS.optimal).toBe(false);
    const f = { ...syntheticFrame(1), optimal: { res: 3, values: Float32Array.from([0, 0.2, NaN, 0.5, NaN, 1, 0.9, 0.1, NaN]) } };
    const drawn = recordingContext();
    drawFrame(drawn.ctx, f, { width: 120, height: 120, layers: only('optimal'), axes: false });
    const blank = recordingContext();
    drawFrame(blank.ctx, f, { width: 120, height: 120, layers: only('real'), axes: false });
    expect(drawn.count('fillRect') - blank.count('fillRect')).toBe(6);
    // a critic's frame has no D*
    const { optimal: _, ...critic } = syntheticFrame(1);
    const none = recordingContext();
    drawFrame(none.ctx, critic, { width: 120, height: 120, layers: only('optimal'), axes: false });
    const bare = recordingContext();
    drawFrame(bare.ctx, critic, { width: 120, height: 120, layers: only('nothing'), axes: false });
    expect(none.count('fillRect')).toBe(bare.count('fillRect'));
  });
});
