// The model graph and slow motion in real Chromium (issue 12): the generator's morph on hover, focus and tap
// (and its still before/after under reduced motion), the link between graph boxes, legend chips and the view's
// layers, a Loss box that is never blank, and slow motion stepped by hand while paused. WASM is forced for speed.
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, screenshot, useSite } from './harness';

const site = useSite();

async function ready(page: Page, id = 'lab') {
  await page.waitForFunction((i) => {
    const el = document.getElementById(i) as (HTMLElement & { labController?: unknown }) | null;
    const b = el?.dataset.backend;
    return b && b !== 'loading' && b !== 'switching' && el?.labController;
  }, id, { timeout: 60_000 });
  await page.waitForSelector(`#${id} .lab-canvas`);
}

async function open(query = '', opts: Parameters<typeof openPage>[2] = {}) {
  const r = await openPage(site.browser, `${site.server.url}lab/?backend=wasm${query}`, opts);
  await ready(r.page);
  return r;
}

/** Opens the lab in a touch phone's context (375 x 740). */
async function openPhone(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
  const page = await context.newPage();
  page.on('close', () => void context.close().catch(() => {}));
  await page.goto(url, { waitUntil: 'load' });
  await ready(page);
  return page;
}

const attr = (page: Page, name: string, id = 'lab') => page.evaluate(([n, i]) => document.getElementById(i)!.getAttribute(n), [name, id] as const);

async function pause(page: Page) {
  await page.evaluate(() => (document.getElementById('lab') as unknown as { labController: { pause(): void } }).labController.pause());
  await page.waitForFunction(() => document.getElementById('lab')!.dataset.status === 'paused');
}

/** The main canvas as a data URL (to compare pictures). */
const canvasImage = (page: Page) => page.evaluate(() => (document.querySelector('#lab .lab-canvas') as HTMLCanvasElement).toDataURL());
/** How many pixels of a graph box's miniature have any ink. */
const miniInk = (page: Page, part: string) =>
  page.evaluate((p) => {
    const c = document.querySelector(`#lab .lab-graph-box[data-part="${p}"] canvas`) as HTMLCanvasElement;
    const px = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < px.length; i += 4) if (px[i] > 0) n++;
    return n;
  }, part);
const twoFrames = (page: Page) => page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));

