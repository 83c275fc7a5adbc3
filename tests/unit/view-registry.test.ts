// The lab's registries (view layers, graph boxes) and the vocabularies derived from them, and the save-file reader.
import { describe, expect, it } from 'vitest';
import { GRAPH_BOX_NAMES, GRAPH_EDGES, GRAPH_PATHS, HIGHLIGHT_NAMES, resolveHighlight } from '../../src/lab/graph-parts';
import { shortcuts } from '../../src/lab/lab-keys';
import { DEFAULT_CONFIG } from '../../src/lab/model/config';
import { makeSaveFile, parseSaveText } from '../../src/lab/save-file';
import { slowMotionPlan } from '../../src/lab/slow-motion-plan';
import { MINIS } from '../../src/lab/view/graph-minis';
import { drawFrame } from '../../src/lab/view/layered-canvas';
import { DEFAULT_LAYERS, LAYER_NAMES, LAYERS_BY_DEPTH, LAYERS_BY_KEY, VIEW_LAYERS, layerForKey } from '../../src/lab/view/layers';
import { DEFAULT_LAYERS as LESSON_DEFAULT_LAYERS, GRAPH_PARTS, LAYERS } from '../../src/lessons/vocabulary';
import { PALETTE_TOKENS } from '../../src/styles/palette';
import { FakeTrainer, recordingContext, syntheticFrame } from './view-fixtures';

describe('view-layer registry', () => {
  it('names the layers of the one vocabulary, which the lessons share', () => {
    expect(LAYER_NAMES).toEqual(['real', 'fake', 'manifold', 'heatmap', 'gradients', 'optimal']);
    expect(LAYERS).toEqual(LAYER_NAMES);
    // D* waits to be shown
    expect(LESSON_DEFAULT_LAYERS).toEqual({ real: true, fake: true, manifold: true, heatmap: true, gradients: true, optimal: false });
    expect(DEFAULT_LAYERS).toEqual(LESSON_DEFAULT_LAYERS);
  });

  it('gives every layer its own key and depth, a label, a description and a palette colour', () => {
    expect(new Set(VIEW_LAYERS.map((l) => l.key)).size).toBe(VIEW_LAYERS.length);
    expect(new Set(VIEW_LAYERS.map((l) => l.depth)).size).toBe(VIEW_LAYERS.length);
    for (const l of VIEW_LAYERS) {
      expect(l.label.en.length, l.name).toBeGreaterThan(2);
      expect(l.description.en.length, l.name).toBeGreaterThan(10);
      expect(PALETTE_TOKENS).toContain(l.colour);
      expect(layerForKey(l.key)).toBe(l);
      // the other shortcuts keep their keys
      expect(['m', 'r', 'n', '?', ' ']).not.toContain(l.key.toLowerCase());
    }
    expect(layerForKey('7')).toBeUndefined();
    // drawing order bottom first: the heatmap under everything (D* over it), the gradient lines on top; the legend by key
    expect(LAYERS_BY_DEPTH.map((l) => l.name)).toEqual(['heatmap', 'optimal', 'manifold', 'real', 'fake', 'gradients']);
    expect(LAYERS_BY_KEY.map((l) => l.key)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(shortcuts().find(([k]) => k === '1 – 6')?.[1]).toBe('show / hide a layer (discriminator, generator manifold, real samples, fake samples, gradients, optimal d*)');
  });

  it('draws each layer alone, and nothing of the others', () => {
    const f = syntheticFrame(0, { cells: 4, res: 5 });
    const none = Object.fromEntries(LAYER_NAMES.map((n) => [n, false])) as typeof DEFAULT_LAYERS;
    const base = recordingContext();
    drawFrame(base.ctx, f, { width: 100, height: 100, layers: none, axes: false });
    for (const l of VIEW_LAYERS) {
      const r = recordingContext();
      drawFrame(r.ctx, f, { width: 100, height: 100, layers: { ...none, [l.name]: true }, axes: false });
      expect(r.calls.length, l.name).toBeGreaterThan(base.calls.length);
    }
  });

  it('draws the heatmap under the grid and the rest over it', () => {
    const r = recordingContext();
    drawFrame(r.ctx, syntheticFrame(0, { res: 2 }), { width: 100, height: 100, layers: DEFAULT_LAYERS });
    const names = r.calls.map((c) => c.name);
    const firstCell = names.indexOf('fillRect', 1); // after the background
    const grid = r.calls.findIndex((c) => c.name === 'set:strokeStyle' && c.args[0] === '#0000000f');
    const firstArc = names.indexOf('arc');
    expect(firstCell).toBeGreaterThan(0);
    expect(firstCell).toBeLessThan(grid);
    expect(grid).toBeLessThan(firstArc);
  });
});

describe('graph table', () => {
  it('gives the lessons its boxes in data-flow order, the sample boxes as one group', () => {
    expect(HIGHLIGHT_NAMES).toEqual(['noise', 'generator', 'samples', 'discriminator', 'predictions', 'loss', 'gradients']);
    expect(GRAPH_PARTS).toEqual(HIGHLIGHT_NAMES);
    expect([...resolveHighlight('samples').parts].sort()).toEqual(['fake', 'real']);
    expect([...resolveHighlight(['samples', 'loss']).parts].sort()).toEqual(['fake', 'loss', 'real']);
    expect(resolveHighlight('toString' as never).parts.size).toBe(0);
  });

  it('has a miniature per box, edges and paths between its boxes, and lights something for every slow-motion step', () => {
    expect(Object.keys(MINIS).sort()).toEqual([...GRAPH_BOX_NAMES].sort());
    for (const e of GRAPH_EDGES) for (const p of e.split('-')) expect(GRAPH_BOX_NAMES).toContain(p);
    for (const p of Object.values(GRAPH_PATHS)) for (const b of p.parts) expect(GRAPH_BOX_NAMES).toContain(b);
    for (const s of slowMotionPlan(DEFAULT_CONFIG)) expect(resolveHighlight(s.highlight).parts.size, s.title).toBeGreaterThan(0);
  });
});

describe('save files', () => {
  it('reads a save and a bare snapshot, and refuses what is not one with a reason', async () => {
    const snap = await new FakeTrainer({ seed: 5 }).snapshot();
    const file = makeSaveFile(snap, new Date('2025-01-02T03:04:05Z'));
    expect(file).toEqual({ format: 'gan-lab', version: 1, savedAt: '2025-01-02T03:04:05.000Z', snapshot: snap });
    expect(parseSaveText(JSON.stringify(file))).toEqual({ ok: true, snapshot: snap });
    expect(parseSaveText(JSON.stringify(snap))).toEqual({ ok: true, snapshot: snap });
    expect(parseSaveText('{"format":')).toEqual({ ok: false, error: 'the file is not JSON' });
    expect(parseSaveText('[1,2]')).toEqual({ ok: false, error: expect.stringMatching(/^the file is not a saved lab/) });
    expect(parseSaveText(JSON.stringify({ snapshot: { ...snap, version: 2 } }))).toEqual({ ok: false, error: 'its snapshot version is 2; this lab reads version 1' });
    const bad = structuredClone(file);
    (bad.snapshot.config as unknown as Record<string, unknown>).batchSize = -1;
    expect(parseSaveText(JSON.stringify(bad))).toEqual({ ok: false, error: expect.stringMatching(/batchSize/) });
  });
});
