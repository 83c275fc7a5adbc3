// The shipped lesson (content/lessons/en/gan) in real Chromium: every chapter loads cleanly, every step is
// reachable by scrolling and shows its baked checkpoint, a deep link into the mode-collapse chapter lands on its
// state, and the table of contents shows each chapter's picture. Run `npm run build` first.
import { readdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, screenshot, useSite } from './harness';

const site = useSite();

const chapters = readdirSync('content/lessons/en/gan')
  .filter((f) => /^\d\d-.+\.md$/.test(f))
  .sort()
  .map((f) => f.replace(/^\d\d-/, '').replace(/\.md$/, ''));

interface StepData {
  index: number;
  train: number;
}
const steps = (page: Page) => page.evaluate(() => JSON.parse(document.getElementById('lesson-data')!.textContent!).steps) as Promise<StepData[]>;
const loaded = (page: Page, i: number) =>
  page.waitForFunction((n) => document.documentElement.dataset.stepLoaded === String(n), i, { timeout: 60_000 });

describe('the GAN lesson', () => {
  it('has ten chapters in the table of contents, each with its build-time picture', async () => {
    expect(chapters.length).toBeGreaterThanOrEqual(10);
    const { page, consoleErrors } = await openPage(site.browser, site.server.url);
    const items = await page.$$eval('.chapter-item', (els) =>
      els.map((e) => ({ href: e.querySelector('a')!.getAttribute('href'), img: (e.querySelector('img') as HTMLImageElement | null)?.naturalWidth ?? 0 })),
    );
    expect(items.length).toBe(chapters.length);
    await page.waitForFunction(() => Array.from(document.images).every((i) => i.complete));
    const widths = await page.$$eval('.chapter-thumb', (imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth));
    expect(widths.length).toBe(chapters.length);
    for (const w of widths) expect(w).toBeGreaterThan(0);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  for (const [n, slug] of chapters.entries()) {
    it(`chapter ${n + 1} (${slug}): loads cleanly and every step is reachable by scrolling`, async () => {
      const { page, consoleErrors, foreignRequests } = await openPage(site.browser, `${site.server.url}lessons/en/gan/${slug}/?backend=wasm`);
      const all = await steps(page);
      expect(all.length).toBeGreaterThanOrEqual(3);
      for (const s of all) {
        await page.evaluate((i) => document.querySelector(`section.step[data-step="${i}"]`)!.scrollIntoView({ block: 'start', behavior: 'instant' }), s.index);
        await loaded(page, s.index);
        expect(Number(await page.evaluate(() => document.documentElement.dataset.stepIteration))).toBe(s.train);
        if (s.index === Math.floor(all.length / 2)) await screenshot(page, `gan-${String(n + 1).padStart(2, '0')}-${slug}`);
      }
      expect(consoleErrors).toEqual([]);
      expect(foreignRequests).toEqual([]);
      await page.close();
    });
  }

  it("a deep link to the mode-collapse chapter shows its first step's state", async () => {
    const slug = chapters.find((c) => /collapse/.test(c))!;
    const { page, consoleErrors } = await openPage(site.browser, `${site.server.url}lessons/en/gan/${slug}/?backend=wasm#step-1`);
    const all = await steps(page);
    await loaded(page, 0);
    const state = await page.evaluate(() => {
      const root = document.getElementById('lesson-lab') as HTMLElement & { labController?: { config: { distribution: string } } };
      return { iteration: Number(root.dataset.iteration), distribution: root.labController?.config.distribution };
    });
    expect(state.iteration).toBe(all[0].train);
    expect(state.distribution).toBe('ring8');
    await screenshot(page, 'gan-mode-collapse-deep-link');
    expect(consoleErrors).toEqual([]);
    await page.close();
  });
});
