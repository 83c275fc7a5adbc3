// `astro dev`'s check of a step that shows a comparison figure (issue 14): its claims are about the columns, so each
// column's run is baked to that step (the build's runs and cache) and checked on its own checkpoint, as the build
// does; a claim without a label is checked on every column and its error says which.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkFigureStep } from '../../src/lessons/claims-check';
import { compileChapter } from '../../src/lessons/compile';

const FILE = 'tests/fixtures/lessons/good/04-compare.md';
const STEP = ':::step{compare=four train=100 expect="iteration==100; Pack 2: modes>=0"}';

describe('checkFigureStep', () => {
  it("checks each column's claims on that column's run, naming the column", async () => {
    // At 100 iterations the chapter's own run (the "Plain" column) covers 3 modes, so both new claims hold on it; on
    // the columns' own runs, "Hinge" covers more than 3 and "Least squares" fewer than 2.
    const text = readFileSync(FILE, 'utf8').replace(STEP, ':::step{compare=four train=100 expect="iteration==100; Pack 2: modes>=0; Hinge: modes<=3; modes>=2"}');
    const chapter = compileChapter(text, { file: FILE });
    expect(chapter.errors).toEqual([]);
    const r = await checkFigureStep(chapter, 1);
    expect(r?.map((c) => c.column)).toEqual(['Plain', 'Pack 2', 'Least squares', 'Hinge']);
    const by = Object.fromEntries(r!.map((c) => [c.column, c.errors.map((e) => `${e.line}:${e.col}: ${e.message}`)]));
    expect(by.Plain).toEqual([]);
    expect(by['Pack 2']).toEqual([]);
    expect(by['Least squares']).toHaveLength(1);
    expect(by['Least squares'][0]).toMatch(/^22:91: expect "modes>=2" failed in column "Least squares": measured modes = [01]$/);
    expect(by.Hinge).toHaveLength(1);
    expect(by.Hinge[0]).toMatch(/^22:81: expect "Hinge: modes<=3" failed: measured modes = [4-8]$/);
    // The next step shows the same figure: its runs pass through step 2's checkpoints, whose claims are not its own.
    const next = await checkFigureStep(chapter, 2);
    expect(next?.flatMap((c) => c.errors)).toEqual([]);
  }, 300_000);

  it('is null on a step that shows no figure', async () => {
    const chapter = compileChapter(readFileSync(FILE, 'utf8'), { file: FILE });
    expect(await checkFigureStep(chapter, 0)).toBeNull();
    expect(await checkFigureStep(chapter, 3)).toBeNull();
  });
});
