// Baking: determinism, the content-addressed cache, resuming from a cached step, and failed claims.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bakeChapter, bakeRuns, errorReport } from '../../src/lessons/bake';
import { BakeCache, shortFloat32, stepKeys, trainerVersion } from '../../src/lessons/bake-cache';
import { loadCatalog } from '../../src/lessons/catalog';
import { compileChapter, formatError } from '../../src/lessons/index';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'bake-test-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const chapter = (step3 = 'discriminator.learningRate=0.005', expect3 = 'iteration==120') => `---
title: Bake test
summary: A tiny chapter for the baking tests.
order: 1
---

::lab{distribution=ring8 seed=3 generator.layers=1 generator.neurons=8 discriminator.layers=1 discriminator.neurons=8 batchSize=32}

:::step{train=0}
Start.
:::

:::step{train=60 hide=manifold}
Some training.
:::

:::step{train=120 ${step3} expect="${expect3}"}
More training.
:::
`;

const compile = (md: string, file = 'content/lessons/en/test/01-bake.md') => {
  const c = compileChapter(md, { file });
  expect(c.errors.map(formatError)).toEqual([]);
  return c;
};
const texts = (cacheDir: string, keys: string[]) => keys.map((k) => new BakeCache(cacheDir).read(k)!.text);

describe('baking', () => {
  it('is deterministic: two bakes from scratch write identical snapshots', async () => {
    const c = compile(chapter());
    const [a, b] = [tmp(), tmp()];
    const ra = await bakeChapter(c, { cacheDir: a });
    const rb = await bakeChapter(c, { cacheDir: b });
    expect(ra.errors).toEqual([]);
    expect(ra.trained).toBe(3);
    expect(rb.steps.map((s) => s.key)).toEqual(ra.steps.map((s) => s.key));
    const ta = texts(a, ra.steps.map((s) => s.key));
    expect(texts(b, rb.steps.map((s) => s.key))).toEqual(ta);
    const last = JSON.parse(ta[2]);
    expect(last.iteration).toBe(120);
    expect(last.config.discriminator.learningRate).toBe(0.005);
    // metric history for the charts: measured on the way (every 100) and at each checkpoint
    expect(last.history.map((m: { iteration: number }) => m.iteration)).toEqual([0, 60, 100, 120]);
  });

  it('hits the cache for an unchanged chapter, and for prose and expect edits; a changed step resumes from the one before', async () => {
    const dir = tmp();
    const c = compile(chapter());
    const first = await bakeChapter(c, { cacheDir: dir });
    const again = await bakeChapter(c, { cacheDir: dir });
    expect(again.trained).toBe(0);
    expect(again.steps.every((s) => s.cached)).toBe(true);
    expect(again.steps.map((s) => s.metrics)).toEqual(first.steps.map((s) => s.metrics));

    const edited = compile(chapter().replace('More training.', 'Different words.').replace('iteration==120', 'iteration>=100'));
    expect((await bakeChapter(edited, { cacheDir: dir })).trained).toBe(0);

    // change only step 3: steps 1-2 come from the cache, step 3 resumes from step 2's snapshot...
    const changed = compile(chapter('discriminator.learningRate=0.002'));
    const r = await bakeChapter(changed, { cacheDir: dir });
    expect(r.trained).toBe(1);
    expect(r.steps.map((s) => s.key).slice(0, 2)).toEqual(first.steps.map((s) => s.key).slice(0, 2));
    // ...and equals a bake from scratch (snapshot + restore + N more = N more)
    const fresh = tmp();
    const rf = await bakeChapter(changed, { cacheDir: fresh });
    expect(texts(dir, [r.steps[2].key])).toEqual(texts(fresh, [rf.steps[2].key]));
  });

  it('reports a failed expect at its file:line:col with the measured value', async () => {
    const c = compile(chapter(undefined, 'iteration==120; modes>8'));
    const r = await bakeChapter(c, { cacheDir: tmp() });
    expect(r.errors).toHaveLength(1);
    const line = chapter().split('\n').findIndex((l) => l.includes('expect=')) + 1;
    const col = chapter().split('\n')[line - 1].indexOf('iteration==120') + 1 + 'iteration==120; '.length;
    expect(formatError(r.errors[0])).toBe(`content/lessons/en/test/01-bake.md:${line}:${col}: expect "modes>8" failed: measured modes = ${r.steps[2].metrics.modes}`);
    expect(errorReport(r.errors)).toMatch(/^1 error in the lessons:\n/);
  });

  it('keys depend on config and train target, not prose; shortFloat32 keeps float32 values exact', () => {
    const v = trainerVersion();
    const a = stepKeys(compile(chapter()).steps, v);
    const b = stepKeys(compile(chapter().replace('Start.', 'Begin.')).steps, v);
    expect(b).toEqual(a);
    expect(stepKeys(compile(chapter('discriminator.learningRate=0.002')).steps, v)[2]).not.toBe(a[2]);
    for (const x of [0.1, -1.2345678, 3.4e-12, 123456.78, 1 / 3]) {
      const f = Math.fround(x);
      expect(Math.fround(shortFloat32(f))).toBe(f);
      expect(String(shortFloat32(f)).length).toBeLessThanOrEqual(String(f).length);
    }
  });

  it("the trainer version covers the model's subfolders (a change in trainer/ or a registry re-bakes)", () => {
    const root = (inner: string) => {
      const r = tmp();
      mkdirSync(join(r, 'src/lab/model/trainer'), { recursive: true });
      writeFileSync(join(r, 'src/lab/model/config.ts'), 'export {};\n');
      writeFileSync(join(r, 'src/lab/model/trainer/step.ts'), inner);
      return r;
    };
    expect(trainerVersion(root('export const a = 1;\n'))).not.toBe(trainerVersion(root('export const a = 2;\n')));
    expect(trainerVersion(root('export const a = 1;\n'))).toBe(trainerVersion(root('export const a = 1;\n')));
  });

  it('bakes every run a chapter asks for (a figure beside the steps), each chained on its own', async () => {
    const a = compile(chapter());
    const b = compile(chapter().replace('seed=3', 'seed=5'));
    const dir = tmp();
    const r = await bakeRuns(a.file, [
      { by: 'step', checkpoints: a.steps },
      { by: 'figure', checkpoints: b.steps },
    ], { cacheDir: dir });
    expect(r.errors).toEqual([]);
    expect(r.runs.map((x) => x.by)).toEqual(['step', 'figure']);
    expect(r.steps).toBe(r.runs[0].steps);
    expect(r.trained).toBe(6);
    // each run's checkpoints are what baking it alone gives
    const aloneDir = tmp();
    const alone = await bakeChapter(b, { cacheDir: aloneDir });
    expect(alone.runs.map((x) => x.by)).toEqual(['step']);
    const keys = r.runs[1].steps.map((s) => s.key);
    expect(keys).toEqual(alone.steps.map((s) => s.key));
    expect(texts(dir, keys)).toEqual(texts(aloneDir, keys));
    expect(keys).not.toEqual(r.steps.map((s) => s.key));
  });

  it('the catalog finds the fixture chapter as a hidden route and reports no errors', () => {
    const cat = loadCatalog({ fixtures: true });
    expect(cat.errors.map(formatError)).toEqual([]);
    const fx = cat.chapters.find((c) => c.slug === '_fixture/fixture');
    expect(fx?.hidden).toBe(true);
    expect(fx?.compiled.steps.length).toBe(5);
    expect(readFileSync(join(process.cwd(), fx!.file), 'utf8')).toContain(':::step');
  });
});
