// The reader's experience of a chapter page (issue 12), in real Chromium against a test build (`npm run build:test`):
// every view a pure function of the step (however the reader got there), reduced motion explained, the text and
// the lab's page without JavaScript, the page scrolling from anywhere, resizing without errors. The layout at four
// window sizes is in reader-layout.e2e.ts. WASM is forced for speed.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DIST_DIR, openPage, REPO_ROOT, useSite } from './harness';

const site = useSite();

interface StepData {
  index: number;
  train: number;
  mode: 'freeze' | 'play';
  compare: string | null;
}
const steps = (page: Page) => page.evaluate(() => JSON.parse(document.getElementById('lesson-data')!.textContent!).steps) as Promise<StepData[]>;
const arrived = (page: Page, i: number) =>
  page.waitForFunction((n) => document.documentElement.dataset.stepArrived === String(n), i, { timeout: 90_000 });
/** Step i's checkpoint is on screen (enough for steps without a manual step, which is all these tests compare). */
const loaded = (page: Page, i: number) =>
  page.waitForFunction((n) => document.documentElement.dataset.stepLoaded === String(n), i, { timeout: 90_000 });
const scrollToStep = (page: Page, i: number) =>
  page.evaluate((n) => document.querySelector(`section.step[data-step="${n}"]`)!.scrollIntoView({ block: 'start', behavior: 'instant' }), i);

/**
 * Everything the lesson's lab shows, as comparable text: the canvas's pixels and each graph miniature's (hashed),
 * each chart's drawing and caption, the counters (iteration, D/G updates, seed), the legend, the graph's highlight,
 * and every live value in the prose. A string (not a function) so the bundler's helpers never reach the page.
 */
const VIEWS = `(() => {
  const hash = (s) => { let h = 2166136261; for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 16777619); } return (h >>> 0).toString(16) + ':' + s.length; };
  const root = document.getElementById('lesson-lab');
  const q = (s) => Array.from(root.querySelectorAll(s));
  const svgText = (el) => el.innerHTML.replace(/ (id|href|clip-path)="[^"]*"/g, '').replace(/url\\(#[^)]*\\)/g, '');
  return {
    canvas: q('canvas.lab-canvas').map((c) => c.width + 'x' + c.height + ' ' + hash(c.toDataURL())),
    minis: q('canvas.lab-graph-mini').map((c) => hash(c.toDataURL())),
    // (a hidden chart shows nothing: what it last drew is not part of the picture)
    charts: q('.lab-chart').map((f) => (f.hidden ? { hidden: true } : { hidden: false, plot: hash(svgText(f.querySelector('.lab-chart-plot'))), caption: f.querySelector('.lab-chart-caption').textContent })),
    front: root.querySelector('.lab-charts')?.dataset.chart,
    picked: q('.lab-chart-tab[aria-pressed="true"]').map((b) => b.dataset.chart),
    iteration: root.dataset.iteration,
    counter: root.querySelector('.lab-iteration')?.textContent,
    counts: root.querySelector('.lab-counts')?.textContent,
    legend: q('.lab-layer[data-layer]').map((b) => b.dataset.layer + '=' + b.getAttribute('aria-pressed')),
    highlight: q('.lab-graph .is-active').map((e) => e.getAttribute('data-part') || e.getAttribute('data-edge') || e.getAttribute('class')).sort(),
    values: Array.from(document.querySelectorAll('.live-value')).map((v) => v.textContent),
  };
})()`;
type Views = Record<string, unknown>;
const views = (page: Page) => page.evaluate(VIEWS) as Promise<Views>;

/** The views once nothing changes any more: the step has arrived, the lab's queue is empty, two reads agree. */
async function settledViews(page: Page, i: number): Promise<Views> {
  await loaded(page, i);
  let last = '';
  for (;;) {
    await page.evaluate(async () => {
      await (document.getElementById('lesson-lab') as HTMLElement & { labController: { snapshot(): Promise<unknown> } }).labController.snapshot();
      for (let k = 0; k < 4; k++) await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 50)));
    });
    const v = await views(page);
    const s = JSON.stringify(v);
    if (s === last && (v.charts as { plot?: string; hidden: boolean }[]).every((c) => c.hidden || !c.plot!.endsWith(':0'))) return v;
    last = s;
  }
}

