// `npm run dev` (authors' live server): the lab trains, in its worker and in the page, and a chapter's deep link
// shows its baked step. Vite serves modules unbundled here, so what works in the build can fail in dev.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from './harness';
import { startDevServer, type DevServer } from './dev-harness';
import type { Browser } from 'playwright-core';

let dev: DevServer;
let url = '';
let browser: Browser;

beforeAll(async () => {
  dev = await startDevServer();
  url = dev.url;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  dev?.close();
});

describe('the dev server', () => {
  for (const backend of ['wasm', 'webgl']) {
    it(`runs the lab (${backend})`, async () => {
      const { page, consoleErrors, foreignRequests } = await openPage(browser, `${url}lab/?backend=${backend}`);
      await page.waitForFunction(() => Number(document.getElementById('lab')?.dataset.iteration) > 10, null, { timeout: 90_000 });
      expect(await page.evaluate(() => document.getElementById('lab')!.dataset.backend)).toBe(backend);
      expect(consoleErrors).toEqual([]);
      expect(foreignRequests).toEqual([]);
      await page.close();
    });
  }

  it('serves the table of contents with its chapter pictures', async () => {
    const { page, consoleErrors } = await openPage(browser, url);
    const failed: string[] = [];
    page.on('response', (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
    await page.reload({ waitUntil: 'load' });
    const pictures = await page.$$eval('img[src*="baked/"]', (imgs) => imgs.map((i) => [(i as HTMLImageElement).naturalWidth, i.getAttribute('src')]));
    expect(pictures.length).toBeGreaterThan(0);
    for (const [w, src] of pictures) expect(w, String(src)).toBeGreaterThan(0);
    expect(failed).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('shows a chapter deep link at its baked step', async () => {
    const { page, consoleErrors } = await openPage(browser, `${url}lessons/_fixture/fixture/?backend=wasm#step-4`);
    await page.waitForFunction(() => document.documentElement.dataset.stepLoaded === '3', null, { timeout: 90_000 });
    expect(Number(await page.evaluate(() => document.documentElement.dataset.stepIteration))).toBeGreaterThan(0);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });
});
