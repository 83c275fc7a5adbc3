// End-to-end harness: serve the built site (./dist) and drive a real Chromium with playwright-core.
//
//   const server = await startServer();            // or startServer({ base: '/gan/' }) for a build made with BASE=/gan/
//   const browser = await launchBrowser();
//   const { page, consoleErrors, foreignRequests } = await openPage(browser, server.url + 'lab/');
//   ...
//   await screenshot(page, 'lab-default');         // -> test-results/screenshots/lab-default.png
//   await browser.close(); await server.close();
//
// No new dependencies: Node's http module serves the files.
import { createReadStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { findChromium } from '../../scripts/chromium-path.mjs';

/** The repository root (two levels above this file). */
export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
// DIST_DIR can point elsewhere so that two builds (say, two people testing at once) do not collide.
export const DIST_DIR = process.env.DIST_DIR ? resolve(process.env.DIST_DIR) : join(REPO_ROOT, 'dist');
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results', 'screenshots');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.woff2': 'font/woff2',
  '.bin': 'application/octet-stream',
};

/** Normalises a base path to '/x/y/' form ('/' when empty). */
function normaliseBase(base: string | undefined): string {
  let b = base ?? '/';
  if (!b.startsWith('/')) b = '/' + b;
  if (!b.endsWith('/')) b += '/';
  return b;
}

async function fileIfExists(path: string): Promise<string | null> {
  try {
    const s = await stat(path);
    if (s.isFile()) return path;
    if (s.isDirectory()) {
      const index = join(path, 'index.html');
      const si = await stat(index).catch(() => null);
      return si?.isFile() ? index : null;
    }
    return null;
  } catch {
    return null;
  }
}

/**
 * Serves ./dist (or opts.dir) statically on 127.0.0.1 at a free port. Files live under `base`
 * (default '/'), like a static host serving a site built with BASE=<base>. Directories serve their
 * index.html; `/x` also finds `x.html`; anything else (or outside base) is a 404.
 */
export async function startServer(opts?: { base?: string; dir?: string }): Promise<{ url: string; close(): Promise<void> }> {
  const base = normaliseBase(opts?.base);
  const root = resolve(opts?.dir ?? DIST_DIR);

  const server = http.createServer(async (req, res) => {
    const notFound = () => {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
      res.end('404 Not Found\n');
    };
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' });
        res.end();
        return;
      }
      const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
      // '/gan' (base without its trailing slash) is the site root too.
      const inBase = pathname === base.slice(0, -1) ? '' : pathname.startsWith(base) ? pathname.slice(base.length) : null;
      if (inBase === null || pathname.includes('\0')) return notFound();
      const target = normalize(join(root, inBase));
      if (target !== root && !target.startsWith(root + sep)) return notFound();

      const file = (await fileIfExists(target)) ?? (extname(target) ? null : await fileIfExists(target + '.html'));
      if (!file) return notFound();
      const size = (await stat(file)).size;
      res.writeHead(200, {
        'content-type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'content-length': String(size),
        'cache-control': 'no-store',
      });
      if (req.method === 'HEAD') return void res.end();
      createReadStream(file).on('error', () => res.destroy()).pipe(res);
    } catch {
      if (!res.headersSent) notFound();
      else res.destroy();
    }
  });

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${base}`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/**
 * Launches headless Chromium (the system one: see scripts/chromium-path.mjs). WebGL may run on
 * SwiftShader (software) so tests can force the webgl backend.
 */
export async function launchBrowser(opts?: { args?: string[] }): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) {
    throw new Error('No Chromium found. Run `node scripts/ensure-chromium.mjs` (Debian: apt-get install chromium) or set CHROMIUM_PATH.');
  }
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--enable-unsafe-swiftshader',
      ...(opts?.args ?? []),
    ],
  });
}

/**
 * Opens `url` in a fresh context. Records console errors and uncaught page errors, and every
 * request whose origin differs from the page's server (there should be none: the site is
 * self-contained). Default viewport 1280x800.
 */
export async function openPage(
  browser: Browser,
  url: string,
  opts?: { viewport?: { width: number; height: number }; reducedMotion?: boolean; initScript?: string },
): Promise<{ page: Page; consoleErrors: string[]; foreignRequests: string[] }> {
  const origin = new URL(url).origin;
  const context = await browser.newContext({
    viewport: opts?.viewport ?? { width: 1280, height: 800 },
    reducedMotion: opts?.reducedMotion ? 'reduce' : 'no-preference',
  });
  if (opts?.initScript) await context.addInitScript(opts.initScript);
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const foreignRequests: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      const loc = msg.location();
      consoleErrors.push(loc?.url ? `${msg.text()} (${loc.url}:${loc.lineNumber})` : msg.text());
    }
  });
  page.on('pageerror', (err) => consoleErrors.push(`pageerror: ${err.stack ?? err.message}`));
  page.on('request', (req) => {
    const u = req.url();
    if (/^(data|blob|about):/.test(u)) return;
    try {
      if (new URL(u).origin !== origin) foreignRequests.push(u);
    } catch {
      foreignRequests.push(u);
    }
  });
  page.on('close', () => void context.close().catch(() => {}));
  await page.goto(url, { waitUntil: 'load' });
  return { page, consoleErrors, foreignRequests };
}

/** Saves a PNG to test-results/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string, opts?: { fullPage?: boolean }): Promise<string> {
  const safe = name.replace(/[^\w.-]+/g, '-');
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${safe}.png`);
  await page.screenshot({ path, fullPage: opts?.fullPage ?? false });
  return path;
}

/**
 * One built site and one browser for a test file: started before its tests, closed after. Use the getters inside
 * tests (they are set once beforeAll has run).
 */
export function useSite(opts?: { base?: string; dir?: string }) {
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startServer(opts);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get server() {
      return server!;
    },
    get browser() {
      return browser!;
    },
  };
}

/** Opens the sandbox lab (`lab/?<query>`) and waits until its backend is chosen and its canvas is there. */
export async function openLab(site: ReturnType<typeof useSite>, query: string, opts?: Parameters<typeof openPage>[2]) {
  const r = await openPage(site.browser, `${site.server.url}lab/?${query}`, opts);
  await r.page.waitForFunction(() => {
    const b = document.getElementById('lab')?.dataset.backend;
    return b && b !== 'loading';
  }, null, { timeout: 60_000 });
  await r.page.waitForSelector('.lab-canvas');
  return r;
}
