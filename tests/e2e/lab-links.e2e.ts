// Links that carry the run, and changing the data, in real Chromium (issue 12): "Copy link" carries the iteration
// (replayed on open to the same state, with a progress line), the layers, the speed and a drawing (compactly); a
// bad value in a link is refused with a visible notice and the run is kept; new data starts a new run and says so;
// "My points" with nothing drawn keeps the data and says why. WASM is forced for speed.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, useSite } from './harness';

const site = useSite();

async function openUrl(url: string, viewport?: { width: number; height: number }) {
  const r = await openPage(site.browser, url, { viewport });
  await r.page.waitForFunction(() => {
    const el = document.getElementById('lab') as (HTMLElement & { labController?: unknown }) | null;
    const b = el?.dataset.backend;
    return b && b !== 'loading' && el?.labController;
  }, null, { timeout: 60_000 });
  await r.page.waitForSelector('#lab .lab-canvas');
  return r;
}
const open = (query = '', viewport?: { width: number; height: number }) => openUrl(`${site.server.url}lab/?backend=wasm${query}`, viewport);

type Ctl = {
  pause(): void;
  config: Record<string, any>;
  iteration: number;
  frameData: { fake: Float32Array; heatmap: { values: Float32Array } };
  loadConfig(c: unknown): Promise<void>;
};
const attr = (page: Page, name: string) => page.evaluate((n) => document.getElementById('lab')!.getAttribute(n), name);

async function pause(page: Page) {
  await page.evaluate(() => (document.getElementById('lab') as unknown as { labController: Ctl }).labController.pause());
  await page.waitForFunction(() => document.getElementById('lab')!.dataset.status === 'paused');
}

/** The run's picture as numbers: the shown fakes and D's heatmap. */
const picture = (page: Page) =>
  page.evaluate(() => {
    const f = (document.getElementById('lab') as unknown as { labController: Ctl }).labController.frameData;
    return { fake: Array.from(f.fake), heat: Array.from(f.heatmap.values) };
  });

async function copiedLink(page: Page): Promise<string> {
  await page.click('#lab .lab-copy');
  return page.inputValue('#lab .lab-share-input');
}