/** Scrolling to step i must end with exactly `want` on screen (polled until equal or 30 s; then the difference). */
async function expectViews(page: Page, i: number, want: Views, label: string) {
  await loaded(page, i);
  const wanted = JSON.stringify(want);
  const until = Date.now() + 30_000;
  for (;;) {
    // the lab's queue empty, a few frames painted (charts render one per frame after a paint)
    await page.evaluate(async () => {
      await (document.getElementById('lesson-lab') as HTMLElement & { labController: { snapshot(): Promise<unknown> } }).labController.snapshot();
      for (let k = 0; k < 3; k++) await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 30)));
    });
    const got = await views(page);
    if (JSON.stringify(got) === wanted) return;
    if (Date.now() > until) {
      expect(got, label).toEqual(want);
      return;
    }
  }
}

/**
 * Deep links to every step (the reference), then one page scrolled down through every step and back up: at each
 * step every view equals the deep link's. Under reduced motion, so a `play` step holds still and can be compared.
 */
async function scrollEqualsDeepLinks(chapter: string) {
  const url = `${site.server.url}${chapter}?backend=wasm`;
  const opts = { reducedMotion: true, viewport: { width: 1440, height: 900 } };
  const { page, consoleErrors } = await openPage(site.browser, url, opts);
  const all = await steps(page);
  const ref: Views[] = [];
  for (const s of all) {
    const deep = await openPage(site.browser, `${url}#step-${s.index + 1}`, opts);
    ref.push(await settledViews(deep.page, s.index));
    expect(deep.consoleErrors).toEqual([]);
    await deep.page.close();
  }
  const order = [...all.map((s) => s.index), ...all.map((s) => s.index).reverse().slice(1)];
  for (const [k, i] of order.entries()) {
    await scrollToStep(page, i);
    await expectViews(page, i, ref[i], `${chapter} step ${i + 1} (${k < all.length ? 'scrolling down' : 'scrolling up'})`);
  }
  expect(consoleErrors).toEqual([]);
  await page.close();
}

/** Deep-link pages open at once. */
const DEEP_LANES = 3;

/** The GAN lesson's English chapters, by the route's slug (the file name without its number). */
const EN_CHAPTERS = readdirSync(`${REPO_ROOT}/content/lessons/en/gan`)
  .filter((f) => /^\d+-.+\.md$/.test(f))
  .sort()
  .map((f) => f.replace(/^\d+-/, '').replace(/\.md$/, ''))
  // READER_CHAPTERS=slug,slug runs only those (to look into one)
  .filter((slug) => !process.env.READER_CHAPTERS || process.env.READER_CHAPTERS.split(',').includes(slug));

/**
 * Every step of a chapter whose lab is the chapter's own (a comparison figure's steps are compare.e2e.ts's): one
 * page walked down through them with J and back up with K, each step compared with its deep link (a fresh page
 * opened at `#step-n`: the reference). Under reduced motion, so a `play` step holds still and can be compared.
 * Returns how many steps it compared.
 */
