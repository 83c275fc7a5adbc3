// npm run bench:faults [-- --dir <built site>] [--backends wasm,cpu] [--edits 200] [--heavy-timeout 120] [--edit rate|picture]
// Two responsiveness figures of the live lab (/lab) on a BUILT site in headless Chromium (issue 13). Figures, not a
// test; the machine's load average is printed beside them.
//
// drain: while the lab plays the standard network, 200 learning-rate edits are made as fast as the page can make
//   them (one controller.setConfig each, as the settings field does on every input event); the time until every
//   edit's promise has settled and the lab shows the last value, and the longest gap between animation frames
//   meanwhile (main-thread stalls).
// heavy: a heavy but valid config (G and D 6x128, batch 1024, 10 D + 10 G steps, minibatch std, speed 10) plays;
//   after a warm-up, Pause is pressed and the time until the lab reports 'paused' is measured, then a settings edit
//   (a learning rate; with `--edit picture`, G's activation, which changes what the lab shows) and the time until
//   it has applied; then Play again, and so on, `--trials` times (default 6)
//   at different moments of the run (the latency depends on what the trainer is doing when Pause comes): the
//   median and the worst of each.
// --dir serves another build (say, one of the previous commit) so before and after run in one process.
import { loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { DIST_DIR, launchBrowser, openPage, startServer } from '../tests/e2e/harness';

const args = process.argv.slice(2);
const opt = (name: string, def: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : def;
};
const dirs = opt('dir', DIST_DIR).split(',');
const backends = opt('backends', 'wasm,cpu').split(',');
const edits = Number(opt('edits', '200'));
const heavyTimeoutMs = Number(opt('heavy-timeout', '120')) * 1000;
const trials = Number(opt('trials', '6'));
const editKind = opt('edit', 'rate');
if (editKind !== 'rate' && editKind !== 'picture') throw new Error(`--edit: rate or picture, not ${editKind}`);

const STANDARD = 'distribution=ring8&batchSize=128&generator.layers=2&generator.neurons=16&discriminator.layers=2&discriminator.neurons=16';
const HEAVY = 'generator.layers=6&generator.neurons=128&discriminator.layers=6&discriminator.neurons=128&batchSize=1024&dSteps=10&gSteps=10&minibatchStd=true';

async function ready(page: Page) {
  // tsx (esbuild, keepNames) wraps named functions in the page callbacks with __name(): give the page one.
  await page.evaluate('globalThis.__name = globalThis.__name || ((f) => f)');
  await page.waitForFunction(() => {
    const el = document.getElementById('lab') as (HTMLElement & { labController?: unknown }) | null;
    return !!el?.labController && el.dataset.backend !== 'loading';
  }, null, { timeout: 120_000 });
}

async function drain(page: Page, n: number) {
  await page.waitForFunction(() => Number(document.getElementById('lab')!.dataset.iteration) > 0, null, { timeout: 120_000 });
  return page.evaluate(async (count) => {
    const ctl = (document.getElementById('lab') as any).labController;
    let last = performance.now();
    let maxGap = 0;
    let on = true;
    const raf = () => {
      const t = performance.now();
      maxGap = Math.max(maxGap, t - last);
      last = t;
      if (on) requestAnimationFrame(raf);
    };
    requestAnimationFrame(raf);
    const t0 = performance.now();
    const all: Promise<unknown>[] = [];
    for (let i = 0; i < count; i++) all.push(ctl.setConfig({ discriminator: { learningRate: 0.001 + (i + 1) * 1e-6 } }).catch(() => undefined));
    await Promise.all(all);
    const ms = performance.now() - t0;
    on = false;
    const lr = ctl.config.discriminator.learningRate;
    return { ms, maxGap, lastApplied: Math.abs(lr - (0.001 + count * 1e-6)) < 1e-12 };
  }, n);
}

async function heavy(page: Page, timeoutMs: number) {
  // Warm-up: let it play until its first iteration lands or 10 s pass, whichever is first.
  const t0 = Date.now();
  await page.waitForFunction(() => Number(document.getElementById('lab')!.dataset.iteration) > 0, null, { timeout: 10_000 }).catch(() => undefined);
  const warm = Date.now() - t0;
  const firstIteration = Number(await page.evaluate(() => document.getElementById('lab')!.dataset.iteration));
  return page.evaluate(async ({ limit, trials, picture }) => {
    const root = document.getElementById('lab')!;
    const ctl = (root as any).labController;
    const button = root.querySelector('.lab-play') as HTMLButtonElement;
    const until = (cond: () => boolean) =>
      new Promise<number>((resolve) => {
        const t0 = performance.now();
        const poll = () => (cond() ? resolve(performance.now() - t0) : performance.now() - t0 > limit ? resolve(Infinity) : setTimeout(poll, 5));
        poll();
      });
    const wasPlaying = root.dataset.status === 'playing';
    const pauses: number[] = [], edits: number[] = [];
    for (let k = 0; k < trials; k++) {
      if (k > 0) {
        button.click(); // Play
        // Pause at a different moment of the run each time: 0.6 to 2.6 s after Play.
        await new Promise((r) => setTimeout(r, 600 + ((k * 733) % 2000)));
      }
      button.click(); // Pause
      pauses.push(await until(() => root.dataset.status === 'paused'));
      const t1 = performance.now();
      let editMs = Infinity;
      const patch = picture ? { generator: { activation: k % 2 ? 'relu' : 'tanh' } } : { generator: { learningRate: 0.002 + k * 1e-4 } };
      await Promise.race([ctl.setConfig(patch).then(() => (editMs = performance.now() - t1)), new Promise((r) => setTimeout(r, limit))]);
      edits.push(editMs);
    }
    return { wasPlaying, pauses, edits, iteration: Number(root.dataset.iteration) };
  }, { limit: timeoutMs, trials, picture: editKind === 'picture' }).then((r) => ({ ...r, warmMs: warm, iterationAtPause: firstIteration }));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const spread = (xs: number[]) => `median ${fmt(median(xs))}, worst ${fmt(Math.max(...xs))}`;

const fmt = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : `> ${heavyTimeoutMs / 1000} s`);

async function main() {
  const browser = await launchBrowser();
  try {
    for (const dir of dirs) {
      const server = await startServer({ dir });
      try {
        console.log(`site: ${dir}`);
        for (const b of backends) {
          const { page } = await openPage(browser, `${server.url}lab/?backend=${b}&${STANDARD}`);
          await ready(page);
          const r = await drain(page, edits);
          console.log(`  drain ${edits} edits, ${b}: ${fmt(r.ms)} (longest frame gap ${Math.round(r.maxGap)} ms; last value applied: ${r.lastApplied}) [load ${loadavg()[0].toFixed(1)}]`);
          await page.context().close();
        }
        const b = backends[0];
        const { page } = await openPage(browser, `${server.url}lab/?backend=${b}&${HEAVY}`);
        await ready(page);
        const r = await heavy(page, heavyTimeoutMs);
        console.log(`  heavy config, ${b}, ${trials} pauses: pause ${spread(r.pauses)}; edit (${editKind === 'picture' ? "G's activation" : 'a learning rate'}) ${spread(r.edits)} (first pressed after ${(r.warmMs / 1000).toFixed(1)} s at iteration ${r.iterationAtPause}; playing: ${r.wasPlaying}; iteration ${r.iteration} at the end) [load ${loadavg()[0].toFixed(1)}]`);
        console.log(`    pauses: ${r.pauses.map((ms) => Math.round(ms)).join(', ')} ms; edits: ${r.edits.map((ms) => Math.round(ms)).join(', ')} ms`);
        await page.context().close();
      } finally {
        await server.close();
      }
    }
  } finally {
    await browser.close();
  }
}

await main();
