// The comparison figure (`:::compare` + `::column` + `compare=` on steps): what it compiles to, the runs it bakes
// (each column a pure function of the script, chained like steps), the claims per column, and the page's data.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bakeChapter, countCheckpoints } from '../../src/lessons/bake';
import { stepKeys, trainerVersion } from '../../src/lessons/bake-cache';
import type { ChapterEntry } from '../../src/lessons/catalog';
import { figureRuns } from '../../src/lessons/figure-runs';
import { chapterRuns, compileChapter, formatError } from '../../src/lessons/index';
import { chapterPage } from '../../src/lessons/page-data';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const FM = '---\ntitle: "Compare"\nsummary: S\norder: 1\n---\n';
const LAB = '::lab{distribution=ring8 seed=3 generator.layers=1 generator.neurons=8 discriminator.layers=1 discriminator.neurons=8 batchSize=32}\n';
const FIGURE = `:::compare{#remedies}
::column{label="Plain"}
::column{label="Packed" pack=2}
::column{label="Other seed" seed=9}
:::
`;
const chapter = (steps: string) => FM + LAB + ':::step{train=20}\nWarm up.\n:::\n' + FIGURE + steps;
const compile = (md: string) => {
  const c = compileChapter(md, { file: 'x.md' });
  expect(c.errors.map(formatError)).toEqual([]);
  return c;
};

const TWO_STEPS = `:::step{compare=remedies train=40 expect="iteration==40; Packed: modes>=0"}
Plain covers :value{column=Plain metric=modes} modes, packing :value{column=Packed metric=modes}.
:::
:::step{compare=remedies train=60 play}
Later.
:::
:::step{train=80}
After the figure, the chapter's lab again.
:::
`;

describe(':::compare compiles', () => {
  const c = compile(chapter(TWO_STEPS));

  it('keeps the figure and its columns, and marks the steps that show it', () => {
    expect(c.figures).toEqual([
      {
        id: 'remedies',
        line: 10,
        columns: [
          { label: 'Plain', line: 11, col: 1, pairs: [] },
          { label: 'Packed', line: 12, col: 1, pairs: [['pack', '2']] },
          { label: 'Other seed', line: 13, col: 1, pairs: [['seed', '9']] },
        ],
      },
    ]);
    expect(c.steps.map((s) => s.actions.compare)).toEqual([null, 'remedies', 'remedies', null]);
    expect(c.html).toContain('<figure class="compare-key" data-compare="remedies" id="figure-remedies">');
    expect(c.html).toContain('<strong>Packed</strong>: <code>pack=2</code>');
    expect(c.html).toContain('data-metric="modes" data-column="Packed"');
    expect(c.values.map((v) => v.column)).toEqual(['Plain', 'Packed']);
  });

  it('bakes one run per column: the chapter up to the figure, then the column changes on each figure step', () => {
    const runs = figureRuns(c);
    expect(runs.map((r) => r.checkpoints.map((k) => k.index))).toEqual([
      [0, 1, 2],
      [0, 1, 2],
      [0, 1, 2],
    ]);
    const [plain, packed, seeded] = runs;
    expect(packed.checkpoints[1].config.pack).toBe(2);
    expect(packed.checkpoints[2].config.pack).toBe(2);
    expect(packed.checkpoints.map((k) => k.actions.restart)).toEqual([true, false, false]);
    // a seed change restarts the column at its first figure step, then chains
    expect(seeded.checkpoints.map((k) => k.actions.restart)).toEqual([true, true, false]);
    // the prefix carries no claims (the step run checks them); claims without a label go to every column
    expect(plain.checkpoints[0].actions.expect).toEqual([]);
    expect(plain.checkpoints[1].actions.expect.map((e) => e.text)).toEqual(['iteration==40']);
    expect(packed.checkpoints[1].actions.expect.map((e) => e.text)).toEqual(['iteration==40', 'Packed: modes>=0']);
    expect(plain.shown).toEqual([
      { step: 1, at: 1 },
      { step: 2, at: 2 },
    ]);
  });

  it('a column without changes has the steps\' own keys (nothing is baked twice); one with changes does not', () => {
    const v = trainerVersion();
    const stepKeysOf = stepKeys(c.steps, v);
    const [plain, packed] = figureRuns(c).map((r) => stepKeys(r.checkpoints, v));
    expect(plain).toEqual(stepKeysOf.slice(0, 3));
    expect(packed[0]).toBe(stepKeysOf[0]);
    expect(packed[1]).not.toBe(stepKeysOf[1]);
  });

  it('the step run keeps the figure steps (later steps go on from them) without their column claims', () => {
    const runs = chapterRuns(c);
    expect(runs.map((r) => r.by)).toEqual(['step', 'compare', 'compare', 'compare']);
    expect(runs[0].checkpoints.map((k) => k.actions.expect.length)).toEqual([0, 0, 0, 0]);
  });

  it('the page carries each column\'s steps and sandbox links, keyed like the bake', () => {
    const entry = { compiled: c, slug: 'x/y/z', title: 'Compare' } as unknown as ChapterEntry;
    const page = chapterPage(entry, '/');
    const fig = page.data.figures[0];
    expect(fig.columns.map((k) => k.label)).toEqual(['Plain', 'Packed', 'Other seed']);
    const keys = stepKeys(figureRuns(c)[1].checkpoints, trainerVersion());
    expect(fig.columns[1].steps.map((s) => s?.snapshot ?? null)).toEqual([null, `/baked/${keys[1]}.json`, `/baked/${keys[2]}.json`, null]);
    expect(fig.columns[1].steps[2]?.mode).toBe('play');
    expect(fig.columns[1].steps[1]?.config.pack).toBe(2);
    expect(fig.columns[1].hrefs[1]).toContain('pack=2');
    expect(page.data.steps[1].compare).toBe('remedies');
    // a figure step links each column's state instead of the chapter lab's
    expect(page.html).toMatch(/<section class="step" data-step="1" id="step-2">\n<p class="step-sandbox">Open in the lab: <a [^>]*data-column="Plain">Plain<\/a> · <a [^>]*data-column="Packed">Packed<\/a>/);
  });
});

