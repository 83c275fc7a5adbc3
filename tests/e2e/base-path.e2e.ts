// The site under a base path (BASE=/gan/), as on a static host that serves it from a sub-folder: the table of
// contents, a chapter's baked state and the lab (with its WASM files) all load from under the base. It is a plain
// build (no LESSON_FIXTURES), so it is also the site a user deploys: no test fixture may be in it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bakedPath, stepKeys, trainerVersion } from '../../src/lessons/bake-cache';
import { loadCatalog } from '../../src/lessons/catalog';
import { REPO_ROOT, openPage, useSite } from './harness';

const outDir = mkdtempSync(join(tmpdir(), 'gan-base-'));
// vitest puts Vite's own variables (BASE_URL, MODE, NODE_ENV=test, ...) into process.env; the build must not see them.
const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, BASE: '/gan/', ASTRO_TELEMETRY_DISABLED: '1' };
execFileSync('npx', ['astro', 'build', '--outDir', outDir], { cwd: REPO_ROOT, env, stdio: 'ignore' });
afterAll(() => rmSync(outDir, { recursive: true, force: true }));
const site = useSite({ base: '/gan/', dir: outDir });

describe('under a base path', () => {
  it('serves the table of contents, a chapter deep link and the lab from /gan/', async () => {
    expect(site.server.url).toMatch(/\/gan\/$/);
    const failed: string[] = [];
    const { page, consoleErrors, foreignRequests } = await openPage(site.browser, site.server.url);
    page.on('response', (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
    const links = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href')!));
    for (const l of links.filter((h) => h.startsWith('/'))) expect(l, l).toMatch(/^\/gan\//);

    await page.goto(`${site.server.url}lessons/en/gan/mode-collapse/?backend=wasm#step-2`);
    await page.waitForFunction(() => document.documentElement.dataset.stepLoaded === '1', null, { timeout: 60_000 });
    const href = await page.getAttribute('section.step[data-step="1"] a[data-sandbox-link]', 'href');
    expect(href).toMatch(/^\/gan\/lab\/.*#snapshot=%2Fgan%2Fbaked%2F/);

    await page.goto(new URL(href!, site.server.url).toString().replace('/lab/?', '/lab/?backend=wasm&'));
    await page.waitForFunction(() => Number(document.getElementById('lab')?.dataset.iteration) > 0, null, { timeout: 60_000 });
    expect(await page.evaluate(() => document.getElementById('lab')!.dataset.backend)).toBe('wasm');
    expect(failed).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await page.close();
  });

  it('holds no test fixture: neither the fixture chapters nor their baked states', async () => {
    const fixtures = loadCatalog({ fixtures: true }).chapters.filter((c) => c.hidden);
    expect(fixtures.length).toBeGreaterThan(0);
    expect(existsSync(join(outDir, 'lessons', '_fixture'))).toBe(false);
    const version = trainerVersion(REPO_ROOT);
    for (const c of fixtures) for (const key of stepKeys(c.compiled.steps, version)) expect(existsSync(join(outDir, bakedPath(key))), `${c.file}: ${key}`).toBe(false);
    const { page } = await openPage(site.browser, `${site.server.url}lessons/_fixture/fixture/`);
    expect(await page.textContent('body')).toContain('404');
    await page.close();
  });
});
