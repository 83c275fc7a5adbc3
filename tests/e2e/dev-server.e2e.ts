// `npm run dev` (authors' live server): the lab trains, in its worker and in the page, and a chapter's deep link
// shows its baked step. Vite serves modules unbundled here, so what works in the build can fail in dev.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, launchBrowser, openPage } from './harness';
import type { Browser } from 'playwright-core';

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

let dev: ChildProcess;
let url = '';
let browser: Browser;

beforeAll(async () => {
  const port = await freePort();
  // vitest puts Vite's own variables into process.env; the dev server must not see them.
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ASTRO_TELEMETRY_DISABLED: '1', LESSON_FIXTURES: '1' };
  dev = spawn('npx', ['astro', 'dev', '--port', String(port), '--host', '127.0.0.1'], { cwd: REPO_ROOT, env, detached: true, stdio: 'ignore' });
  url = `http://127.0.0.1:${port}/`;
  const until = Date.now() + 120_000;
  for (;;) {
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error('the dev server did not start within 120 s');
    await new Promise((r) => setTimeout(r, 500));
  }
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  if (dev?.pid) process.kill(-dev.pid, 'SIGTERM');
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
