// The lab's message tables and registry text: every locale has exactly English's keys and placeholders, every
// registry entry and config key has its text in every locale, numbers follow the locale, and the Chinese lab's
// generated text (slow motion, shortcuts, refusals) has no English words left in it.
import { afterEach, describe, expect, it } from 'vitest';
import { GRAPH_BOXES } from '../../src/lab/graph-parts';
import { fill, formatNumber, LOCALES, setLocale, t, TABLES } from '../../src/lab/i18n';
import { tableProblems } from '../../src/lab/i18n/check';
import { descKey, fieldKey, ISSUE_MESSAGES, issuesText } from '../../src/lab/i18n/config-text';
import { errorText } from '../../src/lab/i18n/error-text';
import { ReaderError } from '../../src/lab/i18n/reader-error';
import { en } from '../../src/lab/i18n/en';
import { shortcuts } from '../../src/lab/lab-keys';
import { applyPatch, CONFIG_KEYS, ConfigError, DEFAULT_CONFIG, parseAssignments, parseConfig } from '../../src/lab/model/config';
import { checkSnapshot } from '../../src/lab/model/trainer/snapshot-check';
import { readFileSync } from 'node:fs';
import { DISTRIBUTIONS } from '../../src/lab/model/distributions';
import { LOSSES } from '../../src/lab/model/losses';
import { METRIC_CATALOG } from '../../src/lab/model/metrics/catalog';
import { slowMotionPlan } from '../../src/lab/slow-motion-plan';
import { readUrlState, refusalNotice } from '../../src/lab/url-state';
import { parsePointsFile } from '../../src/lab/view/distribution-picker';
import { VIEW_LAYERS } from '../../src/lab/view/layers';
import { SITE_TABLES, siteT, templateParts } from '../../src/lab/i18n/site';
import { siteEn } from '../../src/lab/i18n/site-en';

afterEach(() => setLocale('en'));

/** Words allowed in Chinese text: names, units and symbols the Chinese lab keeps as they are. */
const NAMES = /\b(HTTP|Adam|RMSProp|SGD|ReLU|tanh|WGAN-GP|WGAN|LSGAN|PacGAN|VEEGAN|GAN|Lab|KL|JS|WebGL|WASM|CPU|GPU|PNG|JSON|CSV|KB|MB|NaN|TensorFlow|Jensen|Shannon|Wasserstein|Hinge|critic|packing|sklearn|log|max|ln|ring8|p_data|p_g|logit|points|gradientPenalty|pack|true|false|Space|format|gan-lab|snapshot|Worker)\b/g;
const englishWords = (text: string) => text.replace(NAMES, '').match(/[A-Za-z]{3,}/g) ?? [];

describe('message tables', () => {
  it('every locale has exactly English keys and placeholders, none empty', () => {
    expect(LOCALES).toContain('zh');
    expect(tableProblems(en, TABLES)).toEqual([]);
  });

  it('the check catches a missing key, an extra key, a lost placeholder and an empty text', () => {
    const { ['start.loading']: _gone, ...missing } = TABLES.zh;
    expect(tableProblems(en, { zh: missing })).toEqual(['zh: missing "start.loading"']);
    expect(tableProblems(en, { zh: { ...TABLES.zh, 'start.extra': 'x' } })).toEqual(['zh: "start.extra" is not in English\'s table']);
    expect(tableProblems(en, { zh: { ...TABLES.zh, 'footer.saved': '已保存。' } })[0]).toMatch(/"footer.saved" has \{\} where English has \{iteration\}/);
    expect(tableProblems(en, { zh: { ...TABLES.zh, 'picker.clear': ' ' } })).toEqual(['zh: "picker.clear" is empty']);
  });

  it('Chinese text is translated: no English words beyond names', () => {
    const bad = Object.entries(TABLES.zh).filter(([, v]) => englishWords(v.replace(/\{\w+\}/g, '')).length > 0);
    expect(bad).toEqual([]);
  });

  it('t() fills placeholders once (a value holding {name} stays as given) and formats numbers', () => {
    expect(t('footer.saved', { iteration: 12345 })).toBe('Saved iteration 12,345.');
    expect(t('footer.saved', { iteration: 12345 }, 'zh')).toBe('已保存第 12,345 次迭代。');
    expect(t('picker.loaded', { n: '3', name: '{n}.csv' })).toBe('Loaded 3 points from "{n}.csv".');
    expect(fill('{a} {b}', { a: 'x' })).toBe('x {b}');
  });

  it('numbers follow the locale (Intl) and keep the compact form', () => {
    for (const l of LOCALES) {
      expect(formatNumber(12345, 3, l)).toBe('12,345');
      expect(formatNumber(0.012345, 3, l)).toBe('0.0123');
      expect(formatNumber(1e-6, 3, l)).toBe('1e-6');
      expect(formatNumber(1234.5, 3, l)).toBe('1230');
    }
  });
});