async function walkEqualsDeepLinks(chapter: string): Promise<number> {
  const url = `${site.server.url}${chapter}?backend=wasm`;
  const opts = { reducedMotion: true, viewport: { width: 1440, height: 900 } };
  const { page, consoleErrors } = await openPage(site.browser, `${url}#step-1`, opts);
  const all = (await steps(page)).filter((s) => s.compare === null).map((s) => s.index);
  if (!all.length) {
    await page.close();
    return 0;
  }
  // the references: each step's anchor opened afresh, in DEEP_LANES pages at once (each waits on the lab's worker
  // and the page's frames more than on the CPU)
  const ref = new Map<number, Views>();
  const tDeep = Date.now();
  const lanes = Array.from({ length: Math.min(DEEP_LANES, all.length) }, (_, k) => all.filter((_, j) => j % DEEP_LANES === k));
  await Promise.all(
    lanes.map(async (lane) => {
      const deep = await openPage(site.browser, 'about:blank', opts);
      for (const i of lane) {
        await deep.page.goto(`${url}#step-${i + 1}`, { waitUntil: 'load' });
        await arrived(deep.page, i);
        ref.set(i, await settledViews(deep.page, i));
        await deep.page.goto('about:blank');
      }
      expect(deep.consoleErrors, `${chapter}: deep links`).toEqual([]);
      await deep.page.close();
    }),
  );
  const tWalk = Date.now();
  // the walk: J down from the first step, K back up
  if (all[0] !== 0) await scrollToStep(page, all[0]);
  await arrived(page, all[0]);
  await expectViews(page, all[0], ref.get(all[0])!, `${chapter} step ${all[0] + 1} (opened)`);
  const order = [...all.slice(1), ...all.slice(0, -1).reverse()];
  let at = all[0];
  for (const [k, i] of order.entries()) {
    const down = k < all.length - 1;
    if (Math.abs(i - at) === 1) await page.keyboard.press(down ? 'j' : 'k');
    else await scrollToStep(page, i);
    at = i;
    await arrived(page, i);
    await expectViews(page, i, ref.get(i)!, `${chapter} step ${i + 1} (${down ? 'J: down' : 'K: up'})`);
  }
  expect(consoleErrors, chapter).toEqual([]);
  await page.close();
  console.log(`identity: ${chapter}: deep links ${((tWalk - tDeep) / 1000).toFixed(1)} s, walk ${((Date.now() - tWalk) / 1000).toFixed(1)} s`);
  return all.length;
}

