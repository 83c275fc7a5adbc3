// The author's loop in `npm run dev` (issue 14): a chapter with mistakes shows them on its page and in the terminal,
// exactly as lessons:check prints them, and saving the fix brings the chapter back without a restart; a claim the
// checkpoint does not bear out is marked on its step with the measured value (on a comparison figure's step, the
// column's); ?debug shows each step's checkpoint;
// J / K move between steps. The tests edit the fixture chapter and always put it back (editableFile).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, screenshot } from './harness';
import { editableFile, startDevServer, untilInPage, type DevServer } from './dev-harness';

const FIXTURE = 'tests/fixtures/lessons/good/01-fixture.md';
const STEP2 = ':::step{train=200 freeze hide=manifold}';
const COMPARE = 'tests/fixtures/lessons/good/04-compare.md';
const FIGURE_STEP = ':::step{compare=four train=100 expect="iteration==100; Pack 2: modes>=0"}';
let dev: DevServer;
let browser: Browser;
const fixture = editableFile(FIXTURE);
const compareFixture = editableFile(COMPARE);

beforeAll(async () => {
  dev = await startDevServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  fixture.restore();
  compareFixture.restore();
  await browser?.close();
  dev?.close();
});

/** Waits in the page; on a timeout, the error carries the dev server's last output. */
const until = <T>(page: Parameters<typeof untilInPage>[0], fn: () => T) =>
  untilInPage(page, fn, 180_000).catch((e: Error) => {
    throw new Error(`${e.message}\n--- astro dev said (last 3000 characters):\n${dev.output().slice(-3000)}`);
  });

const chapterUrl = () => `${dev.url}lessons/_fixture/fixture/?backend=wasm`;
const hasChapter = () => !!document.getElementById('lesson-data') && !document.querySelector('.lesson-error-report');