describe('links that carry the run', () => {
  it('carries the iteration, layers and speed; opening it replays to the same state, with a progress line', async () => {
    const { page, consoleErrors } = await open('&seed=3');
    await page.waitForFunction(() => Number(document.getElementById('lab')!.dataset.iteration) > 150, null, { timeout: 60_000 });
    await pause(page);
    await page.click('#lab .lab-layer[data-layer="heatmap"]'); // hide the heatmap
    await page.selectOption('#lab .lab-speed', '50');
    const it = Number(await attr(page, 'data-iteration'));
    const link = await copiedLink(page);
    const q = new URL(link).searchParams;
    expect(q.get('it')).toBe(String(it));
    expect(q.get('backend')).toBe('wasm');
    expect(q.get('speed')).toBe('50');
    expect(q.get('layers')!.split(',')).not.toContain('heatmap');
    expect(q.get('seed')).toBe('3');
    const before = await picture(page);

    const other = await openUrl(link);
    const p2 = other.page;
    await p2.waitForFunction(() => document.getElementById('lab')!.dataset.replay === 'done', null, { timeout: 90_000 });
    expect(await p2.textContent('#lab .lab-change')).toMatch(new RegExp(`Replayed to iteration ${it.toLocaleString('en-US')}`));
    expect(Number(await attr(p2, 'data-iteration'))).toBe(it);
    expect(await attr(p2, 'data-status')).toBe('paused');
    expect(await p2.getAttribute('#lab .lab-layer[data-layer="heatmap"]', 'aria-pressed')).toBe('false');
    expect(await p2.inputValue('#lab .lab-speed')).toBe('50');
    expect(await picture(p2)).toEqual(before); // training is deterministic: the same state, number for number
    expect(other.consoleErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await p2.close();
    await page.close();
  });

  it('carries a drawing compactly and exactly; says when one is too large and offers the save file', async () => {
    const { page } = await open('', { width: 1280, height: 720 });
    await pause(page);
    // draw on the pad with the mouse: opening it brings all of it into the window (at 1280x720 its last 8 px were
    // below it, and on CI, in other fonts, enough of it that the strokes there drew nothing)
    await page.click('#lab .lab-draw-open');
    const pad = (await page.locator('#lab .lab-pad').boundingBox())!;
    expect(pad.y, 'the pad is in the window').toBeGreaterThanOrEqual(0);
    expect(pad.y + pad.height, 'the pad is in the window').toBeLessThanOrEqual(720);
    await page.mouse.move(pad.x + pad.width * 0.2, pad.y + pad.height * 0.5);
    await page.mouse.down();
    for (let k = 0; k <= 60; k++) await page.mouse.move(pad.x + pad.width * (0.2 + k * 0.01), pad.y + pad.height * (0.5 + 0.3 * Math.sin(k / 6)));
    await page.mouse.up();
    await page.click('#lab .lab-pad-apply');
    await page.waitForFunction(() => (document.getElementById('lab') as unknown as { labController: Ctl }).labController.config.distribution === 'points');
    const drawn = await page.evaluate(() => (document.getElementById('lab') as unknown as { labController: Ctl }).labController.config.points as [number, number][]);
    expect(drawn.length).toBeGreaterThan(30);
    const link = await copiedLink(page);
    expect(link).toContain('pts=q1_');
    expect(link).not.toContain('points=');
    expect(link.length).toBeLessThan(600 + drawn.length * 4 + 60);
    expect(await page.locator('#lab .lab-share-note').isVisible()).toBe(false);
    const other = await openUrl(link);
    const got = await other.page.evaluate(() => (document.getElementById('lab') as unknown as { labController: Ctl }).labController.config);
    expect(got.distribution).toBe('points');
    expect(got.points).toEqual(drawn);
    await other.page.close();

    // a drawing too large for a link
    await page.evaluate(() => {
      const pts = Array.from({ length: 4000 }, (_, i) => [Math.cos(i) * (i % 97) / 97, Math.sin(i) * (i % 89) / 89]);
      return (document.getElementById('lab') as unknown as { labController: Ctl }).labController.loadConfig({ distribution: 'points', points: pts });
    });
    const big = await copiedLink(page);
    expect(big).not.toContain('pts=');
    const note = page.locator('#lab .lab-share-note');
    expect(await note.isVisible()).toBe(true);
    expect(await note.textContent()).toMatch(/too large for a link/);
    expect(await page.locator('#lab .lab-save-instead').isVisible()).toBe(true);
    await page.close();
  });

  it('refuses bad values in a link with a visible notice, and keeps the run', async () => {
    const { page, consoleErrors } = await open('&seed=4&it=lots&layers=real,%3Cimg%3E&speed=3&pts=q1_0_1_0_1_%21%21');
    const notice = await page.textContent('#lab .lab-notices');
    expect(notice).toMatch(/it = "lots" \(a whole number of iterations/);
    expect(notice).toMatch(/layers = .*unknown layer/);
    expect(notice).toMatch(/speed = "3" \(allowed: 1, 2, 5, 10/);
    expect(notice).toMatch(/pts = .*not a points code|pts = .*damaged/);
    expect(await page.locator('#lab img').count()).toBe(0);
    expect(await page.evaluate(() => (document.getElementById('lab') as unknown as { labController: Ctl }).labController.config.seed)).toBe(4);
    await page.waitForFunction(() => Number(document.getElementById('lab')!.dataset.iteration) > 0, null, { timeout: 30_000 });
    expect(await attr(page, 'data-replay')).toBeNull();
    expect(consoleErrors).toEqual([]);
    await page.close();
  });
});

describe('changing the data', () => {
  it('a new distribution starts a new run from iteration 0, and says so', async () => {
    const { page } = await open();
    await page.waitForFunction(() => Number(document.getElementById('lab')!.dataset.iteration) > 50, null, { timeout: 60_000 });
    await pause(page);
    await page.selectOption('#lab .lab-dist-select', 'ring');
    await page.waitForFunction(() => (document.getElementById('lab') as unknown as { labController: Ctl }).labController.config.distribution === 'ring');
    await expect.poll(() => page.textContent('#lab .lab-change')).toMatch(/new run starts from iteration 0/);
    expect(await attr(page, 'data-iteration')).toBe('0');
    expect(await page.textContent('#lab .lab-iteration')).toBe('0');
    await page.close();
  });

  it('"My points" with nothing drawn keeps the data and says why', async () => {
    const { page } = await open();
    await pause(page);
    await page.selectOption('#lab .lab-dist-select', 'points');
    await page.waitForSelector('#lab .lab-pad-box:not([hidden])');
    expect(await page.inputValue('#lab .lab-dist-select')).toBe('gaussians');
    expect(await page.textContent('#lab .lab-dist-message')).toMatch(/Nothing drawn yet.*keeps training on/);
    expect(await page.evaluate(() => (document.getElementById('lab') as unknown as { labController: Ctl }).labController.config.distribution)).toBe('gaussians');
    await page.close();
  });
});