describe('site tables', () => {
  it('every locale has exactly English keys and placeholders; Chinese has no English words beyond names', () => {
    expect(tableProblems(siteEn, SITE_TABLES)).toEqual([]);
    const bad = Object.entries(SITE_TABLES.zh).filter(([k, v]) => k !== 'site.otherLanguage' && englishWords(v.replace(/\{\w+\}/g, '').replace(/JavaScript|English/g, '')).length > 0);
    expect(bad).toEqual([]);
  });

  it('templates split at placeholders for markup around them', () => {
    expect(templateParts('a {x} b')).toEqual(['a ', { name: 'x' }, ' b']);
    expect(siteT('zh', 'chapter.number', { n: 8 })).toBe('第 8 章');
  });
});

describe('registry text in every locale', () => {
  const entries: [string, unknown][] = [
    ...Object.entries(LOSSES).map(([k, e]) => [`loss ${k}`, e.text] as [string, unknown]),
    ...Object.entries(DISTRIBUTIONS).map(([k, e]) => [`distribution ${k}`, e.text] as [string, unknown]),
    ...Object.entries(METRIC_CATALOG).map(([k, e]) => [`metric ${k}`, e.text] as [string, unknown]),
    ...VIEW_LAYERS.flatMap((l) => [[`layer ${l.name} label`, l.label], [`layer ${l.name} description`, l.description]] as [string, unknown][]),
    ...GRAPH_BOXES.map((b) => [`graph box ${b.name}`, b.label] as [string, unknown]),
    ...Object.entries(LOSSES).flatMap(([k, e]) => ('divergenceHint' in e && e.divergenceHint ? [[`loss ${k} hint`, e.divergenceHint({ gradientPenalty: 0 })] as [string, unknown]] : [])),
  ];
  it('has non-empty text for every locale, and Chinese is not English copied', () => {
    const problems: string[] = [];
    const strings = (v: unknown): string[] => (typeof v === 'string' ? [v] : v && typeof v === 'object' ? Object.values(v).flatMap(strings) : []);
    for (const [name, text] of entries) {
      const rec = text as Record<string, unknown>;
      for (const l of LOCALES) if (!strings(rec?.[l]).length || strings(rec[l]).some((s) => !s.trim())) problems.push(`${name}: no ${l} text`);
      const zh = strings(rec?.zh).join(' ');
      if (englishWords(zh).length) problems.push(`${name}: English in zh: ${englishWords(zh).join(' ')}`);
    }
    expect(problems).toEqual([]);
    expect(entries.length).toBeGreaterThan(40);
  });

  it('every config key the editor shows has a label and a description in the tables', () => {
    const missing = CONFIG_KEYS.filter((k) => k.kind !== 'points' && k.path !== 'distribution').flatMap((k) => [fieldKey(k.path), descKey(k.path)].filter((key) => !(key in en)));
    expect(missing).toEqual([]);
  });
});

