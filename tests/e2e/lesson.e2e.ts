// A chapter page in real Chromium, against a test build (run `npm run build:test` first: it includes the fixtures), on the fixture chapter
// (tests/fixtures/lessons/good/01-fixture.md, built at /lessons/_fixture/fixture/). The state shown at each
// step must be that step's baked checkpoint however the reader got there. WASM is forced for speed.
import type { Page, Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, screenshot, useSite } from './harness';

const site = useSite();

const CHAPTER = 'lessons/_fixture/fixture/';
const LAYERS = ['real', 'fake', 'manifold', 'heatmap', 'gradients'] as const;

interface StepData {
  index: number;
  id: string;
  train: number;
  mode: 'freeze' | 'play';
  manualStep: string | null;
  layers: Record<(typeof LAYERS)[number], boolean>;
  config: Record<string, unknown>;
}

async function open(hash = '', opts: Parameters<typeof openPage>[2] = {}) {
  const opened = await openPage(site.browser, `${site.server.url}${CHAPTER}?backend=wasm${hash}`, opts);
  return { ...opened, settled: trackSnapshots(opened.page) };
}

/**
 * "Nothing changes any more" as a condition rather than a sleep: every baked snapshot the page requested (since
 * it loaded) has arrived, the page has painted twice since (so the steps' code waiting on those responses has
 * run, and queued whatever it would), and the lab has run every operation queued so far (a snapshot read goes to
 * the back of its queue). A stale step that still changed the lab would have done so by then.
 */
function trackSnapshots(page: Page): () => Promise<void> {
  const pending = new Set<Request>();
  let waiters: (() => void)[] = [];
  const done = (r: Request) => {
    pending.delete(r);
    if (pending.size) return;
    waiters.forEach((ok) => ok());
    waiters = [];
  };
  page.on('request', (r) => void (r.url().includes('/baked/') && pending.add(r)));
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return async () => {
    if (pending.size) {
      await new Promise<void>((ok, fail) => {
        const timer = setTimeout(() => fail(new Error(`${pending.size} snapshot request(s) still pending after 30 s`)), 30_000);
        waiters.push(() => {
          clearTimeout(timer);
          ok();
        });
      });
    }
    await page.evaluate(async () => {
      const frame = () => new Promise((ok) => requestAnimationFrame(ok));
      await frame();
      await frame();
      await (document.getElementById('lesson-lab') as HTMLElement & { labController: { snapshot(): Promise<unknown> } }).labController.snapshot();
    });
  };
}

/** Waits until the boxes of `selectors` are the same on two animation frames in a row (layout has settled). */
async function layoutSettled(page: Page, selectors: string[]) {
  await page.evaluate(() => delete (window as { lessonBoxes?: string }).lessonBoxes);
  // polled once per animation frame: true when this frame's boxes equal the previous frame's
  await page.waitForFunction(
    (sels) => {
      const w = window as { lessonBoxes?: string };
      const now = JSON.stringify(sels.map((s) => document.querySelector(s)!.getBoundingClientRect()));
      const same = w.lessonBoxes === now;
      w.lessonBoxes = now;
      return same;
    },
    selectors,
    { timeout: 10_000 },
  );
}

const steps = (page: Page) => page.evaluate(() => JSON.parse(document.getElementById('lesson-data')!.textContent!).steps) as Promise<StepData[]>;

async function waitLoaded(page: Page, i: number) {
  await page.waitForFunction((n) => document.documentElement.dataset.stepLoaded === String(n), i, { timeout: 60_000 });
}

async function scrollToStep(page: Page, i: number) {
  await page.evaluate((n) => document.querySelector(`section.step[data-step="${n}"]`)!.scrollIntoView({ block: 'start', behavior: 'instant' }), i);
}