describe('the model graph', () => {
  it('hovering the generator box plays the morph of the noise grid into the manifold; leaving interrupts it', async () => {
    const { page, consoleErrors } = await open();
    await page.waitForFunction(() => Number(document.getElementById('lab')!.dataset.iteration) > 200, null, { timeout: 60_000 });
    await pause(page);
    const gen = page.locator('#lab .lab-graph-box[data-part="generator"]');
    // a visible affordance: a button with a play mark and a label that says what it does
    expect(await gen.getAttribute('role')).toBe('button');
    expect(await gen.getAttribute('tabindex')).toBe('0');
    expect(await gen.getAttribute('aria-label')).toMatch(/morph/);
    expect(await page.locator('#lab .lab-graph-morph-mark').count()).toBe(1);
    const still = await canvasImage(page);
    const miniStill = await page.evaluate(() => (document.querySelector('#lab .lab-graph-box[data-part="generator"] canvas') as HTMLCanvasElement).toDataURL());
    await gen.hover();
    await page.waitForFunction(() => document.getElementById('lab')!.dataset.morph === 'playing');
    await twoFrames(page);
    const mid = await canvasImage(page);
    const miniMid = await page.evaluate(() => (document.querySelector('#lab .lab-graph-box[data-part="generator"] canvas') as HTMLCanvasElement).toDataURL());
    await screenshot(page, 'lab-morph-midway-desktop');
    expect(mid).not.toBe(still); // the view shows the grid part-way, not the live manifold
    expect(miniMid).not.toBe(miniStill);
    await page.waitForFunction(() => document.getElementById('lab')!.dataset.morph === 'done', null, { timeout: 20_000 });
    await page.mouse.move(5, 5);
    await page.waitForFunction(() => document.getElementById('lab')!.dataset.morph === undefined);
    await twoFrames(page);
    expect(await canvasImage(page)).toBe(still); // back to the live view, exactly
    // interruptible: leaving part-way stops it at once
    await gen.hover();
    await page.waitForFunction(() => document.getElementById('lab')!.dataset.morph === 'playing');
    await page.mouse.move(5, 5);
    expect(await attr(page, 'data-morph')).toBeNull();
    // focus plays it too (keyboard)
    await gen.focus();
    await page.waitForFunction(() => document.getElementById('lab')!.dataset.morph === 'playing');
    await page.locator('#lab .lab-play').focus();
    expect(await attr(page, 'data-morph')).toBeNull();
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('under reduced motion the generator box shows a still before/after, no animation', async () => {
    const { page } = await open('', { reducedMotion: true });
    await ready(page);
    const still = await canvasImage(page);
    await page.locator('#lab .lab-graph-box[data-part="generator"]').hover();
    await page.waitForFunction(() => document.getElementById('lab')!.dataset.morph === 'static');
    expect(await canvasImage(page)).not.toBe(still); // the grid drawn over the manifold
    await page.mouse.move(5, 5);
    expect(await attr(page, 'data-morph')).toBeNull();
    await page.close();
  });

  it('a tap on the generator box plays the morph on a touch phone; a tap elsewhere ends it', async () => {
    const page = await openPhone(site.browser, `${site.server.url}lab/?backend=wasm`);
    await page.locator('#lab .lab-graph-box[data-part="generator"]').scrollIntoViewIfNeeded();
    await page.locator('#lab .lab-graph-box[data-part="generator"]').tap();
    await page.waitForFunction(() => document.getElementById('lab')!.dataset.morph === 'playing');
    await screenshot(page, 'lab-morph-midway-phone');
    await page.locator('#lab .lab-counts').tap();
    await page.waitForFunction(() => document.getElementById('lab')!.dataset.morph === undefined);
    await page.close();
  });

  it('links each graph box with its layer: hovering a box lights its legend chip and the view; a chip lights its box', async () => {
    const { page } = await open();
    await pause(page);
    const still = await canvasImage(page);
    await page.locator('#lab .lab-graph-box[data-part="discriminator"]').hover();
    await page.waitForSelector('#lab .lab-layer[data-layer="heatmap"].is-linked');
    expect(await page.locator('#lab .lab-layer.is-linked').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.layer))).toContain('heatmap');
    expect(await canvasImage(page)).not.toBe(still); // the other layers fade
    await page.locator('#lab .lab-graph-box[data-part="real"]').hover();
    expect(await page.locator('#lab .lab-layer.is-linked').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.layer))).toEqual(['real']);
    await page.locator('#lab .lab-layer[data-layer="manifold"]').hover();
    await page.waitForSelector('#lab .lab-graph-box[data-part="generator"].is-linked');
    expect(await page.locator('#lab .lab-graph-box.is-linked').count()).toBe(1);
    await page.mouse.move(5, 5);
    await page.waitForFunction(() => !document.querySelector('#lab .is-linked'));
    await twoFrames(page);
    expect(await canvasImage(page)).toBe(still);
    await page.close();
  });

  it('the Loss box is never blank: paused after a reset it shows the last losses', async () => {
    const { page } = await open();
    await pause(page);
    await page.click('#lab .lab-reset');
    await page.waitForFunction(() => document.getElementById('lab')!.dataset.iteration === '0');
    await twoFrames(page);
    await twoFrames(page);
    expect(await attr(page, 'data-status')).toBe('paused');
    expect(await miniInk(page, 'loss')).toBeGreaterThan(20);
    await page.click('#lab .lab-step-both');
    await page.waitForFunction(() => document.getElementById('lab')!.dataset.iteration === '1');
    await twoFrames(page);
    expect(await miniInk(page, 'loss')).toBeGreaterThan(20);
    await page.close();
  });
});

