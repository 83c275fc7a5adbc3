// bench:lessons' author row: in `astro dev`, the time from saving a chapter whose step's `train` grew by 300
// iterations to the page showing that step's new checkpoint (the watcher's reload, the page and lab starting
// again, the on-demand bake of those 300 iterations). The step's new checkpoints are removed from the bake cache
// before each run, so every run trains. The fixture chapter is edited and always put back.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { CACHE_DIR, stepKeys, trainerVersion } from '../src/lessons/bake-cache';
import { compileChapter } from '../src/lessons/index';
import { editableFile, startDevServer } from '../tests/e2e/dev-harness';
import { REPO_ROOT, openPage } from '../tests/e2e/harness';

const FIXTURE = 'tests/fixtures/lessons/good/01-fixture.md';
// Step 4 (400 -> 700) is the step measured; step 5 moves along (600 -> 900), since targets only go forward.
const EDITS: [string, string][] = [
  [':::step{train=400 ', ':::step{train=700 '],
  [':::step{train=600 ', ':::step{train=900 '],
];

export async function editToScreen(browser: Browser, runs = 3): Promise<number[]> {
  const file = editableFile(FIXTURE);
  let edited = file.original;
  for (const [from, to] of EDITS) {
    if (!edited.includes(from)) throw new Error(`${FIXTURE} no longer has ${from}`);
    edited = edited.replace(from, to);
  }
  // The checkpoints the edit creates (step 4 and the step after it, which resumes from it).
  const keys = stepKeys(compileChapter(edited, { file: FIXTURE }).steps, trainerVersion(REPO_ROOT)).slice(3);
  const dev = await startDevServer();
  const times: number[] = [];
  try {
    const { page } = await openPage(browser, `${dev.url}lessons/_fixture/fixture/?backend=wasm#step-4`);
    // Step 4 shown at this iteration (or the chapter's error page, which stops the benchmark). Polled through the
    // reloads the dev server triggers.
    const at = async (iteration: string) => {
      const until = Date.now() + 300_000;
      for (;;) {
        const seen = await page
          .evaluate((it) => {
            const report = document.querySelector('.lesson-error-report');
            if (report) return report.textContent ?? 'error';
            const d = document.documentElement.dataset;
            return d.stepLoaded === '3' && d.stepIteration === it;
          }, iteration)
          .catch(() => false); // reloading
        if (seen === true) return;
        if (typeof seen === 'string') throw new Error(`the edited chapter does not build:\n${seen}`);
        if (Date.now() > until) throw new Error(`step 4 was not shown at iteration ${iteration} within 300 s`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    await at('400');
    for (let i = 0; i < runs; i++) {
      for (const k of keys) for (const f of [`${k}.json`, `${k}.metrics.json`]) rmSync(join(REPO_ROOT, CACHE_DIR, f), { force: true });
      const t0 = Date.now();
      file.write(edited);
      await at('700');
      times.push(Date.now() - t0);
      file.restore();
      await at('400');
    }
    await page.close();
  } finally {
    file.restore();
    dev.close();
  }
  return times;
}
