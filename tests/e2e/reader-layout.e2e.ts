// The lesson's lab at four window sizes (issue 12), in real Chromium against a test build: from 1280x720 up the
// canvas, the model graph and the step's chart (`chart=`, with a picker) are all in view, below the header, at the
// first step, a middle one and the end of the page; at 800x600 the lab sits beside the text and covers none of it;
// on a touch phone every layer chip and the model graph (folded in two rows) are in view and readable, and nothing
// scrolls sideways, in a lesson or in /lab/. Screenshots of each go to test-results/screenshots/reader-*.png.
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
        canvas: box('#lesson-lab .lab-canvas'), graph: box('#lesson-lab .lab-graph'), chart: box('#lesson-lab .lab-chart.is-front .lab-chart-plot svg'),
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

/** The size the graph's labels are drawn at, in CSS px (font size times the drawing's scale on screen). */
const labelPx = (page: Page, root: string) =>
  page.evaluate((sel) => {
    const svg = document.querySelector(`${sel} .lab-graph`) as SVGSVGElement;
    const label = svg.querySelector('.lab-graph-label') as SVGTextElement;
    return parseFloat(getComputedStyle(label).fontSize) * svg.getScreenCTM()!.a;
  }, root);

/** What a step asks to bring forward (`chart=`, from the page's step script). */
const stepChart = (page: Page, i: number) => page.evaluate((n) => JSON.parse(document.getElementById('lesson-data')!.textContent!).steps[n].chart as string, i);
/** The chart in front and the picker's pressed button. */
const front = (page: Page) =>
  page.evaluate(() => ({
    shown: (document.querySelector('#lesson-lab .lab-charts') as HTMLElement).dataset.chart,
    visible: Array.from(document.querySelectorAll('#lesson-lab .lab-chart')).filter((f) => f.getClientRects().length > 0).map((f) => (f as HTMLElement).dataset.chart),
    pressed: Array.from(document.querySelectorAll('#lesson-lab .lab-chart-tab[aria-pressed="true"]')).map((b) => (b as HTMLElement).dataset.chart),
  }));

const scrollToStep = (page: Page, i: number) =>
  page.evaluate((n) => document.querySelector(`section.step[data-step="${n}"]`)!.scrollIntoView({ block: 'start', behavior: 'instant' }), i);

/**
 * Step i active and its checkpoint shown, then scrolled to once more: under load a line can arrive in the lab after
 * the first scroll and grow it (the browser's scroll anchoring then holds the text still under it), which is not
 * what the layout checks are about.
 */
