// The comparison figure (`:::compare`) in real Chromium: a deep link into a figure step shows every column at its
// baked state (iteration and modes as the build measured them), the figure stands in the lab's place and gives it
// back on the next step, the columns play and pause together, reduced motion keeps them still, and the page lets go
// of every lab. Desktop and phone screenshots. Then the shipped mode-collapse chapter (en and zh): a deep link into
// each of its figures' last step shows every column at the baked iteration and modes, on a desktop and a phone, and
// the prose's high-quality shares as the percentages the readouts beside them show.
// Run `npm run build` first.
import { describe, expect, it } from 'vitest';
import { checkFigureStep, columnsShown, figures, lastStep, loaded } from './figure-helpers';
import { openPage, screenshot, useSite } from './harness';

const site = useSite();

const FIXTURE = 'lessons/_fixture/compare/';

describe('a comparison figure', () => {
  it('a deep link shows every column at its baked state; the next step gives the lab back; the page lets go of every lab', async () => {
    const { page, consoleErrors, foreignRequests } = await openPage(site.browser, `${site.server.url}${FIXTURE}?backend=wasm#step-2`);
    await checkFigureStep(page, 1);
    // the live value in the prose follows its column
    await page.waitForFunction(() => document.querySelector('.live-value[data-column="Pack 2"]')!.textContent !== '–');
    const packModes = (await columnsShown(page)).find((c) => c.label === 'Pack 2')!.modes;
    expect(await page.textContent('.live-value[data-column="Pack 2"]')).toBe(String(packModes));
    await screenshot(page, 'compare-fixture-desktop');
    // the next step is the chapter's lab again, at its own checkpoint
    await page.evaluate(() => document.querySelector('section.step[data-step="3"]')!.scrollIntoView({ block: 'start', behavior: 'instant' }));
    await loaded(page, 3);
    expect(await page.evaluate(() => ({ lab: document.getElementById('lesson-lab')!.hidden, figure: document.querySelector<HTMLElement>('.lesson-figure')!.hidden }))).toEqual({ lab: false, figure: true });
    expect(Number(await page.evaluate(() => document.documentElement.dataset.stepIteration))).toBe(300);
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await page.close();
  });

  it('a play step plays every column; pause all stops them together', async () => {
    const { page, consoleErrors } = await openPage(site.browser, `${site.server.url}${FIXTURE}?backend=wasm#step-3`);
    await loaded(page, 2);
    await page.waitForFunction(() => Array.from(document.querySelectorAll<HTMLElement>('.figure-col')).every((c) => Number(c.dataset.iteration) > 200), undefined, { timeout: 60_000 });
    expect(await page.textContent('.figure-play')).toBe('Pause all');
    // The columns (and the chapter's lab) share the page's workers, one per core at most (remote/worker-pool.ts):
    // four busy workers on two cores took the CPU the page needs to draw.
    const cores = await page.evaluate(() => navigator.hardwareConcurrency || 2);
    expect(page.workers().filter((w) => /trainer-worker/.test(w.url())).length).toBeLessThanOrEqual(Math.max(1, cores));
    await page.click('.figure-play');
    await page.waitForFunction(() => Array.from(document.querySelectorAll<HTMLElement>('.figure-col')).every((c) => c.dataset.status === 'paused'));
    const a = (await columnsShown(page)).map((c) => c.iteration);
    await page.waitForTimeout(500);
    expect((await columnsShown(page)).map((c) => c.iteration)).toEqual(a);
    expect(await page.textContent('.figure-play')).toBe('Play all');
    // step all: one iteration in every column
    await page.click('.figure-step');
    await page.waitForFunction((before) => Array.from(document.querySelectorAll<HTMLElement>('.figure-col')).every((c, k) => Number(c.dataset.iteration) === before[k] + 1), a);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('under reduced motion a play step stays still until the reader presses play', async () => {
    const { page, consoleErrors } = await openPage(site.browser, `${site.server.url}${FIXTURE}?backend=wasm#step-3`, { reducedMotion: true });
    await checkFigureStep(page, 2);
    await page.waitForTimeout(800);
    expect((await columnsShown(page)).map((c) => c.iteration)).toEqual([200, 200, 200, 200]);
    expect(await page.textContent('.figure-play')).toBe('Play all');
    await page.click('.figure-play');
    await page.waitForFunction(() => Array.from(document.querySelectorAll<HTMLElement>('.figure-col')).every((c) => Number(c.dataset.iteration) > 200), undefined, { timeout: 60_000 });
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('on a phone the columns sit in a 2 x 2 grid above the text', async () => {
    const { page, consoleErrors } = await openPage(site.browser, `${site.server.url}${FIXTURE}?backend=wasm#step-2`, { viewport: { width: 375, height: 740 } });
    await checkFigureStep(page, 1);
    const boxes = await page.$$eval('.figure-col', (els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ x: Math.round(r.x), y: Math.round(r.y), w: r.width, bottom: r.bottom })));
    expect(new Set(boxes.map((b) => b.x)).size).toBe(2);
    expect(new Set(boxes.map((b) => b.y)).size).toBe(2);
    for (const b of boxes) expect(b.x + b.w).toBeLessThanOrEqual(375);
    await screenshot(page, 'compare-fixture-phone');
    expect(consoleErrors).toEqual([]);
    await page.close();
  });
});

const VIEWPORTS = [
  ['desktop', { width: 1280, height: 720 }],
  ['phone', { width: 375, height: 740 }],
] as const;

describe("the mode-collapse chapter's figures", () => {
  for (const locale of ['en', 'zh'] as const) {
    it(`${locale}: a deep link into each figure's last step shows every column at its baked iteration and modes`, async () => {
      const url = `${site.server.url}lessons/${locale}/gan/mode-collapse/?backend=wasm`;
      const probe = await openPage(site.browser, url);
      const figs = await figures(probe.page);
      await probe.page.close();
      // the remedies on ring8 (four columns, 10,000 iterations), then plain against packing on grid25
      const [plain, mbstd] = locale === 'en' ? ['Plain GAN', 'Minibatch std'] : ['普通 GAN', '小批量标准差'];
      expect(figs.map((f) => [f.id, f.columns.map((c) => c.label)])).toEqual([
        ['remedies', [plain, 'PacGAN2', mbstd, 'WGAN-GP']],
        ['grid', [plain, 'PacGAN2']],
      ]);
      for (const fig of figs) {
        const last = lastStep(fig);
        expect(fig.columns.map((c) => c.steps[last]!.train)).toEqual(fig.columns.map(() => 10_000));
        for (const [name, viewport] of VIEWPORTS) {
          const { page, consoleErrors } = await openPage(site.browser, `${url}#step-${last + 1}`, { viewport });
          await checkFigureStep(page, last);
          expect(await page.$eval('.lesson-figure:not([hidden])', (e) => (e as HTMLElement).dataset.figure)).toBe(fig.id);
          // the prose's high-quality shares read as percentages, the same as the readout under their column (96%, not 0.96)
          const hq = await page.$$eval(`section.step[data-step="${last}"] .live-value[data-metric="highQuality"]`, (els) => els.map((e) => [(e as HTMLElement).dataset.column!, e.textContent!] as const));
          expect(hq.length).toBeGreaterThan(0);
          const shown = await columnsShown(page);
          for (const [column, text] of hq) {
            expect(text, column).toMatch(/^[<>]?\d+%$/);
            expect(shown.find((c) => c.label === column)!.readout, column).toMatch(new RegExp(`(^|[^\\d.])${text}`));
          }
          await screenshot(page, `mode-collapse-${fig.id}-${locale}-${name}`);
          expect(consoleErrors).toEqual([]);
          await page.close();
        }
      }
    }, 300_000); // four pages, each loading four (or two) columns' baked states
  }
});