describe('astro dev, for the author', () => {
  it('shows a broken chapter\'s errors (file:line:col, the line, a caret, did you mean) and comes back once fixed', async () => {
    const { page } = await openPage(browser, chapterUrl());
    await until(page, hasChapter);
    try {
      fixture.edit(STEP2, ':::step{train=200 freeze hide=manifold generator.neurons=0 hightlight=noise}');
      // The open page reloads by itself when the chapter is saved.
      const report = await until(page, () => document.querySelector('.lesson-error-report')?.textContent);
      expect(report).toContain(`${FIXTURE}:19:40: generator.neurons=0 is out of range (allowed: an integer from 1 to 128)`);
      expect(report).toContain(`${FIXTURE}:19:60: unknown attribute "hightlight" on :::step`);
      expect(report).toContain('did you mean "highlight"?');
      expect(report).toContain('  19 | :::step{train=200 freeze hide=manifold generator.neurons=0 hightlight=noise}\n     |                                        ^');
      await screenshot(page, 'dev-chapter-errors');
      // The terminal says the same.
      await expect.poll(() => dev.output(), { timeout: 10_000 }).toContain(`${FIXTURE}:19:40: generator.neurons=0 is out of range`);
      expect(dev.output()).toContain('                                        ^');
    } finally {
      fixture.restore();
    }
    await until(page, hasChapter);
    expect(await page.evaluate(() => document.querySelectorAll('section.step').length)).toBe(5);
    await page.close();
  });

  it('marks a claim its checkpoint does not bear out on its step, with the measured value, until it is fixed', async () => {
    const { page } = await openPage(browser, chapterUrl());
    await until(page, () => document.documentElement.dataset.claimsChecked === '5');
    expect(await page.evaluate(() => document.querySelectorAll('.claims-failed').length)).toBe(0);
    // From the reload on: record the "baking" indicators (on the step and in the loading line) as they come and go.
    await page.addInitScript(() => {
      const w = window as unknown as { saw: string[] };
      w.saw = [];
      addEventListener('DOMContentLoaded', () =>
        new MutationObserver(() => {
          const badge = document.querySelector('.claims-baking')?.textContent;
          const line = document.querySelector('.lesson-progress:not([hidden]) .lesson-progress-text')?.textContent;
          for (const t of [badge, line]) if (t && !w.saw.includes(t)) w.saw.push(t);
        }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true }),
      );
    });
    try {
      fixture.edit(STEP2, ':::step{train=200 freeze hide=manifold expect="modes>=8"}');
      const text = await until(page, () => document.documentElement.dataset.claimsChecked === '5' && document.querySelector('section.step[data-step="1"] .claims-failed')?.textContent);
      expect(text).toMatch(/A claim does not hold/);
      expect(text).toMatch(new RegExp(`${FIXTURE}:19:48: expect "modes>=8" failed: measured modes = [0-7]\\b`));
      expect(await page.evaluate(() => document.querySelectorAll('.claims-failed').length)).toBe(1);
      expect(await page.evaluate(() => document.querySelector<HTMLElement>('section.step[data-step="1"]')!.dataset.claims)).toBe('failed');
      const saw = await page.evaluate(() => (window as unknown as { saw: string[] }).saw);
      expect(saw).toContain('Baking this step to check its claims…');
      expect(saw).toContain('Baking step 2 of 5 to check its claims…');
      await page.evaluate(() => document.querySelector('section.step[data-step="1"]')!.scrollIntoView());
      await screenshot(page, 'dev-claim-failed');
      await expect.poll(() => dev.output(), { timeout: 10_000 }).toMatch(/19:48: expect "modes>=8" failed: measured modes = \d/);
      // Mark this page: the reload the fix brings clears the mark.
      await page.evaluate(() => void ((window as unknown as { beforeFix: boolean }).beforeFix = true));
    } finally {
      fixture.restore();
    }
    await until(page, () => !(window as unknown as { beforeFix?: boolean }).beforeFix && document.documentElement.dataset.claimsChecked === '5');
    expect(await page.evaluate(() => document.querySelectorAll('.claims-failed').length)).toBe(0);
    await page.close();
  });

  it("marks a comparison figure's failed column claims on their step: the column, the claim, the column's measured value", async () => {
    const { page } = await openPage(browser, `${dev.url}lessons/_fixture/compare/?backend=wasm`);
    const checked = () => document.documentElement.dataset.claimsChecked === '4';
    await until(page, checked);
    const step1 = () => page.evaluate(() => document.querySelector<HTMLElement>('section.step[data-step="1"]')!.dataset.claims);
    expect(await step1()).toBe('ok');
    try {
      // At 100 iterations the chapter's own run (the "Plain" column) covers 3 modes, so both new claims hold there;
      // they are about the columns: "Hinge" covers more than 3, "Least squares" fewer than 2 (as the build bakes them).
      compareFixture.edit(FIGURE_STEP, ':::step{compare=four train=100 expect="iteration==100; Pack 2: modes>=0; Hinge: modes<=3; modes>=2"}');
      await page.evaluate(() => void ((window as unknown as { beforeFix: boolean }).beforeFix = true));
      await until(page, () => !(window as unknown as { beforeFix?: boolean }).beforeFix); // the save reloads the page
      const text = await until(page, () => document.documentElement.dataset.claimsChecked === '4' && document.querySelector('section.step[data-step="1"] .claims-failed')?.textContent);
      expect(text).toMatch(/^2 claims do not hold in columns “Least squares”, “Hinge”/);
      expect(text).toMatch(new RegExp(`${COMPARE}:22:91: expect "modes>=2" failed in column "Least squares": measured modes = [01]\\b`));
      expect(text).toMatch(new RegExp(`${COMPARE}:22:81: expect "Hinge: modes<=3" failed: measured modes = [4-8]\\b`));
      expect(await step1()).toBe('failed');
      expect(await page.evaluate(() => document.querySelector<HTMLElement>('section.step[data-step="1"]')!.dataset.claimsColumns)).toBe('Least squares,Hinge');
      expect(await page.evaluate(() => document.querySelectorAll('.claims-failed').length)).toBe(1);
      await page.evaluate(() => document.querySelector('section.step[data-step="1"]')!.scrollIntoView());
      await screenshot(page, 'dev-column-claim-failed');
      await expect.poll(() => dev.output(), { timeout: 10_000 }).toMatch(/22:91: expect "modes>=2" failed in column "Least squares": measured modes = \d/);
      await page.evaluate(() => void ((window as unknown as { beforeFix: boolean }).beforeFix = true));
    } finally {
      compareFixture.restore();
    }
    await until(page, () => !(window as unknown as { beforeFix?: boolean }).beforeFix && document.documentElement.dataset.claimsChecked === '4');
    expect(await page.evaluate(() => document.querySelectorAll('.claims-failed').length)).toBe(0);
    expect(await step1()).toBe('ok');
    await page.close();
  });

  it('moves between steps with J and K when the focus is in the text, and says so to screen readers', async () => {
    const { page } = await openPage(browser, chapterUrl());
    // The runtime has marked the active step, and the lab (whose keys are its own) is up.
    await until(page, () => document.documentElement.dataset.activeStep !== undefined && !!document.querySelector('#lesson-lab button'));
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator('.lesson-text h1').click();
    const active = () => page.evaluate(() => document.documentElement.dataset.activeStep);
    expect(await active()).toBe('0'); // at the top, the first step is active
    await page.keyboard.press('j');
    await expect.poll(active).toBe('1');
    expect(await page.evaluate(() => document.querySelector('.lesson-step-live')?.textContent)).toMatch(/^Step 2 of 5: After 200 iterations/);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-step'))).toBe('1');
    await page.keyboard.press('j');
    await expect.poll(active).toBe('2');
    await page.keyboard.press('k');
    await expect.poll(active).toBe('1');
    await page.keyboard.press('k');
    await expect.poll(active).toBe('0');
    await page.keyboard.press('k'); // nothing before the first step
    expect(await active()).toBe('0');
    // The lab's shortcut list names them; in the lab the keys are the lab's.
    expect(await page.evaluate(() => document.querySelector('#lesson-lab .lab-help')?.textContent)).toContain('J / Knext / previous step of the lesson');
    await page.focus('#lesson-lab button');
    await page.keyboard.press('j');
    expect(await active()).toBe('0');
    await page.close();
  });

  it('?debug outlines the steps and labels each with its checkpoint and config changes', async () => {
    const { page } = await openPage(browser, `${dev.url}lessons/_fixture/fixture/?backend=wasm&debug`);
    const labels = await until(page, () => {
      const l = Array.from(document.querySelectorAll('.lesson-debug-label'), (x) => x.textContent);
      return l.length ? l : null;
    });
    expect(labels).toHaveLength(5);
    expect(labels![1]).toMatch(/^step 2 \(#[\w-]+\) · checkpoint at iteration 200 · config against step 1: no change$/);
    expect(labels![3]).toMatch(/checkpoint at iteration 400 · config against step 3: discriminator\.learningRate: [\d.e-]+ → 0\.005$/);
    expect(await page.evaluate(() => !!document.querySelector('.lesson-debug-line'))).toBe(true);
    await screenshot(page, 'dev-debug-view');
    await page.close();
  });
});