async function settledAt(page: Page, i: number) {
  await page.waitForFunction((n) => document.documentElement.dataset.activeStep === String(n) && document.documentElement.dataset.stepLoaded === String(n), i, { timeout: 60_000 });
  await boxes(page);
  await scrollToStep(page, i);
}

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
        await page.waitForSelector('#lesson-lab .lab-chart.is-front .lab-chart-plot svg', { timeout: 60_000 });
        const b = await boxes(page);
        for (const part of ['canvas', 'graph', 'chart', 'legend', 'top']) inView(b[part], b.header!, size, `${where}: ${part}`);
        expect(b.canvas!.width, 'a canvas worth looking at').toBeGreaterThanOrEqual(250);
        // the step's chart is the one in front, alone, and its picker button is pressed
        const active = Number(await page.evaluate(() => document.documentElement.dataset.activeStep));
        const want = await stepChart(page, active);
        expect(await front(page), `${where}: step ${active + 1}'s chart`).toEqual({ shown: want, visible: [want], pressed: [want] });
        // the graph's labels are drawn large enough to read (the one-row drawing drew them at 5-7 px here)
        expect(await labelPx(page, '#lesson-lab'), `${where}: graph labels`).toBeGreaterThanOrEqual(8);
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
      await settledAt(page, i);
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
    // A notice arriving once the reader is at a step ("this configuration is slow here") floats over the lab's foot:
    // the sticky lab does not grow over the step's first lines.
    const before = await boxes(page);
    await page.evaluate(() => (document.getElementById('lesson-lab') as HTMLElement & { labController: { notice(t: string, k: string): void } }).labController.notice('This configuration is slow here: one iteration takes about 2 s. It trains in small pieces, so Pause and edits still act at once.', 'info'));
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
    const noticed = await boxes(page);
    const notice = await page.evaluate(() => {
      const r = document.querySelector('#lesson-lab .lab-notice')!.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, height: r.height };
    });
    expect(notice.height).toBeGreaterThan(20);
    expect(noticed.col!.bottom, 'the lab keeps its height').toBeCloseTo(before.col!.bottom, 0);
    expect(noticed.active!.top, 'the step still starts below the lab').toBeGreaterThanOrEqual(noticed.col!.bottom - 0.5);
    expect(notice.top).toBeGreaterThanOrEqual(noticed.col!.top);
    expect(notice.bottom).toBeLessThanOrEqual(noticed.col!.bottom + 0.5);
    await screenshot(page, 'reader-375x740-phone-notice');
    await page.click('#lesson-lab .lab-notice-close');
    // A lab taller than the stylesheet's guess (other fonts wrap its chips: CI's Chromium without Arial's metrics
    // made it 19 px taller) still leaves a step scrolled to below it, not under it.
    await page.addStyleTag({ content: '.lesson-lab-col { padding-bottom: 60px !important; }' });
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
    await scrollToStep(page, 4);
    await settledAt(page, 4);
    const tall = await boxes(page);
    expect(tall.active!.top, 'a step scrolled to starts below the taller lab').toBeGreaterThanOrEqual(tall.col!.bottom - 0.5);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("1280x720: the chart picker brings another chart forward until the next step brings the step's own", async () => {
    const size = { width: 1280, height: 720 };
    const { page, errors } = await open(size, '#step-1');
    await loaded(page);
    expect(await stepChart(page, 0)).toBe('divergence');
    await page.waitForFunction(() => (document.querySelector('#lesson-lab .lab-charts') as HTMLElement | null)?.dataset.chart === 'divergence', null, { timeout: 30_000 });
    await page.click('#lesson-lab .lab-chart-tab[data-chart="losses"]');
    expect(await front(page)).toEqual({ shown: 'losses', visible: ['losses'], pressed: ['losses'] });
    const b = await boxes(page);
    inView(b.chart, b.header!, size, 'the picked chart');
    // a later step that names a chart brings it back
    const later = (await page.evaluate(() => JSON.parse(document.getElementById('lesson-data')!.textContent!).steps.map((s: { chart: string }) => s.chart))) as string[];
    const i = later.findIndex((c, k) => k > 0 && c !== 'losses');
    expect(i).toBeGreaterThan(0);
    await scrollToStep(page, i);
    await page.waitForFunction((n) => document.documentElement.dataset.stepLoaded === String(n), i, { timeout: 60_000 });
    expect(await front(page)).toEqual({ shown: later[i], visible: [later[i]], pressed: [later[i]] });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('375x740 touch phone: the model graph is shown in the lesson, folded in two rows, readable, in view', async () => {
    const size = { width: 375, height: 740 };
    const { page, errors } = await open(size, '#step-2', true);
    await loaded(page);
    await scrollToStep(page, 1);
    await page.waitForFunction(() => document.documentElement.dataset.activeStep === '1', null, { timeout: 10_000 });
    const b = await boxes(page);
    inView(b.graph, b.header!, size, 'graph');
    expect(b.graph!.bottom, 'the graph is part of the lab above the text').toBeLessThanOrEqual(b.col!.bottom + 0.5);
    expect(await page.evaluate(() => (document.querySelector('#lesson-lab .lab-graph') as SVGElement).dataset.layout)).toBe('compact');
    expect(await labelPx(page, '#lesson-lab'), 'graph labels').toBeGreaterThanOrEqual(9);
    const wrap = await page.evaluate(() => { const w = document.querySelector('#lesson-lab .lab-graph-box-wrap')!; return { scroll: w.scrollWidth, client: w.clientWidth }; });
    expect(wrap.scroll, 'the graph does not scroll sideways').toBeLessThanOrEqual(wrap.client);
    expect(b.active!.top, 'the step starts below the lab').toBeGreaterThanOrEqual(b.col!.bottom - 0.5);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width);
    await screenshot(page, 'reader-375x740-phone-graph');
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('/lab/ on a phone', () => {
  it('375x740 touch: no sideways scrolling; the layer chips and the folded graph are readable', async () => {
    const size = { width: 375, height: 740 };
    const context = await site.browser.newContext({ viewport: size, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${site.server.url}lab/?backend=wasm`);
    await page.waitForFunction(() => Number(document.getElementById('lab')!.dataset.iteration) > 0, null, { timeout: 90_000 });
    const over = await page.evaluate(() => {
      const el = (s: string) => document.querySelector(s) as HTMLElement;
      const wrap = el('#lab .lab-graph-box-wrap');
      return { doc: document.documentElement.scrollWidth, body: document.body.scrollWidth, wrap: wrap.scrollWidth, wrapClient: wrap.clientWidth, lab: el('#lab').scrollWidth, labClient: el('#lab').clientWidth };
    });
    expect(over.doc, 'the page does not scroll sideways').toBeLessThanOrEqual(size.width);
    expect(over.body).toBeLessThanOrEqual(size.width);
    expect(over.wrap, 'the graph does not scroll sideways').toBeLessThanOrEqual(over.wrapClient);
    expect(over.lab, 'nothing in the lab is wider than the lab').toBeLessThanOrEqual(over.labClient);
    expect(await page.evaluate(() => (document.querySelector('#lab .lab-graph') as SVGElement).dataset.layout)).toBe('compact');
    expect(await labelPx(page, '#lab'), 'graph labels').toBeGreaterThanOrEqual(9);
    const graph = (await page.locator('#lab .lab-graph').boundingBox())!;
    expect(graph.x).toBeGreaterThanOrEqual(0);
    expect(graph.x + graph.width).toBeLessThanOrEqual(size.width);
    const chips = await page.evaluate(() => Array.from(document.querySelectorAll('#lab .lab-layer')).map((c) => { const r = c.getBoundingClientRect(); return { left: r.left, right: r.right, font: parseFloat(getComputedStyle(c).fontSize) }; }));
    expect(chips.length).toBeGreaterThanOrEqual(5);
    for (const c of chips) {
      expect(c.left).toBeGreaterThanOrEqual(0);
      expect(c.right).toBeLessThanOrEqual(size.width);
      expect(c.font).toBeGreaterThanOrEqual(10);
    }
    await page.locator('#lab .lab-graph').scrollIntoViewIfNeeded();
    await screenshot(page, 'reader-lab-375x740');
    expect(errors).toEqual([]);
    await context.close();
  });
});
