// The sandbox lab in real Chromium, against the built site (run `npm run build` first). The WASM backend is
// forced for speed: headless Chromium's WebGL is software-rendered.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openLab, openPage, screenshot, useSite } from './harness';

const site = useSite();

async function open(query = '', opts: Parameters<typeof openPage>[2] = {}) {
  const q = query.replace(/^\?/, '');
  const full = q.includes('backend=') ? q : q ? `${q}&backend=wasm` : 'backend=wasm';
  return openLab(site, full, opts);
}

const attr = (page: Page, name: string) => page.evaluate((n) => document.getElementById('lab')!.getAttribute(n), name);
const num = async (page: Page, name: string) => Number(await attr(page, name));
const config = (page: Page) => page.evaluate(() => (document.getElementById('lab') as unknown as { labController: { config: unknown } }).labController.config) as Promise<Record<string, any>>;

async function pauseLab(page: Page) {
  if ((await attr(page, 'data-status')) === 'playing') await page.click('.lab-play');
  await page.waitForFunction(() => document.getElementById('lab')!.dataset.status === 'paused');
}

describe('the sandbox lab', () => {
  it('loads with no console errors and no foreign requests, plays, and the fakes move', async () => {
    const { page, consoleErrors, foreignRequests } = await open();
    expect(await attr(page, 'data-backend')).toBe('wasm');
    await page.waitForFunction(() => Number(document.getElementById('lab')!.dataset.iteration) > 0, null, { timeout: 30_000 });
    const fakes = () => page.evaluate(() => Array.from((document.getElementById('lab') as any).labController.frameData.fake.slice(0, 20)) as number[]);
    const it1 = await num(page, 'data-iteration');
    const f1 = await fakes();
    await page.waitForFunction((i) => Number(document.getElementById('lab')!.dataset.iteration) > i + 50, it1, { timeout: 30_000 });
    const it2 = await num(page, 'data-iteration');
    const f2 = await fakes();
    expect(it2).toBeGreaterThan(it1);
    expect(f2).not.toEqual(f1);
    expect(await attr(page, 'data-status')).toBe('playing');
    expect(await page.textContent('.lab-iteration')).not.toBe('0');
    await page.waitForSelector('.lab-chart-losses svg');
    await screenshot(page, 'lab-desktop', { fullPage: true });
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await page.close();
  });

  it('steps D, G and both by exactly the right counts', async () => {
    const { page } = await open('dSteps=2&gSteps=1');
    await pauseLab(page);
    const read = async () => ({ it: await num(page, 'data-iteration'), d: await num(page, 'data-d-steps'), g: await num(page, 'data-g-steps') });
    const s0 = await read();
    await page.click('.lab-step-d');
    await page.waitForFunction((d) => Number(document.getElementById('lab')!.dataset.dSteps) === d, s0.d + 1);
    expect(await read()).toEqual({ it: s0.it, d: s0.d + 1, g: s0.g });
    await page.click('.lab-step-g');
    await page.waitForFunction((g) => Number(document.getElementById('lab')!.dataset.gSteps) === g, s0.g + 1);
    expect(await read()).toEqual({ it: s0.it, d: s0.d + 1, g: s0.g + 1 });
    await page.click('.lab-step-both');
    await page.waitForFunction((i) => Number(document.getElementById('lab')!.dataset.iteration) === i, s0.it + 1);
    expect(await read()).toEqual({ it: s0.it + 1, d: s0.d + 3, g: s0.g + 2 });
    await page.close();
  });

  it('edits a learning rate live, refuses a bad one, and rebuilds on a layer change', async () => {
    const { page, consoleErrors } = await open();
    await pauseLab(page);
    const before = await num(page, 'data-iteration');
    const lr = page.locator('input[name="discriminator.learningRate"]');
    await lr.fill('0.01');
    await lr.press('Enter');
    await page.waitForFunction(() => (document.getElementById('lab') as any).labController.config.discriminator.learningRate === 0.01);
    // The status line is written when setConfig's promise settles, a tick after the config itself changes.
    await expect.poll(() => page.textContent('.lab-change')).toMatch(/applies live/);
    expect(await num(page, 'data-iteration')).toBe(before); // a live change keeps the run
    await lr.fill('5000');
    await lr.press('Enter');
    await expect.poll(() => lr.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.lab-field[data-path="discriminator.learningRate"] .lab-field-error').textContent()).toMatch(/number from/);
    expect((await config(page)).discriminator.learningRate).toBe(0.01);

    const layers = page.locator('input[name="generator.layers"]');
    await layers.fill('3');
    await layers.press('Enter');
    await page.waitForFunction(() => (document.getElementById('lab') as any).labController.config.generator.layers === 3);
    await expect.poll(() => page.textContent('.lab-change')).toMatch(/rebuilds the generator/);
    expect(await page.locator('.lab-field[data-path="generator.layers"] .lab-field-hint').textContent()).toMatch(/rebuilds the generator/);
    await page.click('.lab-play');
    const it0 = await num(page, 'data-iteration');
    await page.waitForFunction((i) => Number(document.getElementById('lab')!.dataset.iteration) > i, it0);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('draws a distribution with the mouse and trains on it', async () => {
    const { page, consoleErrors } = await open();
    await page.click('.lab-draw-open');
    const pad = page.locator('.lab-pad');
    await pad.scrollIntoViewIfNeeded();
    const box = (await pad.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.2);
    await page.mouse.down();
    for (let i = 0; i <= 30; i++) await page.mouse.move(box.x + box.width * (0.2 + 0.6 * (i / 30)), box.y + box.height * (0.2 + 0.6 * (i / 30)));
    await page.mouse.up();
    const count = Number((await page.textContent('.lab-pad-count'))!.replace(/\D/g, ''));
    expect(count).toBeGreaterThan(20);
    await screenshot(page, 'lab-draw-pad');
    await page.click('.lab-pad-apply');
    await page.waitForFunction(() => (document.getElementById('lab') as any).labController.config.distribution === 'points');
    const c = await config(page);
    expect(c.points.length).toBe(count);
    // drawn on the diagonal from top-left to bottom-right: x up, y down
    expect(c.points[0][0]).toBeLessThan(0.4);
    expect(c.points[0][1]).toBeGreaterThan(0.6);
    if ((await attr(page, 'data-status')) !== 'playing') await page.click('.lab-play');
    const it0 = await num(page, 'data-iteration');
    await page.waitForFunction((i) => Number(document.getElementById('lab')!.dataset.iteration) > i + 50, it0, { timeout: 30_000 });
    await page.locator('.lab-canvas').scrollIntoViewIfNeeded();
    await screenshot(page, 'lab-drawn-training');
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('uploads a good file and refuses a malformed one with a clear message', async () => {
    const { page, consoleErrors } = await open();
    const csv = 'x,y\n' + Array.from({ length: 60 }, (_, i) => `${(Math.cos(i / 10) * 3).toFixed(3)},${(Math.sin(i / 10) * 3).toFixed(3)}`).join('\n');
    await page.setInputFiles('.lab-upload-input', { name: 'spiral.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect.poll(() => page.textContent('.lab-dist-message')).toMatch(/Loaded 60 points from "spiral.csv"/);
    await page.waitForFunction(() => (document.getElementById('lab') as any).labController.config.points.length === 60);
    expect((await config(page)).distribution).toBe('points');
    await page.setInputFiles('.lab-upload-input', { name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from('1,2\n3,4\nfive,six\n') });
    await expect.poll(() => page.textContent('.lab-dist-message')).toMatch(/Could not use the file: "broken.csv": line 3/);
    expect(await page.getAttribute('.lab-dist-message', 'role')).toBe('alert');
    await page.setInputFiles('.lab-upload-input', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('[[1,2],{"x":"<b>"}]') });
    await expect.poll(() => page.textContent('.lab-dist-message')).toMatch(/item 2/);
    expect((await config(page)).points.length).toBe(60); // the bad files changed nothing
    await page.locator('.lab-picker').scrollIntoViewIfNeeded();
    await screenshot(page, 'lab-upload-error');
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('keeps the config in the URL: round trip', async () => {
    const { page } = await open('seed=7&loss=hinge&generator.neurons=24&distribution=ring');
    await pauseLab(page);
    expect(await page.inputValue('input[name="seed"]')).toBe('7');
    expect(await page.inputValue('select[name="loss"]')).toBe('hinge');
    expect(await page.inputValue('input[name="generator.neurons"]')).toBe('24');
    expect(await page.inputValue('.lab-dist-select')).toBe('ring');
    expect(await page.locator('.lab-notice').count()).toBe(0);
    await page.selectOption('select[name="discriminator.optimizer"]', 'rmsprop');
    await page.waitForFunction(() => location.search.includes('discriminator.optimizer=rmsprop'));
    const share = await page.inputValue('.lab-share-input');
    expect(share).toContain('seed=7');
    expect(share).toContain('backend=wasm');
    const c1 = await config(page);
    await page.close();
    const again = await openPage(site.browser, share);
    await again.page.waitForFunction(() => document.getElementById('lab')?.dataset.backend === 'wasm', null, { timeout: 60_000 });
    await again.page.waitForSelector('.lab-canvas');
    expect(await config(again.page)).toEqual(c1);
    await again.page.close();
  });

  it('refuses a hostile URL with a visible notice and still works', async () => {
    const q =
      'loss=' + encodeURIComponent('<script>window.__pwned=1</script>') +
      '&generator.neurons=1e308&seed=-5&discriminator.learningRate=Infinity' +
      '&evil=' + encodeURIComponent('<img src=x onerror="window.__pwned=2">') +
      '&distribution=' + encodeURIComponent('"><svg onload=alert(1)>') +
      '&generator.learningRate=0.004';
    const { page, consoleErrors, foreignRequests } = await open(q);
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    const notice = page.locator('.lab-notice-error');
    await expect.poll(() => notice.count()).toBeGreaterThan(0);
    const text = (await notice.first().textContent())!;
    expect(text).toMatch(/ignored/);
    expect(text).toContain('evil');
    expect(text).toContain('generator.neurons');
    expect(text).toContain('<script>'); // shown as text...
    expect(await page.evaluate(() => document.querySelectorAll('#lab script, #lab img, #lab svg[onload]').length)).toBe(0); // ...never as HTML
    expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
    const c = await config(page);
    expect(c.loss).toBe('nonsaturating');
    expect(c.generator.neurons).toBe(16);
    expect(c.distribution).toBe('gaussians');
    expect(c.generator.learningRate).toBe(0.004); // the valid key was kept
    const it0 = await num(page, 'data-iteration');
    if ((await attr(page, 'data-status')) !== 'playing') await page.click('.lab-play');
    await page.waitForFunction((i) => Number(document.getElementById('lab')!.dataset.iteration) > i, it0);
    await screenshot(page, 'lab-hostile-url');
    expect(dialogs).toBe(0);
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await page.close();
  });

  it('saves config and weights to a file and loads them back', async () => {
    const { page, consoleErrors } = await open('seed=3');
    await pauseLab(page);
    const savedIt = (await num(page, 'data-iteration')) + 3;
    for (let i = 0; i < 3; i++) await page.click('.lab-step-both');
    await page.waitForFunction((i) => Number(document.getElementById('lab')!.dataset.iteration) === i, savedIt);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('.lab-save')]);
    const path = await download.path();
    const file = JSON.parse(await readFile(path!, 'utf8'));
    expect(file.format).toBe('gan-lab');
    expect(file.snapshot.iteration).toBe(savedIt);
    expect(file.snapshot.config.seed).toBe(3);
    await page.click('.lab-reset');
    await page.waitForFunction(() => document.getElementById('lab')!.dataset.iteration === '0');
    await page.setInputFiles('.lab-load-input', { name: 'saved.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    await page.waitForFunction((i) => Number(document.getElementById('lab')!.dataset.iteration) === i, savedIt);
    const snap = await page.evaluate(() => (document.getElementById('lab') as any).labController.snapshot());
    expect(snap.generator.params).toEqual(file.snapshot.generator.params);
    await page.setInputFiles('.lab-load-input', { name: 'junk.json', mimeType: 'application/json', buffer: Buffer.from('{"nope":true}') });
    await expect.poll(() => page.locator('.lab-notice-error').count()).toBeGreaterThan(0);
    expect(await page.locator('.lab-notice-error').first().textContent()).toMatch(/Could not load "junk.json"/);
    expect(await num(page, 'data-iteration')).toBe(savedIt);
    // PNG export
    const [png] = await Promise.all([page.waitForEvent('download'), page.click('.lab-export')]);
    expect(png.suggestedFilename()).toMatch(/\.png$/);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('plays and pauses from the keyboard, steps with arrows, lists shortcuts with ?', async () => {
    const { page } = await open();
    await page.waitForFunction(() => document.getElementById('lab')!.dataset.status === 'playing');
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('Space');
    await page.waitForFunction(() => document.getElementById('lab')!.dataset.status === 'paused');
    const it0 = await num(page, 'data-iteration');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((i) => Number(document.getElementById('lab')!.dataset.iteration) === i + 1, it0);
    await page.keyboard.press('Space');
    await page.waitForFunction(() => document.getElementById('lab')!.dataset.status === 'playing');
    await page.keyboard.press('Shift+?');
    expect(await page.isVisible('.lab-help')).toBe(true);
    expect(await page.textContent('.lab-help')).toMatch(/play \/ pause/);
    await screenshot(page, 'lab-shortcuts');
    await page.keyboard.press('Escape');
    expect(await page.isVisible('.lab-help')).toBe(false);
    await page.keyboard.press('1');
    expect(await page.getAttribute('.lab-layer-heatmap', 'aria-pressed')).toBe('false');
    await page.click('.lab-layer-heatmap');
    expect(await page.getAttribute('.lab-layer-heatmap', 'aria-pressed')).toBe('true');
    await page.close();
  });

  it('labels every control for screen readers', async () => {
    const { page } = await open();
    const unlabelled = await page.evaluate(() => {
      const bad: string[] = [];
      for (const el of document.querySelectorAll<HTMLElement>('#lab button, #lab input, #lab select')) {
        if (el instanceof HTMLInputElement && el.type === 'file') continue; // labelled by its <label for>
        const name = el.getAttribute('aria-label') || (el.id && document.querySelector(`label[for="${el.id}"]`)?.textContent) || (el.tagName === 'BUTTON' && el.textContent?.trim());
        if (!name) bad.push(el.outerHTML.slice(0, 80));
      }
      return bad;
    });
    expect(unlabelled).toEqual([]);
    await page.close();
  });

  it('slow motion narrates the sub-steps and lights up the graph', async () => {
    const { page } = await open();
    await pauseLab(page);
    await page.click('.lab-slowmo-btn');
    await page.waitForSelector('.lab-slowmo:not([hidden])');
    const steps = await page.locator('.lab-slowmo-steps li').count();
    expect(steps).toBe(13);
    expect(await page.textContent('.lab-slowmo-text')).toMatch(/^1\/13 /);
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.textContent('.lab-slowmo-text')).toMatch(/^5\//);
    expect(await page.locator('.lab-graph-box.is-active').count()).toBeGreaterThan(0);
    await page.locator('.lab-side').scrollIntoViewIfNeeded();
    await screenshot(page, 'lab-slow-motion');
    await page.click('.lab-slowmo-btn');
    await page.waitForSelector('.lab-slowmo[hidden]', { state: 'attached' });
    await page.close();
  });

  it('switches backend and shows it', async () => {
    const { page } = await open();
    expect(await page.textContent('.lab-backend-info')).toMatch(/wasm/);
    await page.selectOption('.lab-backend-select', 'cpu');
    await page.waitForFunction(() => document.getElementById('lab')!.dataset.backend === 'cpu', null, { timeout: 30_000 });
    expect(await page.textContent('.lab-backend-info')).toMatch(/^cpu/);
    await page.close();
  });

  it('starts paused under prefers-reduced-motion', async () => {
    const { page } = await open('', { reducedMotion: true });
    // The controller is published once mounting is done: autoplay, had it happened, would have started by then.
    await page.waitForFunction(() => !!(document.getElementById('lab') as any).labController?.frameData);
    expect(await attr(page, 'data-status')).toBe('paused');
    expect(await attr(page, 'data-iteration')).toBe('0');
    await page.close();
  });

  it('fits a 375 px phone', async () => {
    const { page, consoleErrors } = await open('', { viewport: { width: 375, height: 812 } });
    // once training runs and the charts have drawn, every part of the lab has its final size
    await page.waitForFunction(() => Number(document.getElementById('lab')!.dataset.iteration) > 0, null, { timeout: 30_000 });
    await page.waitForSelector('.lab-chart-losses svg');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'lab-phone', { fullPage: true });
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('shows a divergence, pauses and restores', async () => {
    const { page } = await open('loss=wasserstein&generator.learningRate=10&discriminator.learningRate=10&discriminator.optimizer=sgd&generator.optimizer=sgd');
    await page.waitForFunction(() => document.getElementById('lab')!.dataset.status === 'diverged', null, { timeout: 30_000 });
    expect(await page.isVisible('.lab-divergence')).toBe(true);
    expect(await page.textContent('.lab-divergence')).toMatch(/diverged/);
    expect(await page.textContent('.lab-divergence')).toMatch(/gradient penalty/);
    await page.locator('.lab-canvas').scrollIntoViewIfNeeded();
    await screenshot(page, 'lab-diverged');
    await page.click('.lab-restore');
    await page.waitForFunction(() => document.getElementById('lab')!.dataset.status === 'paused');
    await page.close();
  });

  it('a lost WebGL context moves the run to WASM from the last frame and says so', async () => {
    const { page, consoleErrors } = await open('backend=webgl');
    expect(await attr(page, 'data-backend')).toBe('webgl');
    await page.waitForFunction(() => Number(document.getElementById('lab')!.dataset.iteration) >= 20, null, { timeout: 60_000 });
    await pauseLab(page);
    const before = await num(page, 'data-iteration');
    const lost = await page.evaluate(() => (document.getElementById('lab') as any).labDebug.loseWebGLContext());
    expect(lost).toBe(true);
    await page.waitForFunction(() => document.getElementById('lab')!.dataset.backend === 'wasm', null, { timeout: 30_000 });
    // The run continues from the last frame that finished reading (a read in flight on the lost context never lands).
    const after = await num(page, 'data-iteration');
    expect(after).toBeGreaterThan(0);
    expect(after).toBeLessThanOrEqual(before);
    expect(await page.textContent('#lab')).toMatch(new RegExp(`context was lost.*continued from the last frame's weights \\(iteration ${after}\\)`));
    await page.click('.lab-play');
    await page.waitForFunction((b) => Number(document.getElementById('lab')!.dataset.iteration) > b, before, { timeout: 30_000 });
    expect(consoleErrors.filter((e) => !/WebGL|context/i.test(e))).toEqual([]);
    await page.close();
  });
});

