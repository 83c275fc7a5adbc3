// The lesson's lab at four window sizes (issue 12), in real Chromium against a test build: from 1280x720 up the
// canvas, the model graph and the charts are all in view, below the header, at the first step, a middle one and the
// end of the page; at 800x600 the lab sits beside the text and covers none of it; on a touch phone every layer chip
// is in view and nothing scrolls sideways. Screenshots of each go to test-results/screenshots/reader-*.png.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, useSite } from './harness';

const site = useSite();
// A chapter of ordinary steps (mode collapse's are a comparison figure's: compare.e2e.ts covers its layout).
const CHAPTER = 'lessons/en/gan/hyperparameters/';

type Box = { top: number; bottom: number; left: number; right: number; width: number; height: number };

async function open(size: { width: number; height: number }, hash: string, touch = false) {
  const context = await site.browser.newContext({ viewport: size, hasTouch: touch, isMobile: touch });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('close', () => void context.close().catch(() => undefined));
  await page.goto(`${site.server.url}${CHAPTER}?backend=wasm${hash}`);
  return { page, errors };
}

const loaded = (page: Page) => page.waitForFunction(() => document.documentElement.dataset.stepLoaded !== undefined, null, { timeout: 90_000 });

/** Boxes of the header and the lab's parts, once the layout holds still for two frames. */
async function boxes(page: Page): Promise<Record<string, Box | null>> {
  let last = '';
  for (;;) {
    const now = (await page.evaluate(`(() => {
      const box = (s) => { const e = document.querySelector(s); if (!e || !e.getClientRects().length) return null; const b = e.getBoundingClientRect(); return { top: b.top, bottom: b.bottom, left: b.left, right: b.right, width: b.width, height: b.height }; };
      return new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => ok({
        header: box('.site-header'), col: box('.lesson-lab-col'), text: box('.lesson-text'), active: box('section.step.is-active'),
        canvas: box('#lesson-lab .lab-canvas'), graph: box('#lesson-lab .lab-graph'), chart: box('#lesson-lab .lab-chart-losses .lab-chart-plot svg'),
        legend: box('#lesson-lab .lab-legend'), top: box('#lesson-lab .lab-top'),
      }))));
    })()`)) as Record<string, Box | null>;
    const s = JSON.stringify(now);
    if (s === last) return now;
    last = s;
  }
}

/** `b` lies wholly in the window below the header. */
function inView(b: Box | null, header: Box, size: { width: number; height: number }, what: string) {
  expect(b, `${what} is shown`).not.toBeNull();
  expect(b!.height, `${what} has a height`).toBeGreaterThan(20);
  expect(b!.top, `${what}: top below the header`).toBeGreaterThanOrEqual(header.bottom - 0.5);
  expect(b!.bottom, `${what}: bottom in the window`).toBeLessThanOrEqual(size.height + 0.5);
  expect(b!.left, `${what}: left in the window`).toBeGreaterThanOrEqual(-0.5);
  expect(b!.right, `${what}: right in the window`).toBeLessThanOrEqual(size.width + 0.5);
}

const scrollToStep = (page: Page, i: number) =>
  page.evaluate((n) => document.querySelector(`section.step[data-step="${n}"]`)!.scrollIntoView({ block: 'start', behavior: 'instant' }), i);

describe('the lesson lab fits the window', () => {
  for (const size of [
    { width: 1440, height: 900 },
    { width: 1280, height: 720 },
  ]) {
    it(`${size.width}x${size.height}: canvas, graph and charts in view at the start, a middle step and the end`, async () => {
      const { page, errors } = await open(size, '#step-1');
      await loaded(page);
      const steps = await page.locator('section.step').count();
      for (const where of ['start', 'middle', 'end'] as const) {
        if (where === 'middle') await scrollToStep(page, Math.floor(steps / 2));
        if (where === 'end') await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
        await page.waitForFunction(() => document.documentElement.dataset.stepLoaded !== undefined, null, { timeout: 90_000 });
        await page.waitForSelector('#lesson-lab .lab-chart-losses .lab-chart-plot svg', { timeout: 60_000 });
        const b = await boxes(page);
        for (const part of ['canvas', 'graph', 'chart', 'legend', 'top']) inView(b[part], b.header!, size, `${where}: ${part}`);
        expect(b.canvas!.width, 'a canvas worth looking at').toBeGreaterThanOrEqual(250);
        // side by side: the lab never covers the text
        expect(b.col!.left).toBeGreaterThanOrEqual(b.text!.right);
        await screenshot(page, `reader-${size.width}x${size.height}-${where}`);
      }
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('800x600: the lab sits beside the text, covering none of it, canvas and chips in view', async () => {
    const size = { width: 800, height: 600 };
    const { page, errors } = await open(size, '#step-2');
    await loaded(page);
    for (const i of [1, 4]) {
      await scrollToStep(page, i);
      await page.waitForFunction((n) => document.documentElement.dataset.activeStep === String(n), i, { timeout: 10_000 });
      const b = await boxes(page);
      expect(b.col!.left, 'the lab is beside the text').toBeGreaterThanOrEqual(b.text!.right);
      expect(b.active!.top, "the step's first line is in view").toBeGreaterThanOrEqual(b.header!.bottom);
      for (const part of ['canvas', 'legend', 'top']) inView(b[part], b.header!, size, `step ${i + 1}: ${part}`);
    }
    await screenshot(page, 'reader-800x600');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('375x740 touch phone: the lab above the text, every layer chip in view, no sideways scrolling', async () => {
    const size = { width: 375, height: 740 };
    const { page, errors } = await open(size, '#step-3', true);
    await loaded(page);
    for (const i of [2, 6]) {
      await scrollToStep(page, i);
      await page.waitForFunction((n) => document.documentElement.dataset.activeStep === String(n), i, { timeout: 10_000 });
      const b = await boxes(page);
      for (const part of ['canvas', 'legend', 'top']) inView(b[part], b.header!, size, `step ${i + 1}: ${part}`);
      expect(b.active!.top, 'the step starts below the lab').toBeGreaterThanOrEqual(b.col!.bottom - 0.5);
      // every chip is on screen and is what a tap there reaches (nothing clips or covers it)
      const chips = await page.evaluate(`Array.from(document.querySelectorAll('#lesson-lab .lab-layer')).map((c) => {
        const r = c.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return { name: c.textContent, top: r.top, bottom: r.bottom, left: r.left, right: r.right, reached: !!hit && c.contains(hit) };
      })`) as { name: string; top: number; bottom: number; left: number; right: number; reached: boolean }[];
      expect(chips.length).toBeGreaterThanOrEqual(5);
      for (const c of chips) {
        expect(c.reached, `chip ${c.name} can be tapped`).toBe(true);
        expect(c.left).toBeGreaterThanOrEqual(0);
        expect(c.right).toBeLessThanOrEqual(size.width);
      }
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width);
    await screenshot(page, 'reader-375x740-phone');
    expect(errors).toEqual([]);
    await page.close();
  });
});