describe('the Chinese lab says things in Chinese', () => {
  it('slow motion, for every loss', () => {
    setLocale('zh');
    for (const loss of Object.keys(LOSSES)) {
      const plan = slowMotionPlan(parseConfig({ loss, gradientPenalty: 1, pack: 2, dSteps: 3 }));
      const text = plan.map((s) => `${s.title} ${s.text}`).join(' ');
      expect(englishWords(text), loss).toEqual([]);
    }
  });

  it('the shortcut list, refusals and upload errors', () => {
    setLocale('zh');
    expect(englishWords(shortcuts().flat().join(' '))).toEqual([]);
    const u = readUrlState('?generator.neurons=0&lossx=hinge', DEFAULT_CONFIG);
    const notice = refusalNotice(u.refused);
    expect(notice).toMatch(/^链接中的部分设置被忽略/);
    expect(englishWords(notice.replace(/generator\.neurons|lossx|loss|hinge/g, ''))).toEqual([]);
    const edit = issuesText(parseAssignments([['generator.neurons', 'abc']]).issues);
    expect(edit).toMatch(/神经元数/);
    const r = parsePointsFile('a.csv', 'x,y\n1,2\n');
    expect(!r.ok && r.error).toMatch(/只有 1 个点/);
  });

  it('refusals of keys that do not fit together (batchSize and pack, "points" without points)', () => {
    setLocale('zh');
    const pack = applyPatch(DEFAULT_CONFIG, { pack: 3 });
    expect(pack.ok).toBe(false);
    const packText = issuesText(!pack.ok ? pack.issues : []);
    expect(packText).toMatch(/批大小.*打包数（3）的整数倍/);
    expect(englishWords(packText.replace(/batchSize|pack/g, ''))).toEqual([]);
    const points = applyPatch(DEFAULT_CONFIG, { distribution: 'points', points: [] });
    const pointsText = issuesText(!points.ok ? points.issues : []);
    expect(pointsText).toMatch(/至少要有一个点/);
    expect(englishWords(pointsText)).toEqual([]);
    // the same refusals in a link's notice
    const notice = refusalNotice(readUrlState('?pack=3&batchSize=100', DEFAULT_CONFIG).refused);
    expect(notice).toMatch(/打包数（3）的整数倍/);
    expect(englishWords(notice.replace(/batchSize|pack/g, ''))).toEqual([]);
    // English keeps the schema's words
    setLocale('en');
    expect(issuesText(!pack.ok ? pack.issues : [])).toMatch(/^batchSize: must be a multiple of pack \(3\)/);
  });

  it('every refusal src/lab/model/config.ts words has its message key', () => {
    const source = readFileSync('src/lab/model/config.ts', 'utf8');
    const written = [...source.matchAll(/message: (?:'([^']*)'|`([^`]*)`)/g)].map((m) => (m[1] ?? m[2]).replace(/\$\{[^}]*\}/g, '2'));
    expect(written.length).toBeGreaterThanOrEqual(6);
    expect(written.filter((w) => !ISSUE_MESSAGES.some((r) => r.test.test(w)))).toEqual([]);
  });

  it('failures from tfjs, WebGL, WASM, a worker or a fetch, in Chinese; English keeps the detail', () => {
    setLocale('zh');
    const cases: [unknown, RegExp][] = [
      [new Error('HTTP 404'), /服务器返回 HTTP 404/],
      [new Error('Failed to compile fragment shader.'), /图形运算/],
      [new Error('Requested texture size [16384x16384] greater than WebGL maximum on this browser / GPU [4096x4096].'), /图形运算|内存/],
      [new Error('WASM failed: WebAssembly.instantiate(): Out of memory: Cannot allocate Wasm memory for new instance'), /内存不足/],
      [new Error('the trainer worker failed: unknown error'), /训练线程/],
      [new Error('Failed to fetch'), /网络/],
      [new SyntaxError('Unexpected token < in JSON at position 0'), /JSON/],
      [new TypeError("Cannot read properties of undefined (reading 'dataSync')"), /意外错误/],
      [new ConfigError([{ path: 'batchSize', message: 'must be a multiple of pack (2)' }]), /打包数/],
    ];
    const warn = console.warn;
    console.warn = () => undefined; // the detail goes to the console
    try {
      for (const [err, want] of cases) {
        const text = errorText(err);
        expect(text, String(err)).toMatch(want);
        expect(englishWords(text.replace(/batchSize|HTTP/g, '')), text).toEqual([]);
      }
      let snapshotError: unknown;
      try {
        checkSnapshot({ version: 7 });
      } catch (e) {
        snapshotError = e;
      }
      expect(errorText(snapshotError)).toMatch(/快照版本/);
      // a message already written for the reader (a chapter's step that could not load) is shown as it is
      expect(errorText(new ReaderError(siteT('zh', 'chapter.stepFailed', { n: 2, status: 404 })))).toBe('第 2 步的状态没能加载（HTTP 404）');
    } finally {
      console.warn = warn;
    }
    const upload = parsePointsFile('a.json', '[[1, 2], [3, 4]');
    expect(!upload.ok && upload.error).toMatch(/JSON.*第 \d+ 个字符处有误|JSON.*语法有误/);
    expect(englishWords(!upload.ok ? upload.error.replace('a.json', '') : '')).toEqual([]);
    setLocale('en');
    expect(errorText(new Error('Failed to compile fragment shader.'))).toBe('Failed to compile fragment shader.');
    const enUpload = parsePointsFile('a.json', '[[1, 2], [3, 4]');
    expect(!enUpload.ok && enUpload.error).toMatch(/not valid JSON \(Expected .+\)\.$/);
  });
});
