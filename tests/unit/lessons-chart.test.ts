// `chart=` on a step (issue 12): the chart in front in the lesson's lab, persisting like show/hide, checked against
// the step's distribution; and the model graph's two layouts, the row kept while its labels read.
import { describe, expect, it } from 'vitest';
import { compileChapter, formatError } from '../../src/lessons/index';
import { runtimeStep } from '../../src/lessons/page-data';
import { COMPACT, labelPixels, pickLayout, WIDE } from '../../src/lab/view/graph-layout';
import { GRAPH_BOX_NAMES } from '../../src/lab/graph-parts';

const FM = '---\ntitle: "T"\nsummary: S\norder: 1\n---\n';
const compile = (body: string) => compileChapter(FM + body, { file: 'x.md' });

describe('chart=', () => {
  it('brings a chart forward from its step on; a kept modes chart falls back to losses without modes', () => {
    const r = compile(
      '::lab{preset=ring8}\n\n:::step{train=10}\nA\n:::\n\n:::step{chart=modes train=20}\nB\n:::\n\n:::step{train=30}\nC\n:::\n\n' +
        ':::step{chart=divergence}\nD\n:::\n\n:::step{chart=modes}\nE\n:::\n\n:::step{distribution=ring seed=3}\nF\n:::\n',
    );
    expect(r.errors.map((e) => formatError(e))).toEqual([]);
    expect(r.steps.map((s) => s.actions.chart)).toEqual(['losses', 'modes', 'modes', 'divergence', 'modes', 'losses']);
    // the browser reads it; it does not change what is baked
    expect(runtimeStep(r.steps[1], '/x.json').chart).toBe('modes');
  });

  it('refuses an unknown chart (with a suggestion), a bare flag, and modes where the data has none', () => {
    const errs = (body: string) => compile(`::lab{preset=ring8}\n\n${body}`).errors.map((e) => formatError(e));
    expect(errs(':::step{chart=mode}\nA\n:::\n').join('\n')).toMatch(/unknown chart "mode"[\s\S]*modes/);
    expect(errs(':::step{chart}\nA\n:::\n').join('\n')).toMatch(/chart needs a value/);
    expect(errs(':::step{distribution=ring chart=modes}\nA\n:::\n').join('\n')).toMatch(/modes chart is drawn only for mixtures/);
  });
});

describe('the model graph layouts', () => {
  it('place every box of the graph table, inside the drawing, without overlaps', () => {
    for (const L of [WIDE, COMPACT]) {
      const at = GRAPH_BOX_NAMES.map((b) => L.at[b]);
      for (const [x, y] of at) {
        expect(x - L.box / 2).toBeGreaterThanOrEqual(0);
        expect(x + L.box / 2).toBeLessThanOrEqual(L.width);
        expect(y - L.box / 2).toBeGreaterThanOrEqual(0);
        expect(y + L.box / 2).toBeLessThanOrEqual(L.height);
      }
      for (let i = 0; i < at.length; i++)
        for (let j = i + 1; j < at.length; j++) expect(Math.abs(at[i][0] - at[j][0]) >= L.box || Math.abs(at[i][1] - at[j][1]) >= L.box, `${L.name} ${i} ${j}`).toBe(true);
    }
  });

  it('fold into two rows where the row would draw its labels too small: a phone, a height-capped column', () => {
    expect(pickLayout({ width: 333, maxHeight: Infinity })).toBe('compact');
    expect(labelPixels(COMPACT, { width: 333, maxHeight: Infinity })).toBeGreaterThan(9.5);
    expect(labelPixels(WIDE, { width: 333, maxHeight: Infinity })).toBeLessThan(5);
    expect(pickLayout({ width: 560, maxHeight: 151 })).toBe('compact');
    // a broad panel keeps GAN Lab's row
    expect(pickLayout({ width: 1000, maxHeight: Infinity })).toBe('wide');
    expect(pickLayout({ width: 758, maxHeight: Infinity })).toBe('wide');
    // just past the boundary the current layout holds
    const edge = { width: 780 * (9.7 / 11), maxHeight: Infinity };
    expect(pickLayout(edge, 'wide')).toBe('wide');
    expect(pickLayout(edge, 'compact')).toBe('compact');
  });
});