describe('slow motion while paused', () => {
  it('steps sub-step by sub-step with a visible button, clickable chips and the Step buttons', async () => {
    const { page, consoleErrors } = await open('&dSteps=2');
    await pause(page);
    const read = () => page.evaluate(() => {
      const r = document.getElementById('lab')!;
      return { it: Number(r.dataset.iteration), d: Number(r.dataset.dSteps), g: Number(r.dataset.gSteps), sub: Number(r.querySelector('.lab-slowmo-steps li.is-current')?.getAttribute('data-step')) };
    });
    await page.click('#lab .lab-slowmo-btn');
    await page.waitForFunction(() => document.getElementById('lab')!.dataset.slowMotion === 'true');
    const s0 = await read();
    expect(s0.sub).toBe(1);
    const next = page.locator('#lab .lab-slowmo-next');
    expect(await next.isVisible()).toBe(true);
    expect(await page.locator('#lab .lab-step-both').isDisabled()).toBe(false);
    await next.click();
    await page.waitForFunction(() => document.querySelector('#lab .lab-slowmo-steps li.is-current')?.getAttribute('data-step') === '2');
    expect(await attr(page, 'data-status')).toBe('paused');
    await screenshot(page, 'lab-slowmo-paused-desktop');
    // a chip jumps there, doing D's update on the way (2 D steps per iteration here)
    await page.click('#lab .lab-slowmo-steps li[data-step="10"] button');
    await page.waitForFunction(() => document.querySelector('#lab .lab-slowmo-steps li.is-current')?.getAttribute('data-step') === '10');
    expect(await read()).toEqual({ it: s0.it, d: s0.d + 2, g: s0.g, sub: 10 });
    // Step both walks on to the iteration's end
    await page.click('#lab .lab-step-both');
    await page.waitForFunction((i) => Number(document.getElementById('lab')!.dataset.iteration) === i + 1, s0.it);
    expect(await read()).toEqual({ it: s0.it + 1, d: s0.d + 2, g: s0.g + 1, sub: 1 });
    // Step D walks to "Update D" of the next iteration
    await page.click('#lab .lab-step-d');
    await page.waitForFunction(() => document.querySelector('#lab .lab-slowmo-steps li.is-current')?.getAttribute('data-step') === '9');
    expect(await read()).toEqual({ it: s0.it + 1, d: s0.d + 4, g: s0.g + 1, sub: 9 });
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('shows the slow-motion controls on a phone', async () => {
    const page = await openPhone(site.browser, `${site.server.url}lab/?backend=wasm`);
    await page.evaluate(() => (document.getElementById('lab') as unknown as { labController: { pause(): void; startSlowMotion(): void } }).labController.pause());
    await page.locator('#lab .lab-slowmo-btn').tap();
    await page.waitForSelector('#lab .lab-slowmo-next');
    await page.locator('#lab .lab-slowmo-next').tap();
    await page.waitForFunction(() => document.querySelector('#lab .lab-slowmo-steps li.is-current')?.getAttribute('data-step') === '2');
    await page.locator('#lab .lab-slowmo').scrollIntoViewIfNeeded();
    await screenshot(page, 'lab-slowmo-paused-phone');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  });

  it('in the one-iteration chapter, the narration runs only while the button reads Pause, and Pause stops it', async () => {
    const { page, consoleErrors } = await openPage(site.browser, `${site.server.url}lessons/en/gan/one-iteration/?backend=wasm#step-2`);
    await ready(page, 'lesson-lab');
    // Record the play button's label at every sub-step the narration shows.
    await page.evaluate(() => {
      const root = document.getElementById('lesson-lab')!;
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      new MutationObserver(() => {
        const cur = root.querySelector('.lab-slowmo-steps li.is-current')?.getAttribute('data-step');
        const label = root.querySelector('.lab-play')?.getAttribute('aria-label');
        if (cur && root.dataset.slowMotion === 'true') seen.push(`${cur}:${label}`);
      }).observe(root, { subtree: true, attributes: true, attributeFilter: ['class', 'aria-label'] });
    });
    await page.waitForFunction(() => document.querySelector('#lesson-lab .lab-slowmo-steps li.is-current')?.getAttribute('data-step') === '3', null, { timeout: 60_000 });
    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    expect(seen.length).toBeGreaterThan(0);
    for (const s of seen) expect(s).toMatch(/:Pause$/);
    // Pause stops the narration where it is
    await page.click('#lesson-lab .lab-play');
    await page.waitForFunction(() => document.getElementById('lesson-lab')!.dataset.status === 'paused');
    const at = await page.evaluate(() => document.querySelector('#lesson-lab .lab-slowmo-steps li.is-current')?.getAttribute('data-step'));
    // still in slow motion, steppable by hand from here
    expect(await attr(page, 'data-slow-motion', 'lesson-lab')).toBe('true');
    await page.click('#lesson-lab .lab-slowmo-next');
    await page.waitForFunction((a) => document.querySelector('#lesson-lab .lab-slowmo-steps li.is-current')?.getAttribute('data-step') === String(Number(a) + 1), at);
    expect(await attr(page, 'data-status', 'lesson-lab')).toBe('paused');
    expect(consoleErrors).toEqual([]);
    await page.close();
  });
});
