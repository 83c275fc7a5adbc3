// Smoke test: the built site is served, the index loads cleanly and self-contained, and the WASM
// backend's binaries are served by the site with the right MIME type.
import { describe, expect, test } from 'vitest';
import { existsSync } from 'node:fs';
import { openPage, screenshot, startServer, useSite } from './harness';

describe('site', () => {
  const site = useSite();

  test('index loads with no console errors and no foreign requests', async () => {
    const { page, consoleErrors, foreignRequests } = await openPage(site.browser, site.server.url);
    await page.waitForLoadState('networkidle');
    expect(await page.title()).toMatch(/GAN/);
    await expect(page.locator('h1').textContent()).resolves.toBeTruthy();
    expect(await page.locator('#lessons').count()).toBe(1);
    const labHref = await page.locator('a[href$="lab/"]').first().getAttribute('href');
    expect(labHref).toBe('/lab/');
    const path = await screenshot(page, 'index', { fullPage: true });
    expect(existsSync(path)).toBe(true);
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await page.close();
  });

  test('index in dark mode on a phone', async () => {
    const { page, consoleErrors } = await openPage(site.browser, site.server.url, { viewport: { width: 390, height: 844 }, reducedMotion: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'index-dark-mobile', { fullPage: true });
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  test('the site header is one line on a phone, in both languages (names never wrap)', async () => {
    for (const path of ['', 'zh/', 'lessons/en/gan/mode-collapse/', 'lessons/zh/gan/mode-collapse/'])
      for (const width of [320, 375]) {
        const { page } = await openPage(site.browser, site.server.url + path, { viewport: { width, height: 740 }, reducedMotion: true });
        const parts = await page.evaluate(() => {
          const bar = document.querySelector('.site-header .bar')!.getBoundingClientRect();
          return Array.from(document.querySelectorAll<HTMLElement>('.site-header .brand, .site-header nav a')).map((el) => {
            const r = el.getBoundingClientRect();
            return { text: el.textContent!.trim(), lines: el.getClientRects().length, height: r.height, lineHeight: parseFloat(getComputedStyle(el).lineHeight) || 24, top: r.top, bottom: r.bottom, right: r.right, barBottom: bar.bottom };
          });
        });
        for (const p of parts) {
          const where = `${path || '/'} at ${width}px: "${p.text}"`;
          expect(p.height, `${where} is one line`).toBeLessThan(p.lineHeight * 1.6 + 8);
          expect(p.bottom, `${where} inside the header`).toBeLessThanOrEqual(p.barBottom + 0.5);
          expect(p.right, `${where} inside the window`).toBeLessThanOrEqual(width + 0.5);
        }
        if (width === 375) await screenshot(page, `header-${path.replace(/\W+/g, '-') || 'index'}-375`);
        await page.close();
      }
  });

  test('tfjs wasm binaries are served by the site as application/wasm', async () => {
    for (const file of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm']) {
      const res = await fetch(site.server.url + 'tfjs/' + file);
      expect(res.status, file).toBe(200);
      expect(res.headers.get('content-type'), file).toBe('application/wasm');
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([...bytes.slice(0, 4)], file).toEqual([0x00, 0x61, 0x73, 0x6d]); // "\0asm"
    }
  });

  test('unknown paths are 404 and the server stays inside dist', async () => {
    expect((await fetch(site.server.url + 'no-such-page/')).status).toBe(404);
    expect((await fetch(site.server.url + '..%2fpackage.json')).status).toBe(404);
  });

  test('the server can serve under a base path', async () => {
    const sub = await startServer({ base: '/sub/path' });
    try {
      expect(sub.url).toMatch(/\/sub\/path\/$/);
      const res = await fetch(sub.url + 'tfjs/tfjs-backend-wasm-simd.wasm');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/wasm');
      expect((await fetch(new URL('/tfjs/tfjs-backend-wasm-simd.wasm', sub.url))).status).toBe(404);
    } finally {
      await sub.close();
    }
  });
});
