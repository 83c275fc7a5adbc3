// Files the lab reads (issue 13), in real Chromium against the built site (run `npm run build` first): a save
// file that is well-formed JSON but wrong inside is refused with what is wrong, and the run carries on; uploaded
// points with decimal commas far outside the unit square are read, scaled, and the message says both.
import { describe, expect, it } from 'vitest';
import { openLab, useSite } from './harness';

const site = useSite();

const open = () => openLab(site, 'backend=wasm&seed=3');

const iteration = (page: import('playwright-core').Page) => page.evaluate(() => Number(document.getElementById('lab')!.dataset.iteration));

describe('files the lab reads', () => {
  it('refuses a save with bad contents, says what is wrong, and the run goes on', async () => {
    const { page, consoleErrors } = await open();
    if ((await page.getAttribute('#lab', 'data-status')) === 'playing') await page.click('.lab-play');
    await page.waitForFunction(() => document.getElementById('lab')!.dataset.status === 'paused');
    for (let i = 0; i < 2; i++) await page.click('.lab-step-both');
    const saved = await page.evaluate(() => (document.getElementById('lab') as any).labController.save());
    const it0 = await iteration(page);
    const params0 = await page.evaluate(async () => (await (document.getElementById('lab') as any).labController.snapshot()).generator.params.slice(0, 8));

    const noSlots = structuredClone(saved);
    noSlots.snapshot.generator.slots = [];
    await page.setInputFiles('.lab-load-input', { name: 'no-slots.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(noSlots)) });
    await expect.poll(() => page.locator('.lab-notice-error .lab-notice-text').last().textContent()).toBe(
      'Could not load "no-slots.json": the generator\'s optimizer state has 0 optimizer slots; adam keeps 2',
    );
    const nullWeights = structuredClone(saved);
    nullWeights.snapshot.discriminator.params[2] = null;
    await page.setInputFiles('.lab-load-input', { name: 'null.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(nullWeights)) });
    await expect.poll(() => page.locator('.lab-notice-error .lab-notice-text').last().textContent()).toMatch(/^Could not load "null\.json": the discriminator's weights: number 3 is null; every value must be a finite number/);

    expect(await iteration(page)).toBe(it0);
    expect(await page.evaluate(async () => (await (document.getElementById('lab') as any).labController.snapshot()).generator.params.slice(0, 8))).toEqual(params0);
    await page.click('.lab-play');
    await page.waitForFunction((i) => Number(document.getElementById('lab')!.dataset.iteration) > i + 5, it0, { timeout: 30_000 });
    expect(await page.getAttribute('#lab', 'data-status')).toBe('playing');
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('reads uploaded points with decimal commas, scales them into the square, and says so', async () => {
    const { page, consoleErrors } = await open();
    const csv = 'x;y\n' + Array.from({ length: 40 }, (_, i) => `${(1000 + Math.cos(i / 6) * 300).toFixed(1).replace('.', ',')};${(Math.sin(i / 6) * 300).toFixed(1).replace('.', ',')}`).join('\n');
    await page.setInputFiles('.lab-upload-input', { name: 'eu.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect.poll(() => page.textContent('.lab-dist-message')).toMatch(/^Loaded 40 points from "eu\.csv" \(skipped a header row; read commas as decimal points \("0,5" as 0\.5\); scaled into the unit square the lab trains on, keeping their shape \(x from .* to .*, y from .* to .*\)\)\.$/);
    await page.waitForFunction(() => (document.getElementById('lab') as any).labController.config.points.length === 40);
    const pts = (await page.evaluate(() => (document.getElementById('lab') as any).labController.config.points)) as [number, number][];
    for (const [x, y] of pts) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(1);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(1);
    }
    expect(consoleErrors).toEqual([]);
    await page.close();
  });
});
