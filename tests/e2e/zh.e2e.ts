// The Chinese edition in real Chromium (run `npm run build` first): every Chinese chapter loads cleanly, a deep
// link lands on its step's state, the Chinese lab shows no English UI text, the language links land on the same
// chapter and step, and a chapter not translated yet is listed from English, never a dead link. Screenshots of
// three chapters and the lab, desktop and phone, go to test-results/screenshots/zh-*.png.
import { readdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { en } from '../../src/lab/i18n/en';
import { CONFIG_KEYS } from '../../src/lab/model/config';
import { checkFigureStep, columnsShown, figures } from './figure-helpers';
import { openPage, screenshot, useSite } from './harness';

const site = useSite();

const slugs = (dir: string) =>
  readdirSync(dir)
    .filter((f) => /^\d\d-.+\.md$/.test(f))
    .sort()
    .map((f) => f.replace(/^\d\d-/, '').replace(/\.md$/, ''));
const zhChapters = slugs('content/lessons/zh/gan');
const enChapters = slugs('content/lessons/en/gan');

const DESKTOP = { width: 1280, height: 720 };
/** Text with a Chinese character in it. */
const CJK = /[\u4e00-\u9fff]/;
const PHONE = { width: 375, height: 740 };

const loaded = (page: Page, i: number) => page.waitForFunction((n) => document.documentElement.dataset.stepLoaded === String(n), i, { timeout: 90_000 });
const stepsOf = (page: Page) => page.evaluate(() => JSON.parse(document.getElementById('lesson-data')!.textContent!).steps) as Promise<{ index: number; id: string; train: number }[]>;

/**
 * English words of the lab's own table (src/lab/i18n/en.ts) that must not appear in the Chinese lab. Names a
 * Chinese interface keeps are allowed: optimizers, activations, losses' names, backends, file formats, metrics.
 */
const ALLOWED = new Set(
  'adam relu tanh wgan gp kl js sgd rmsprop webgl wasm cpu gpu png json csv kb mb nan tensorflow gan lab leaky sigmoid momentum minimax nonsaturating hinge wasserstein auto worker pacgan true false'.split(' '),
);
const ENGLISH_WORDS = new Set(
  Object.values(en)
    .flatMap((v) => v.replace(/\{\w+\}/g, ' ').match(/[A-Za-z]{3,}/g) ?? [])
    .map((w) => w.toLowerCase())
    .filter((w) => !ALLOWED.has(w)),
);

const KEY_PATHS = new RegExp(`(?<![\\w.])(${CONFIG_KEYS.map((k) => k.path.replace(/\./g, '\\.')).join('|')})(?![\\w.])`, 'g');

/** Every English-table word found in the visible text, aria-labels and titles of the lab (option values excluded). */
async function englishInLab(page: Page, selector: string): Promise<string[]> {
  const texts = await page.evaluate((sel) => {
    const root = document.querySelector(sel)!;
    const out: string[] = [];
    const visible = (el: Element) => {
      const h = el as HTMLElement;
      return !!(h.offsetWidth || h.offsetHeight || h.getClientRects().length) && getComputedStyle(h).visibility !== 'hidden';
    };
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const p = n.parentElement;
      if (p && visible(p) && !p.closest('option') && p.tagName !== 'SCRIPT') out.push(n.textContent ?? '');
    }
    // (Observable Plot labels its marks' SVG groups "line", "dot": markup, not text a reader meets)
    for (const el of root.querySelectorAll('[aria-label], [title]')) if (!el.closest('.lab-chart-plot')) out.push(el.getAttribute('aria-label') ?? '', el.getAttribute('title') ?? '');
    for (const el of root.querySelectorAll('option')) out.push(el.textContent ?? '');
    return out;
  }, selector);
  const found = new Set<string>();
  // config keys are names (a link's `pack=3` is refused as "pack"), not English text
  for (const t of texts) for (const w of t.replace(KEY_PATHS, ' ').match(/\b[A-Za-z]{3,}\b/g) ?? []) if (ENGLISH_WORDS.has(w.toLowerCase())) found.add(w);
  return [...found];
}