describe('every view is a function of the step', () => {
  it('fixture: steps that end at the same iteration from different seeds and losses', async () => {
    await scrollEqualsDeepLinks('lessons/_fixture/same-iteration/');
  }, 600_000);

  // Every ordinary step of every English chapter (the defect the issue found on mode collapse: two steps at one
  // iteration showed the same charts and seed; mode collapse's steps are now a comparison figure's, which
  // compare.e2e.ts checks against their deep links).
  it('every English chapter: walking the steps with J and K shows what each deep link shows', async () => {
    const t0 = Date.now();
    let n = 0;
    for (const slug of EN_CHAPTERS) {
      const t = Date.now();
      const k = await walkEqualsDeepLinks(`lessons/en/gan/${slug}/`);
      n += k;
      console.log(`identity: ${slug}: ${k} steps in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
    console.log(`identity: ${n} steps of ${EN_CHAPTERS.length} chapters in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    if (!process.env.READER_CHAPTERS) expect(n).toBeGreaterThanOrEqual(45);
  }, 900_000);
});

describe('reduced motion', () => {
  it('a play step frozen for reduced motion says so, and its button plays the lab', async () => {
    const { page, consoleErrors } = await openPage(site.browser, `${site.server.url}lessons/_fixture/fixture/?backend=wasm#step-5`, { reducedMotion: true });
    await arrived(page, 4);
    const hint = page.locator('section.step[data-step="4"] .step-motion-hint');
    expect(await hint.isVisible()).toBe(true);
    expect(await hint.textContent()).toMatch(/reduced motion/);
    // only play steps carry it
    expect(await page.locator('.step-motion-hint').count()).toBe((await steps(page)).filter((s) => s.mode === 'play').length);
    expect(await page.evaluate(() => document.getElementById('lesson-lab')!.dataset.status)).toBe('paused');
    await hint.locator('button').click();
    await page.waitForFunction(() => Number(document.getElementById('lesson-lab')!.dataset.iteration) > 600, null, { timeout: 60_000 });
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('without reduced motion there is no such note', async () => {
    const { page } = await openPage(site.browser, `${site.server.url}lessons/_fixture/fixture/?backend=wasm#step-5`);
    await loaded(page, 4);
    expect(await page.locator('.step-motion-hint').count()).toBe(0);
    await page.close();
  });
});

describe('without JavaScript', () => {
  it("the prose's values read the step's baked numbers, which the live values then match", async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    // every value inside a step of the GAN lesson is a number (a loss before the first iteration is a dash)
    let numbers = 0;
    for (const slug of ['what-is-a-gan', 'training-to-convergence', 'mode-collapse', 'losses']) {
      await page.goto(`${site.server.url}lessons/en/gan/${slug}/`);
      const values = page.locator('section.step .live-value');
      for (let k = 0; k < (await values.count()); k++) {
        const v = values.nth(k);
        const text = (await v.textContent())!;
        if (text === '–') expect(await v.getAttribute('data-metric'), `${slug}: value ${k + 1}`).toMatch(/^[dg]Loss$/);
        else {
          // a share written as a percentage (format=percent) ends in %, every other value is a bare number
          const percent = (await v.getAttribute('data-format')) === 'percent';
          expect(text, `${slug}: value ${k + 1}`).toMatch(percent ? /^[<>]?[\d,]+(\.\d+)?%$/ : /^-?[\d,]+(\.\d+)?$/);
          numbers += 1;
        }
      }
    }
    expect(numbers).toBeGreaterThan(5);
    await page.goto(`${site.server.url}lessons/_fixture/fixture/`);
    const baked = await page.textContent('section.step[data-step="3"] .live-value');
    expect(baked).toMatch(/^\d$/);
    await context.close();
    // with JavaScript, at that step, the live value is the same number
    const { page: live } = await openPage(site.browser, `${site.server.url}lessons/_fixture/fixture/?backend=wasm#step-4`, { reducedMotion: true });
    await loaded(live, 3);
    await live.waitForFunction((b) => document.querySelector('section.step[data-step="3"] .live-value')!.textContent === b, baked, { timeout: 30_000 }).catch(() => undefined);
    expect(await live.textContent('section.step[data-step="3"] .live-value')).toBe(baked);
    await live.close();
  });

  it('the lab page says it needs JavaScript, not "Loading the lab…"', async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site.server.url}lab/`);
    expect(await page.isVisible('text=needs JavaScript')).toBe(true);
    expect(await page.isVisible('text=Loading the lab')).toBe(false);
    await context.close();
    const { page: js, consoleErrors } = await openPage(site.browser, `${site.server.url}lab/?backend=wasm`);
    expect(await js.isVisible('text=needs JavaScript')).toBe(false);
    await js.waitForFunction(() => Number(document.getElementById('lab')!.dataset.iteration) > 0, null, { timeout: 60_000 });
    expect(consoleErrors).toEqual([]);
    await js.close();
  });
});

describe('scrolling and resizing', () => {
  it('the wheel over the lab column scrolls the page', async () => {
    const { page } = await openPage(site.browser, `${site.server.url}lessons/_fixture/fixture/?backend=wasm#step-2`, { viewport: { width: 1280, height: 720 } });
    await loaded(page, 1);
    const box = (await page.locator('.lesson-lab-col .lab-canvas').boundingBox())!;
    const before = await page.evaluate(() => scrollY);
    for (let k = 0; k < 3; k++) {
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.wheel(0, 300);
      await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
    }
    await page.waitForFunction((y) => scrollY > y + 300, before, { timeout: 10_000 }).catch(() => undefined);
    expect(await page.evaluate(() => scrollY)).toBeGreaterThan(before + 300);
    await page.close();
  });

  it('resizing and rotating give no page errors, and the active step follows the new geometry', async () => {
    const { page, consoleErrors } = await openPage(site.browser, `${site.server.url}lessons/_fixture/fixture/?backend=wasm#step-2`, { viewport: { width: 1280, height: 720 } });
    await loaded(page, 1);
    for (const [w, h] of [
      [1440, 900],
      [800, 600],
      [375, 740],
      [740, 375],
      [1280, 720],
    ]) {
      await page.setViewportSize({ width: w, height: h });
      await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
      await scrollToStep(page, 3);
      await page.waitForFunction(() => document.documentElement.dataset.activeStep === '3', null, { timeout: 10_000 });
      await scrollToStep(page, 1);
      await page.waitForFunction(() => document.documentElement.dataset.activeStep === '1', null, { timeout: 10_000 });
    }
    expect(consoleErrors).toEqual([]);
    await page.close();
  });
});

describe('the site a plain build makes', () => {
  it('a test build (this one) has the fixtures; the plain build is checked in base-path.e2e.ts', () => {
    expect(existsSync(join(DIST_DIR, 'lessons', '_fixture', 'fixture', 'index.html'))).toBe(true);
  });
});