/** What the lab shows: its iteration, config and visible layers. */
async function lab(page: Page) {
  return page.evaluate(() => {
    const root = document.getElementById('lesson-lab') as HTMLElement & { labController?: { config: unknown } };
    const layers: Record<string, boolean> = {};
    root.querySelectorAll<HTMLElement>('.lab-layer[data-layer]').forEach((b) => (layers[b.dataset.layer!] = b.getAttribute('aria-pressed') === 'true'));
    return {
      iteration: Number(root.dataset.iteration),
      status: root.dataset.status,
      loadedIteration: Number(document.documentElement.dataset.stepIteration),
      active: document.documentElement.dataset.activeStep,
      config: root.labController?.config,
      layers,
    };
  });
}

function expectStep(state: Awaited<ReturnType<typeof lab>>, s: StepData) {
  expect(state.active).toBe(String(s.index));
  expect(state.loadedIteration).toBe(s.train);
  expect(state.config).toEqual(s.config);
  for (const name of LAYERS) expect(state.layers[name], `layer ${name} at step ${s.index + 1}`).toBe(s.layers[name]);
}

describe('a chapter page', () => {
  it('scrolls through every step: each shows its checkpoint, config and layers', async () => {
    const { page, consoleErrors, foreignRequests } = await open();
    const all = await steps(page);
    expect(all.length).toBe(5);
    for (const s of all) {
      await scrollToStep(page, s.index);
      await waitLoaded(page, s.index);
      const state = await lab(page);
      expectStep(state, s);
      if (s.mode === 'play') {
        await page.waitForFunction((t) => Number(document.getElementById('lesson-lab')!.dataset.iteration) > t, s.train, { timeout: 30_000 });
        expect((await lab(page)).status).toBe('playing');
      } else if (!s.manualStep) {
        expect(state.iteration).toBe(s.train);
        expect(state.status).toBe('paused');
      }
      if (s.index === 0) {
        await screenshot(page, 'lesson-step-1');
      }
      if (s.manualStep) {
        // one narrated iteration in slow motion, then frozen one iteration later
        await page.waitForFunction(() => document.getElementById('lesson-lab')!.dataset.slowMotion === 'true', null, { timeout: 10_000 });
        await screenshot(page, 'lesson-step-3-slowmotion');
        await page.waitForFunction((t) => Number(document.getElementById('lesson-lab')!.dataset.iteration) === t + 1 && document.getElementById('lesson-lab')!.dataset.slowMotion === 'false', s.train, { timeout: 30_000 });
      }
      if (s.index === 3) await screenshot(page, 'lesson-step-4');
    }
    // live values follow the lab
    expect(await page.textContent('.live-value[data-metric="modes"]')).toMatch(/^\d$/);
    expect(await page.textContent('.live-value[data-metric="gLoss"]')).toMatch(/^-?\d+\.\d{3}$/);
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await page.close();
  });

  it('lands on the right state after a fast scroll that skips steps, and after scrolling back up', async () => {
    const { page, consoleErrors, foreignRequests, settled } = await open();
    const all = await steps(page);
    await waitLoaded(page, 0);
    // flick: down past several steps, overshoot, come back, without waiting in between
    for (const i of [1, 2, 4, 1, 3]) await scrollToStep(page, i);
    await waitLoaded(page, 3);
    await settled();
    let state = await lab(page);
    expectStep(state, all[3]);
    expect(state.iteration).toBe(400);
    expect(await page.evaluate(() => document.documentElement.dataset.stepLoaded)).toBe('3');
    // into the playing step, then back up to a frozen one
    await scrollToStep(page, 4);
    await waitLoaded(page, 4);
    await page.waitForFunction(() => Number(document.getElementById('lesson-lab')!.dataset.iteration) > 600, null, { timeout: 30_000 });
    await scrollToStep(page, 1);
    await waitLoaded(page, 1);
    await settled();
    state = await lab(page);
    expectStep(state, all[1]);
    expect(state.iteration).toBe(200);
    expect(state.status).toBe('paused');
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await page.close();
  });

  it('opens a deep link on a middle step, and a reload lands there again', async () => {
    const t0 = Date.now();
    const { page, consoleErrors, foreignRequests } = await open('#step-4');
    await waitLoaded(page, 3);
    console.log(`deep link to step 4 shown after ${Date.now() - t0} ms (wasm, headless, incl. tfjs start)`);
    const all = await steps(page);
    expectStep(await lab(page), all[3]);
    expect((await lab(page)).iteration).toBe(400);
    await page.reload({ waitUntil: 'load' });
    await waitLoaded(page, 3);
    expectStep(await lab(page), all[3]);
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await page.close();
  });

  it("a step's 'open in the lab' link opens that exact state (config and weights), frozen", async () => {
    const { page, consoleErrors } = await open('#step-4');
    await waitLoaded(page, 3);
    const all = await steps(page);
    const href = await page.getAttribute('section.step[data-step="3"] a[data-sandbox-link]', 'href');
    expect(href).toMatch(/#snapshot=/);
    const lessonWeights = await page.evaluate(async () => {
      const c = (document.getElementById('lesson-lab') as any).labController;
      return (await c.snapshot()).generator.params.slice(0, 8);
    });
    const labUrl = new URL(href!, site.server.url);
    labUrl.searchParams.set('backend', 'wasm');
    await page.goto(labUrl.toString());
    await page.waitForFunction(() => {
      const b = document.getElementById('lab')?.dataset;
      return b && b.backend !== 'loading' && Number(b.iteration) > 0;
    }, null, { timeout: 60_000 });
    expect(await page.evaluate(() => document.getElementById('lab')!.dataset.iteration)).toBe(String(all[3].train));
    expect(await page.evaluate(() => document.getElementById('lab')!.dataset.status)).toBe('paused');
    const labWeights = await page.evaluate(async () => (await (document.getElementById('lab') as any).labController.snapshot()).generator.params.slice(0, 8));
    expect(labWeights).toEqual(lessonWeights);
    expect(await page.evaluate(() => (document.getElementById('lab') as any).labController.config)).toEqual(all[3].config);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('under prefers-reduced-motion, a playing step stays frozen at its checkpoint', async () => {
    const { page, consoleErrors, settled } = await open('#step-5', { reducedMotion: true });
    await waitLoaded(page, 4);
    await settled();
    const state = await lab(page);
    expect(state.iteration).toBe(600);
    expect(state.status).toBe('paused');
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('on a phone the lab sits above the text; the table of contents hides the fixture', async () => {
    const { page, consoleErrors } = await open('#step-2', { viewport: { width: 390, height: 844 } });
    await waitLoaded(page, 1);
    await layoutSettled(page, ['.lesson-lab-col', 'section.step[data-step="1"]']);
    const boxes = await page.evaluate(() => {
      const a = document.querySelector('.lesson-lab-col')!.getBoundingClientRect();
      const s = document.querySelector('section.step[data-step="1"]')!.getBoundingClientRect();
      return { labBottom: a.bottom, stepTop: s.top };
    });
    expect(boxes.labBottom).toBeLessThanOrEqual(boxes.stepTop + 1);
    await screenshot(page, 'lesson-phone-step-2');
    expect(consoleErrors).toEqual([]);
    await page.goto(site.server.url);
    expect(await page.locator('[data-lesson-list] a[href*="_fixture"]').count()).toBe(0);
    await page.close();
  });

  it('reads fully without JavaScript', async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${site.server.url}${CHAPTER}`);
    expect(await page.locator('section.step').count()).toBe(5);
    expect(await page.isVisible('text=After 200 iterations the fakes start to spread out.')).toBe(true);
    expect(await page.isVisible('text=needs JavaScript')).toBe(true);
    expect(await page.getAttribute('section.step[data-step="2"] a[data-sandbox-link]', 'href')).toMatch(/\/lab\/\?.*distribution=ring8.*#snapshot=/);
    await screenshot(page, 'lesson-nojs', { fullPage: false });
    await context.close();
  });
});
