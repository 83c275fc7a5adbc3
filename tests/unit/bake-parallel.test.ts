// Baking on every core (src/lessons/bake-parallel.ts): worker threads must write the very files a serial bake
// writes, report the same claims, train a shared script once, and leave an edited chapter's unchanged steps alone.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bakeAll } from '../../src/lessons/bake';
import { BakeCache, trainerVersion } from '../../src/lessons/bake-cache';
import { pendingTasks } from '../../src/lessons/bake-parallel';
import { compileChapter, formatError } from '../../src/lessons/index';
import { chapterRuns } from '../../src/lessons/directives/index';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'bake-parallel-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const chapter = (seed: number, lr = '0.005', claim = 'iteration==90') => `---
title: Parallel bake ${seed}
summary: A tiny chapter for the parallel baking tests.
order: ${seed}
---

::lab{distribution=ring8 seed=${seed} generator.layers=1 generator.neurons=8 discriminator.layers=1 discriminator.neurons=8 batchSize=32}

:::step{train=0}
Start.
:::

:::step{train=40 minibatchStd=true}
Some training.
:::

:::step{train=90 discriminator.learningRate=${lr} expect="${claim}"}
More training.
:::
`;

const compile = (md: string, file: string) => {
  const c = compileChapter(md, { file });
  expect(c.errors.map(formatError)).toEqual([]);
  return c;
};

/** Every file the bake wrote, by name, as a hash of its bytes. */
function hashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir).sort()) out[f] = createHash('sha256').update(readFileSync(join(dir, f))).digest('hex');
  return out;
}

describe('baking in worker threads', () => {
  // three chapters, one of them a translation (the same script: its checkpoints are the English one's), and a
  // failed claim, which must be reported the same way
  const chapters = [
    compile(chapter(3), 'content/lessons/en/test/01-a.md'),
    compile(chapter(4, '0.005', 'iteration>100'), 'content/lessons/en/test/02-b.md'),
    compile(chapter(3), 'content/lessons/zh/test/01-a.md'),
  ];

  it('writes the same snapshots and metrics as a serial bake, and the same errors', async () => {
    const [serialDir, parallelDir] = [tmp(), tmp()];
    const serial = await bakeAll(chapters, { cacheDir: serialDir, workers: 1 });
    const parallel = await bakeAll(chapters, { cacheDir: parallelDir, workers: 2 });
    expect(serial.workers).toBe(0);
    expect(parallel.workers).toBe(2);
    expect(parallel.notes).toEqual([]);
    expect(parallel.keys).toEqual(serial.keys);
    expect(Object.keys(hashes(parallelDir)).length).toBe(2 * new Set(serial.keys).size);
    expect(hashes(parallelDir)).toEqual(hashes(serialDir));
    expect(parallel.errors.map(formatError)).toEqual(serial.errors.map(formatError));
    expect(parallel.errors.map((e) => e.message)).toEqual(['expect "iteration>100" failed: measured iteration = 90']);
    expect(parallel.chapters.map((c) => c.steps.map((s) => s.metrics))).toEqual(serial.chapters.map((c) => c.steps.map((s) => s.metrics)));
    // the translation's steps were trained once, by the English chapter's task, and count so
    expect(parallel.chapters[2].steps.map((s) => s.key)).toEqual(parallel.chapters[0].steps.map((s) => s.key));
    expect(parallel.chapters.map((c) => c.trained)).toEqual(serial.chapters.map((c) => c.trained));
    expect(parallel.chapters.map((c) => c.trained)).toEqual([3, 3, 0]);
  });

  it("a comparison figure's columns wait for the chapter's steps they start from, then train in parallel", async () => {
    const fixture = compile(readFileSync('tests/fixtures/lessons/good/04-compare.md', 'utf8'), 'content/lessons/en/test/04-compare.md');
    const runs = chapterRuns(fixture);
    expect(runs.map((r) => r.by)).toEqual(['step', 'compare', 'compare', 'compare', 'compare']);
    const tasks = pendingTasks([{ file: fixture.file, runs }], new BakeCache(tmp()), 'v', false);
    // the steps' first checkpoint is shared by all five runs; then the steps and each column with changes go their
    // own way (the plain column is the steps' own checkpoints: nothing to add)
    expect(tasks.map((t) => [t.after, t.trains, t.by])).toEqual([[null, 1, 'step'], [0, 3, 'step'], [0, 2, 'compare'], [0, 2, 'compare'], [0, 2, 'compare']]);
    for (const t of tasks.slice(1)) expect(tasks[0].priority).toBeGreaterThanOrEqual(t.priority);
    const [serialDir, parallelDir] = [tmp(), tmp()];
    const serial = await bakeAll([fixture], { cacheDir: serialDir, workers: 1 });
    const parallel = await bakeAll([fixture], { cacheDir: parallelDir, workers: 2 });
    expect(parallel.workers).toBe(2);
    expect(parallel.notes).toEqual([]);
    expect(serial.errors).toEqual([]);
    expect(parallel.errors).toEqual([]);
    expect(hashes(parallelDir)).toEqual(hashes(serialDir));
    expect(parallel.chapters[0].trained).toBe(serial.chapters[0].trained);
  });

  it('plans one task per distinct script, nothing when cached, and only the changed steps after an edit', async () => {
    const dir = tmp();
    const cache = new BakeCache(dir);
    const plan = (cs = chapters) => pendingTasks(cs.map((c) => ({ file: c.file, runs: chapterRuns(c) })), cache, 'v', false);
    expect(plan().map((t) => t.file)).toHaveLength(2);
    await bakeAll(chapters, { cacheDir: dir, workers: 2 });
    expect(pendingTasks(chapters.map((c) => ({ file: c.file, runs: chapterRuns(c) })), cache, trainerVersion(), false)).toEqual([]);
    const edited = [compile(chapter(3, '0.002'), chapters[0].file), ...chapters.slice(1)];
    const again = await bakeAll(edited, { cacheDir: dir, workers: 2 });
    // only the edited third step trains (resuming from the cached second)
    expect(again.chapters.map((c) => c.trained)).toEqual([1, 0, 0]);
    expect(again.chapters[0].steps.map((s) => s.cached)).toEqual([true, true, false]);
  });
});
