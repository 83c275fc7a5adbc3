// `:value{format=percent}`: a share from 0 to 1 written as a percentage, like the lab's readouts (96%, not 0.96),
// checked like every attribute, and the same text in the build's baked HTML and the browser's live update.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Metrics } from '../../src/lab/model/types';
import { compileChapter, formatError } from '../../src/lessons/index';
import { formatLive, SHARE_METRICS } from '../../src/lessons/live-value';
import { bakeLiveValues } from '../../src/lessons/page-data';
import type { LessonLab } from '../../src/lessons/runtime/lab';
import { wireLiveValues } from '../../src/lessons/runtime/live-values';

const FM = '---\ntitle: "T"\nsummary: S\norder: 1\n---\n';
const LAB = '::lab{distribution=ring8}\n';
const compile = (body: string) => compileChapter(FM + LAB + body, { file: 'x.md' });
const errs = (body: string) => compile(body).errors.map(formatError);
const step = (prose: string) => `:::step{train=10}\n${prose}\n:::\n`;
// FM is 5 lines and LAB one: the step's prose is line 8

describe(':value format=', () => {
  it('takes format=percent on a share, writing data-format; format=number is the default and writes nothing', () => {
    const r = compile(step('Good: :value{metric=highQuality format=percent}, off: :value[outside]{format=percent digits=1}, D: :value{metric=dLoss format=number}.'));
    expect(r.errors.map(formatError)).toEqual([]);
    expect(r.values.map((v) => [v.metric, v.format, v.digits])).toEqual([
      ['highQuality', 'percent', null],
      ['outside', 'percent', 1],
      ['dLoss', 'number', null],
    ]);
    expect(r.html).toContain('<span class="live-value" data-metric="highQuality" data-format="percent">–</span>');
    expect(r.html).toContain('<span class="live-value" data-metric="outside" data-digits="1" data-format="percent">–</span>');
    expect(r.html).toContain('<span class="live-value" data-metric="dLoss">–</span>');
  });

  it('refuses format=percent on a metric that is not a share, at the attribute, naming the shares', () => {
    expect(errs(step('Modes: :value{metric=modes format=percent}.'))).toEqual([
      `x.md:8:28: format=percent: modes is not a share from 0 to 1 (allowed: format=percent only on ${SHARE_METRICS.join(', ')})`,
    ]);
    expect(errs(step(':value[dLoss]{format=percent}'))).toEqual([
      `x.md:8:15: format=percent: dLoss is not a share from 0 to 1 (allowed: format=percent only on ${SHARE_METRICS.join(', ')})`,
    ]);
  });

  it('refuses an unknown format with a did-you-mean, and a bare format', () => {
    expect(errs(step('Good: :value{metric=highQuality format=percnt}.'))).toEqual([
      'x.md:8:33: unknown format "percnt" (allowed: number, percent) did you mean "percent"?',
    ]);
    expect(errs(step(':value{metric=highQuality format}'))).toEqual([
      'x.md:8:27: format needs a value: format=number or format=percent (allowed: number, percent)',
    ]);
  });

  it('the shares are the metrics read from 0 to 1 as a part of a whole', () => {
    expect(SHARE_METRICS).toEqual(['highQuality', 'outside', 'fakesOffData', 'gDeadUnits', 'dDeadUnits']);
  });
});

describe('formatLive with format=percent', () => {
  it('writes a percentage with 0 decimals by default, digits= decimals of the percentage, grouped by locale', () => {
    expect(formatLive('highQuality', 0.9567, undefined, 2000, 'en', 'percent')).toBe('96%');
    expect(formatLive('highQuality', 0.9567, undefined, 2000, 'zh', 'percent')).toBe('96%');
    expect(formatLive('highQuality', 0.9567, '1', 2000, 'en', 'percent')).toBe('95.7%');
    // a share that is not nothing or everything never reads as 0% or 100%
    expect(formatLive('outside', 0.003, undefined, 200, 'en', 'percent')).toBe('<1%');
    expect(formatLive('outside', 0.0004, '1', 200, 'zh', 'percent')).toBe('<0.1%');
    expect(formatLive('highQuality', 0.996, undefined, 200, 'en', 'percent')).toBe('>99%');
    expect(formatLive('outside', 0, undefined, 200, 'en', 'percent')).toBe('0%');
    expect(formatLive('highQuality', 1, undefined, 200, 'en', 'percent')).toBe('100%');
    expect(formatLive('outside', 0.006, undefined, 200, 'en', 'percent')).toBe('1%');
    expect(formatLive('highQuality', 0.9567, '1', 2000, 'zh', 'percent')).toBe('95.7%');
    expect(formatLive('outside', 12.3456, '1', 2000, 'en', 'percent')).toBe('1,234.6%');
    expect(formatLive('outside', 0, undefined, 2000, 'zh', 'percent')).toBe('0%');
    expect(formatLive('highQuality', Number.NaN, undefined, 2000, 'en', 'percent')).toBe('–');
    // without it, the number as before
    expect(formatLive('highQuality', 0.9567, undefined, 2000, 'en')).toBe('0.957');
    expect(formatLive('highQuality', 0.9567, '2', 2000, 'zh', 'number')).toBe('0.96');
  });
});

describe('the baked HTML of a compiled chapter', () => {
  const r = compile(
    step('Only :value{metric=highQuality format=percent} of the fakes are high quality (:value{metric=highQuality digits=2}).') +
      ':::step{train=20}\nOff the picture: :value[outside]{format=percent digits=1}.\n:::\n',
  );
  const metrics = [{ iteration: 10, highQuality: 0.9567, outside: 0.1 }, { iteration: 20, highQuality: 0.5, outside: 0.01234 }] as unknown as Metrics[];
  const texts = (html: string) => [...html.matchAll(/<span class="live-value"[^>]*>([^<]*)<\/span>/g)].map((x) => x[1]);

  it('shows the percentage the lab reads beside it, in English and in Chinese', () => {
    expect(r.errors.map(formatError)).toEqual([]);
    for (const locale of ['en', 'zh'] as const) {
      const out = bakeLiveValues(r.html, (i) => metrics[i] ?? null, locale);
      expect(texts(out), locale).toEqual(['96%', '0.96', '1.2%']);
      expect(out).toContain('<span class="live-value" data-metric="highQuality" data-format="percent" data-baked="96%">96%</span>');
      expect(out).toContain('data-metric="outside" data-digits="1" data-format="percent" data-baked="1.2%">1.2%</span>');
    }
  });
});

describe("the browser's live update", () => {
  afterEach(() => vi.unstubAllGlobals());
  /** A span as the page holds it (outside any step: it always follows the lab), and a lab that measured `m`. */
  const span = (dataset: Record<string, string>) => ({ dataset, textContent: '–', closest: () => null }) as unknown as HTMLElement;
  const labWith = (m: Partial<Metrics>) => ({ history: [m], on: () => () => undefined }) as unknown as LessonLab;

  it('writes the same percentage as the build, in the page\'s locale', () => {
    for (const lang of ['en', 'zh-CN']) {
      vi.stubGlobal('document', { documentElement: { getAttribute: () => lang } });
      const els = [span({ metric: 'highQuality', format: 'percent' }), span({ metric: 'outside', format: 'percent', digits: '1' }), span({ metric: 'highQuality' })];
      wireLiveValues(labWith({ iteration: 2000, highQuality: 0.9567, outside: 0.01234 }), els, () => 0)();
      expect(els.map((e) => e.textContent), lang).toEqual(['96%', '1.2%', '0.957']);
    }
  });
});