describe(':::compare errors', () => {
  const errs = (md: string) => compileChapter(md, { file: 'x.md' }).errors.map(formatError);

  it('a figure with 1 or 5 columns stops the build at the figure', () => {
    const one = chapter(':::step{compare=solo}\n:::\n').replace(FIGURE, ':::compare{#solo}\n::column{label="A"}\n:::\n');
    expect(errs(one)).toEqual(['x.md:10:1: a :::compare needs 2 to 4 ::column lines, and this one has 1 (allowed: 2 to 4 columns (a figure with more does not fit beside the text))']);
    const five = FIGURE.replace(/:::\n$/, '::column{label="A"}\n::column{label="B"}\n:::\n');
    const md = chapter(':::step{compare=remedies}\n:::\n').replace(FIGURE, five);
    expect(errs(md)).toEqual(['x.md:10:1: a :::compare needs 2 to 4 ::column lines, and this one has 5 (allowed: 2 to 4 columns (a figure with more does not fit beside the text))']);
  });

  it('an unknown column key, a duplicate label and an unknown column in a claim', () => {
    const md = chapter(':::step{compare=remedies expect="Packd: modes>=1"}\n:::\n').replace('::column{label="Other seed" seed=9}', '::column{label="Plain" paack=2}');
    expect(errs(md)).toEqual([
      'x.md:13:17: duplicate column label "Plain" (also the label on line 11): claims and :value name a column by its label',
      'x.md:13:24: unknown attribute "paack" on ::column (allowed: label, or a config key (distribution, points, seed, batchSize, noise.*, generator.*, discriminator.*, loss, gradientPenalty, dSteps, gSteps, pack, minibatchStd)) did you mean "pack"?',
      'x.md:15:34: unknown column "Packd" in figure "remedies" (allowed: Plain, Packed) did you mean "Packed"?',
    ]);
  });

  it('a column that does not fit a step\'s config is reported at the column', () => {
    const md = chapter(':::step{compare=remedies batchSize=33}\n:::\n');
    expect(errs(md)).toContain('x.md:12:1: column "Packed" does not fit this step\'s config (line 15): check its keys against the step\'s');
  });
});

describe('baking a figure', () => {
  it('checks each column\'s claims against its own run, at the claim', async () => {
    const md = chapter(':::step{compare=remedies train=40 expect="iteration==40; Packed: js<0.0001"}\n:::\n');
    const c = compile(md);
    const cacheDir = mkdtempSync(join(tmpdir(), 'compare-bake-'));
    dirs.push(cacheDir);
    const b = await bakeChapter(c, { cacheDir });
    // a claim only training can refute (one false on its face is a compile error)
    expect(b.errors.map(formatError)).toEqual([expect.stringMatching(/^x\.md:15:66: expect "Packed: js<0\.0001" failed: measured js = [\d.]+$/)]);
    expect(b.runs.map((r) => r.by)).toEqual(['step', 'compare', 'compare', 'compare']);
    // the steps' two checkpoints; the plain column's are the steps' own (none new); packed and other seed share step
    // 1's prefix and train one each
    expect(b.trained).toBe(2 + 0 + 1 + 1);
    const packed = b.runs[2].steps[1];
    expect(packed.metrics.iteration).toBe(40);
    // the build's count: distinct checkpoints (a cold bake trains every one), then all of them from the cache
    expect(countCheckpoints([b])).toBe(b.trained);
    const again = await bakeChapter(c, { cacheDir });
    expect([again.trained, countCheckpoints([again])]).toEqual([0, 4]);
  }, 60_000);

  it('a claim without a label that fails names each column it failed in', async () => {
    const md = chapter(':::step{compare=remedies train=40 expect="js<0.0001"}\n:::\n');
    const cacheDir = mkdtempSync(join(tmpdir(), 'compare-bake-'));
    dirs.push(cacheDir);
    const b = await bakeChapter(compile(md), { cacheDir });
    const msgs = b.errors.map(formatError);
    expect(msgs).toContainEqual(expect.stringMatching(/expect "js<0\.0001" failed in column "Packed": measured js = /));
    expect(msgs).toContainEqual(expect.stringMatching(/expect "js<0\.0001" failed in column "Other seed": measured js = /));
    expect(msgs).toContainEqual(expect.stringMatching(/expect "js<0\.0001" failed in column "Plain": measured js = /));
    expect(msgs).toHaveLength(3);
  }, 60_000);
});