describe('the Chinese edition', () => {
  it('the Chinese table of contents lists every chapter: a missing translation links to English with a note', async () => {
    const { page, consoleErrors } = await openPage(site.browser, `${site.server.url}zh/`);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    const items = await page.$$eval('.chapter-item', (els) => els.map((e) => ({ href: e.querySelector('a')!.getAttribute('href')!, fallback: e.classList.contains('is-fallback') })));
    expect(items.length).toBe(enChapters.length);
    for (const [i, slug] of enChapters.entries()) {
      const translated = zhChapters.includes(slug);
      expect(items[i].href).toBe(`/lessons/${translated ? 'zh' : 'en'}/gan/${slug}/`);
      expect(items[i].fallback).toBe(!translated);
    }
    // every link of the page resolves (no 404 for a translation not written yet)
    for (const { href } of items) expect((await page.request.get(`${site.server.url}${href.slice(1)}`)).status()).toBe(200);
    // both editions offered, hreflang alternates on both
    expect(await page.$$eval('link[rel="alternate"][hreflang]', (ls) => ls.map((l) => l.getAttribute('hreflang')).sort())).toEqual(['en', 'x-default', 'zh-CN']);
    const en = await openPage(site.browser, site.server.url);
    expect(await en.page.getAttribute('a[data-edition="zh"]', 'href')).toBe('/zh/');
    expect(await en.page.getAttribute('html', 'lang')).toBe('en');
    await en.page.close();
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  for (const slug of zhChapters) {
    it(`chapter ${slug}: loads with no console errors, in Chinese`, async () => {
      const { page, consoleErrors, foreignRequests } = await openPage(site.browser, `${site.server.url}lessons/zh/gan/${slug}/?backend=wasm`, { viewport: DESKTOP });
      expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
      const all = await stepsOf(page);
      await loaded(page, 0);
      // "open in the lab" opens the Chinese lab
      const hrefs = await page.$$eval('a[data-sandbox-link]', (as) => as.map((a) => a.getAttribute('href')!));
      expect(hrefs.length).toBeGreaterThanOrEqual(all.length);
      for (const h of hrefs) expect(h).toMatch(/^\/zh\/lab\//);
      // the previous and next chapters are the Chinese ones, titled in Chinese; the ends lead to the Chinese table
      const nav = await page.$$eval('.chapter-nav a', (as) => as.map((a) => ({ rel: a.getAttribute('rel'), href: a.getAttribute('href')!, title: a.querySelector('.chapter-nav-title')?.textContent ?? '', dir: a.querySelector('.chapter-nav-dir')!.textContent! })));
      const i = zhChapters.indexOf(slug);
      expect(nav.map((n) => n.href)).toEqual([i > 0 ? `/lessons/zh/gan/${zhChapters[i - 1]}/` : '/zh/', i < zhChapters.length - 1 ? `/lessons/zh/gan/${zhChapters[i + 1]}/` : '/zh/']);
      for (const n of nav) expect(`${n.dir} ${n.title}`).toMatch(CJK);
      for (const n of nav.filter((x) => x.rel)) expect(n.title).toMatch(CJK);
      expect(consoleErrors).toEqual([]);
      expect(foreignRequests).toEqual([]);
      await page.close();
    });
  }

  it('the comparison figure of chapter 8 names its columns in Chinese, and shows the states baked once for both editions', async () => {
    const url = `${site.server.url}lessons/zh/gan/mode-collapse/?backend=wasm`;
    const probe = await openPage(site.browser, url);
    const all = await figures(probe.page);
    const fig = all[0];
    // each figure's key above the steps (static HTML) and its data: Chinese, or a name kept as it is
    const keys = await probe.page.$$eval('figure.compare-key', (fs) => fs.map((f) => [...f.querySelectorAll('strong')].map((e) => e.textContent!)));
    await probe.page.close();
    expect(keys).toEqual(all.map((f) => f.columns.map((c) => c.label)));
    const keyLabels = keys[0];
    for (const l of keys.flat()) expect(CJK.test(l) || /^(PacGAN2|WGAN-GP)$/.test(l), l).toBe(true);
    // the same snapshots as the English figures': the labels are not in the bake key
    const enProbe = await openPage(site.browser, `${site.server.url}lessons/en/gan/mode-collapse/?backend=wasm`);
    const enAll = await figures(enProbe.page);
    await enProbe.page.close();
    const snaps = (fs: typeof all) => fs.map((f) => f.columns.map((c) => c.steps.map((s) => s?.snapshot ?? null)));
    expect(snaps(all)).toEqual(snaps(enAll));
    const last = fig.columns[0].steps.reduce((k, s, i) => (s ? i : k), -1);
    for (const [name, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
      const { page, consoleErrors } = await openPage(site.browser, `${url}#step-${last + 1}`, { viewport });
      await checkFigureStep(page, last);
      expect((await columnsShown(page)).map((c) => c.label)).toEqual(keyLabels);
      await screenshot(page, `zh-mode-collapse-figure-${name}`);
      expect(consoleErrors).toEqual([]);
      await page.close();
    }
  });

  it('/lessons/, /lessons/en/, /lessons/zh/ and /lessons/zh/gan/ are pages, not 404s: the editions and their tables', async () => {
    for (const [path, lang, canonical] of [
      ['lessons/zh/', 'zh-CN', '/zh/'],
      ['lessons/zh/gan/', 'zh-CN', '/zh/'],
      ['lessons/en/', 'en', '/'],
      ['lessons/en/gan/', 'en', '/'],
    ] as const) {
      const { page, consoleErrors } = await openPage(site.browser, `${site.server.url}${path}`);
      expect(await page.getAttribute('html', 'lang'), path).toBe(lang);
      expect(await page.getAttribute('link[rel="canonical"]', 'href')).toBe(canonical);
      const links = await page.$$eval('.chapter-link', (as) => as.map((a) => a.getAttribute('href')!));
      const locale = lang === 'en' ? 'en' : 'zh';
      expect(links).toEqual((locale === 'en' ? enChapters : enChapters.map((c) => (zhChapters.includes(c) ? c : null))).map((c, k) => `/lessons/${c ? locale : 'en'}/gan/${c ?? enChapters[k]}/`));
      expect(consoleErrors).toEqual([]);
      await page.close();
    }
    const { page, consoleErrors } = await openPage(site.browser, `${site.server.url}lessons/`);
    const editions = await page.$$eval('a[data-edition]', (as) => as.map((a) => ({ href: a.getAttribute('href'), lang: a.closest('[lang]')!.getAttribute('lang'), text: a.textContent })));
    expect(editions.map((e) => `${e.href} ${e.lang}`)).toEqual(['/ en', '/zh/ zh-CN']);
    expect(editions[1].text).toMatch(CJK);
    expect(page.url()).toBe(`${site.server.url}lessons/`); // no redirect
    expect(await page.getAttribute('a[data-lang-switch]', 'href')).toBe('/zh/');
    expect(await page.getAttribute('a[data-lang-switch]', 'data-missing')).toBeNull();
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('the reader\'s choice of edition is remembered as a link back to it, never a redirect', async () => {
    const ctx = await site.browser.newContext({ locale: 'zh-CN' });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    const continueShown = () => page.$$eval('[data-continue-box]', (els) => els.filter((e) => !(e as HTMLElement).hidden).map((e) => ({ text: e.textContent!.trim(), href: e.querySelector('a')!.getAttribute('href'), lang: e.getAttribute('lang') })));
    // a Chinese browser opening / gets the English page, with no offer: nothing was chosen yet
    await page.goto(site.server.url);
    expect(page.url()).toBe(site.server.url);
    expect(await continueShown()).toEqual([]);
    // the reader picks Chinese with the header's switch ...
    await page.click('a[data-lang-switch]');
    await page.waitForURL('**/zh/');
    expect(await continueShown()).toEqual([]);
    // ... so the English table offers the way back to it, and stays English
    await page.goto(site.server.url);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await continueShown()).toEqual([{ text: '继续阅读中文版 →', href: '/zh/', lang: 'zh-CN' }]);
    // following the offer; then choosing English from the Chinese table's "also in" link
    await page.click('[data-continue-box] a');
    await page.waitForURL('**/zh/');
    await page.click('a[data-edition="en"]');
    await page.waitForURL(site.server.url);
    await page.goto(`${site.server.url}zh/`);
    expect(await continueShown()).toEqual([{ text: 'Continue in English →', href: '/', lang: 'en' }]);
    // a stored value that is not a locale is ignored, and nothing breaks
    await page.evaluate(() => localStorage.setItem('gan-lessons.locale', '<img src=x onerror=alert(1)>'));
    await page.goto(site.server.url);
    expect(await continueShown()).toEqual([]);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it("a deep link into a Chinese chapter shows its step's state", async () => {
    const slug = zhChapters.find((c) => /discriminator/.test(c)) ?? zhChapters[3];
    const first = await openPage(site.browser, `${site.server.url}lessons/zh/gan/${slug}/?backend=wasm`);
    const all = await stepsOf(first.page);
    await first.page.close();
    const target = all[Math.min(2, all.length - 1)];
    const { page, consoleErrors } = await openPage(site.browser, `${site.server.url}lessons/zh/gan/${slug}/?backend=wasm#${target.id}`);
    await loaded(page, target.index);
    expect(Number(await page.evaluate(() => document.documentElement.dataset.stepIteration))).toBe(target.train);
    expect(await page.evaluate(() => document.documentElement.dataset.activeStep)).toBe(String(target.index));
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('the language links land on the same chapter and step, both ways; an untranslated chapter links to the table', async () => {
    const slug = zhChapters[2];
    const { page } = await openPage(site.browser, `${site.server.url}lessons/zh/gan/${slug}/?backend=wasm`);
    const all = await stepsOf(page);
    const i = Math.min(1, all.length - 1);
    await page.evaluate((n) => document.querySelector(`section.step[data-step="${n}"]`)!.scrollIntoView({ block: 'start', behavior: 'instant' }), i);
    await page.waitForFunction((n) => document.documentElement.dataset.activeStep === String(n), i);
    const href = await page.getAttribute('a[data-lang-switch]', 'href');
    expect(href).toBe(`/lessons/en/gan/${slug}/#${all[i].id}`);
    await page.click('a[data-lang-switch]');
    await page.waitForURL(`**/lessons/en/gan/${slug}/#${all[i].id}`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await loaded(page, i);
    // and back: the English page's link names the Chinese chapter at the same step
    expect(await page.getAttribute('a[data-lang-switch]', 'href')).toBe(`/lessons/zh/gan/${slug}/#${all[i].id}`);
    // hreflang alternates name both chapters
    expect(await page.$$eval('link[rel="alternate"][hreflang]', (ls) => ls.map((l) => `${l.getAttribute('hreflang')} ${l.getAttribute('href')}`).sort())).toEqual(
      [`en /lessons/en/gan/${slug}/`, `x-default /lessons/en/gan/${slug}/`, `zh-CN /lessons/zh/gan/${slug}/`].sort(),
    );
    await page.close();
    // without JavaScript the chapter link works (no step)
    const ctx = await site.browser.newContext({ javaScriptEnabled: false });
    const nojs = await ctx.newPage();
    await nojs.goto(`${site.server.url}lessons/zh/gan/${slug}/`);
    expect(await nojs.getAttribute('a[data-lang-switch]', 'href')).toBe(`/lessons/en/gan/${slug}/`);
    expect(await nojs.textContent('.lesson-lab-placeholder')).toMatch(/需要 JavaScript/);
    await ctx.close();
    // a chapter with no Chinese yet: its switch goes to the Chinese table, at that chapter's row
    const missing = enChapters.find((c) => !zhChapters.includes(c));
    if (missing) {
      const m = await openPage(site.browser, `${site.server.url}lessons/en/gan/${missing}/`);
      expect(await m.page.getAttribute('a[data-lang-switch]', 'href')).toBe(`/zh/#chapter-gan-${missing}`);
      expect(await m.page.$$eval('link[hreflang="zh-CN"]', (l) => l.length)).toBe(0);
      await m.page.close();
    }
  });

  it('the Chinese lab shows no English UI text (visible text, aria-labels, titles), and the English lab does', async () => {
    const { page, consoleErrors, foreignRequests } = await openPage(site.browser, `${site.server.url}zh/lab/?backend=wasm`, { viewport: DESKTOP });
    await page.waitForFunction(() => Number(document.getElementById('lab')?.dataset.iteration) > 0, undefined, { timeout: 90_000 });
    await page.keyboard.press('Space'); // pause: the text settles
    await page.click('.lab-help-btn'); // the shortcut list too
    await page.waitForSelector('.lab-slowmo-btn');
    await page.evaluate(() => (document.getElementById('lab') as HTMLElement & { labController: { setSpeed(n: number): void } }).labController.setSpeed(1));
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await englishInLab(page, 'body')).toEqual([]);
    // slow motion's narration
    await page.click('.lab-help-close');
    await page.click('.lab-slowmo-btn');
    await page.waitForSelector('.lab-slowmo:not([hidden])');
    expect(await englishInLab(page, '#lab')).toEqual([]);
    await screenshot(page, 'zh-lab-desktop');
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await page.close();
    // refusals: keys that do not fit together in a link (batchSize a multiple of pack), and an upload that is not JSON
    const bad = await openPage(site.browser, `${site.server.url}zh/lab/?backend=wasm&pack=3&batchSize=100`, { viewport: DESKTOP });
    await bad.page.waitForSelector('.lab-transport');
    await bad.page.waitForFunction(() => /打包数/.test(document.getElementById('lab')!.textContent ?? ''), undefined, { timeout: 30_000 });
    await bad.page.setInputFiles('.lab-upload-input', { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('[[1, 2], [3, 4]') });
    await bad.page.waitForFunction(() => /不是有效的 JSON/.test(document.querySelector('.lab-dist-message')?.textContent ?? ''));
    expect(await bad.page.textContent('.lab-dist-message')).toMatch(/第 \d+ 个字符处有误|语法有误/);
    expect(await englishInLab(bad.page, '#lab')).toEqual([]);
    await bad.page.close();
    // the check would see English: the English lab fails it
    const enLab = await openPage(site.browser, `${site.server.url}lab/?backend=wasm`);
    await enLab.page.waitForSelector('.lab-transport');
    expect((await englishInLab(enLab.page, '#lab')).length).toBeGreaterThan(10);
    await enLab.page.close();
  });

  it('screenshots: three Chinese chapters and the Chinese lab, desktop and phone', async () => {
    const picks = [zhChapters[0], zhChapters[3], zhChapters[zhChapters.length - 2]];
    for (const [name, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
      for (const slug of picks) {
        const { page, consoleErrors } = await openPage(site.browser, `${site.server.url}lessons/zh/gan/${slug}/?backend=wasm`, { viewport });
        await page.evaluate(() => document.querySelector('section.step[data-step="1"]')!.scrollIntoView({ block: 'start', behavior: 'instant' }));
        await loaded(page, 1);
        await screenshot(page, `zh-${slug}-${name}`);
        expect(consoleErrors).toEqual([]);
        await page.close();
      }
      const { page } = await openPage(site.browser, `${site.server.url}zh/?`, { viewport });
      await screenshot(page, `zh-toc-${name}`);
      await page.close();
      if (name === 'phone') {
        const lab = await openPage(site.browser, `${site.server.url}zh/lab/?backend=wasm`, { viewport });
        await lab.page.waitForSelector('.lab-transport');
        await screenshot(lab.page, 'zh-lab-phone');
        await lab.page.close();
      }
    }
  });
});
