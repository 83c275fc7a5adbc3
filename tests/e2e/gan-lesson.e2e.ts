// The shipped lesson (content/lessons/en/gan) in real Chromium: every chapter loads cleanly, every step is
// reachable by scrolling and shows its baked checkpoint, a deep link into the mode-collapse chapter's comparison
// lands on every column's baked state, and the table of contents shows each chapter's picture. Run `npm run build` first.
import { readdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkFigureStep, columnsShown, figures } from './figure-helpers';
import { openPage, screenshot, useSite } from './harness';

const site = useSite();

const chapters = readdirSync('content/lessons/en/gan')
  .filter((f) => /^\d\d-.+\.md$/.test(f))
  .sort()
  .map((f) => f.replace(/^\d\d-/, '').replace(/\.md$/, ''));

interface StepData {
  index: number;
  train: number;
  layers: Record<string, boolean>;
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
        // Frames carry D* only while its layer shows: a step that shows it (chapter 4's, whose loss has a D*) has it
        // once the step is loaded.
        if (s.layers.optimal) {
          const withDStar = await page.evaluate(() => !!(document.getElementById('lesson-lab') as HTMLElement & { labController: { frameData?: { optimal?: unknown } } }).labController.frameData?.optimal);
          expect(withDStar).toBe(true);
        }
        if (s.index === Math.floor(all.length / 2)) await screenshot(page, `gan-${String(n + 1).padStart(2, '0')}-${slug}`);
      }
      expect(consoleErrors).toEqual([]);
      expect(foreignRequests).toEqual([]);
      await page.close();
    });
  }

  it("a deep link into the mode-collapse chapter's comparison lands on its last step: every column at its baked iteration and modes", async () => {
    const slug = chapters.find((c) => /collapse/.test(c))!;
    const url = `${site.server.url}lessons/en/gan/${slug}/?backend=wasm`;
    const probe = await openPage(site.browser, url);
    const [fig] = await figures(probe.page);
    await probe.page.close();
    const last = fig.columns[0].steps.reduce((k, s, i) => (s ? i : k), -1);
    for (const [name, viewport] of [
      ['desktop', { width: 1280, height: 720 }],
      ['phone', { width: 375, height: 740 }],
    ] as const) {
      const { page, consoleErrors } = await openPage(site.browser, `${url}#step-${last + 1}`, { viewport });
      await checkFigureStep(page, last);
      expect((await columnsShown(page)).map((c) => c.label)).toEqual(['Plain GAN', 'PacGAN2', 'Minibatch std', 'WGAN-GP']);
      await screenshot(page, `gan-mode-collapse-figure-${name}`);
      expect(consoleErrors).toEqual([]);
      await page.close();
    }
  });
});
