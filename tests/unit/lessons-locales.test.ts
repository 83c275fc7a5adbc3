// Translations share their script with English. For every chapter in another locale folder that has an English
// original (same lesson, same slug), the directives are the same, byte for byte and in the same order, and compile
// to the same lab, steps, live values and sandbox; so both editions ask for the same checkpoints and the bake cache
// (keyed by content) bakes each step once for both. Only the prose and the frontmatter's text may differ.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/lab/model/config';
import { scanBlocks, type Node, type SrcLine } from '../../src/lessons/block-scan';
import { stepKeys } from '../../src/lessons/bake-cache';
import { LESSONS_DIR, markdownFiles } from '../../src/lessons/catalog';
import { ErrorSink } from '../../src/lessons/errors';
import { parseFrontmatter } from '../../src/lessons/frontmatter';
import { scanInline } from '../../src/lessons/inline-scan';
import type { InlineUse } from '../../src/lessons/directives/types';
import { chapterRuns, compileChapter, formatError, lessonPath, type CompiledChapter } from '../../src/lessons/index';

/** Every directive as written, in document order, found the way the compiler finds them (not in code). */
function directivesOf(markdown: string, file: string): string[] {
  const sink = new ErrorSink(file);
  const source = markdown.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = source.split('\n');
  const fm = parseFrontmatter(source, sink);
  const body: SrcLine[] = fm.body.split('\n').map((text, i) => ({ text, no: fm.bodyLine + i, code: false }));
  const out: string[] = [];
  const walk = (nodes: Node[]) => {
    for (const n of nodes) {
      if (n.kind === 'md') {
        const found: InlineUse[] = [];
        scanInline(n.lines, found, { config: DEFAULT_CONFIG, step: null }, file);
        out.push(...found.map((u) => u.raw));
      } else {
        out.push(lines[n.line - 1].trim());
        walk(n.children ?? []);
      }
    }
  };
  walk(scanBlocks(body, sink));
  return out;
}

/** What a compiled chapter asks of the lab, without positions or rendered prose. */
function scriptOf(c: CompiledChapter): unknown {
  const { file: _f, html: _h, frontmatter: _fm, errors: _e, ...outputs } = c;
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).filter(([k]) => !['line', 'col', 'html'].includes(k)).map(([k, x]) => [k, strip(x)]));
    }
    return v;
  };
  return strip(outputs);
}

/** Where a translation's script differs from the original's; empty when they are the same. */
function scriptDifferences(original: { text: string; file: string }, translation: { text: string; file: string }): string[] {
  const diffs: string[] = [];
  const a = compileChapter(original.text, { file: original.file });
  const b = compileChapter(translation.text, { file: translation.file });
  for (const c of [a, b]) diffs.push(...c.errors.map(formatError));
  if (diffs.length) return diffs;

  const da = directivesOf(original.text, original.file);
  const db = directivesOf(translation.text, translation.file);
  const n = Math.max(da.length, db.length);
  for (let i = 0; i < n; i++) {
    if (da[i] !== db[i]) diffs.push(`directive ${i + 1}: ${original.file} has ${da[i] ?? '(none)'}, ${translation.file} has ${db[i] ?? '(none)'}`);
  }
  if (a.frontmatter!.order !== b.frontmatter!.order) diffs.push(`order ${a.frontmatter!.order} != ${b.frontmatter!.order}`);
  if (JSON.stringify(scriptOf(a)) !== JSON.stringify(scriptOf(b))) diffs.push('the compiled lab, steps, values or sandbox differ');
  const keys = (c: CompiledChapter) => chapterRuns(c).map((r) => stepKeys(r.checkpoints, 'v'));
  if (JSON.stringify(keys(a)) !== JSON.stringify(keys(b))) diffs.push('the bake keys differ');
  return diffs;
}

/** Every chapter outside `en`, with its English original (null when there is none). */
function translatedChapters(): { file: string; original: string | null }[] {
  const files = markdownFiles(LESSONS_DIR).map((f) => f.split('\\').join('/'));
  const english = new Map<string, string>();
  for (const f of files) {
    const p = lessonPath(f)?.path;
    if (p?.locale === 'en') english.set(`${p.lesson}/${p.chapter}`, f);
  }
  return files.flatMap((f) => {
    const p = lessonPath(f)?.path;
    if (!p || p.locale === 'en') return [];
    return [{ file: f, original: english.get(`${p.lesson}/${p.chapter}`) ?? null }];
  });
}

const read = (file: string) => ({ file, text: readFileSync(file, 'utf8') });
const translations = translatedChapters();

describe('translated chapters', () => {
  it('there are translated chapters to check', () => expect(translations.length).toBeGreaterThan(0));

  it.each(translations.map((t) => [t.file, t.original]))('%s has an English original with the same file name', (file, original) => {
    expect(original, `no content/lessons/en/<lesson>/ chapter with the slug of ${file}`).not.toBeNull();
    expect(original!.split('/').at(-1)).toBe(file.split('/').at(-1));
  });

  it.each(translations.filter((t) => t.original).map((t) => [t.file, t.original!]))('%s has the script of %s', (file, original) => {
    expect(scriptDifferences(read(original), read(file))).toEqual([]);
  });
});

describe('the script comparison fails when a directive differs', () => {
  const CHAPTER = [
    '---',
    'title: "A chapter"',
    'summary: "For the comparison."',
    'order: 1',
    '---',
    '',
    'Some prose with a live value: :value{metric=iteration}.',
    '',
    '::lab{preset=standard seed=3}',
    '',
    ':::step{train=0 hide=manifold,gradients highlight=samples expect="iteration==0"}',
    'The green dots are real samples.',
    ':::',
    '',
    ':::step{show=heatmap highlight=discriminator expect="iteration==0"}',
    'The background is the discriminator.',
    ':::',
    '',
    ':::step{train=300 expect="iteration==300"}',
    'After 300 iterations the divergence is :value{metric=js digits=2}.',
    ':::',
    '',
    ':::step{play}',
    'From here the lab trains live.',
    ':::',
    '',
    '::sandbox',
    '',
  ].join('\n');
  const original = { file: 'content/lessons/en/x/01-chapter.md', text: CHAPTER };
  const variant = (from: string | RegExp, to: string) => {
    const text = CHAPTER.replace(from, to);
    expect(text).not.toBe(CHAPTER);
    return { file: 'content/lessons/xx/x/01-chapter.md', text };
  };

  it('the same script with other prose passes', () => {
    const prose = CHAPTER.replace('title: "A chapter"', 'title: "一章"')
      .replace('The green dots are real samples.', '绿色的点是**真实样本**（real sample）。\n第二行。')
      .replace('Some prose with', '一段文字，')
      .concat('\n```\n::lab{preset=ring8}\n:value{metric=js}\n```\n'); // directives in code are not directives
    expect(scriptDifferences(original, { file: 'zh.md', text: prose })).toEqual([]);
  });
  it('a changed step attribute', () => {
    // the claim moves with it: iteration==300 on train=301 would be a compile error (false on its face)
    expect(scriptDifferences(original, variant(':::step{train=300 expect="iteration==300"', ':::step{train=301 expect="iteration==301"')).join('\n')).toMatch(/directive 5: .*train=300.*train=301[\s\S]*bake keys differ/);
  });
  it('a changed expect claim (same checkpoint, other claim)', () => {
    expect(scriptDifferences(original, variant('expect="iteration==300"', 'expect="iteration>=300"'))).toContain('the compiled lab, steps, values or sandbox differ');
  });
  it('attributes written in another order (same meaning, not the same bytes)', () => {
    const d = scriptDifferences(original, variant(':::step{show=heatmap highlight=discriminator ', ':::step{highlight=discriminator show=heatmap '));
    expect(d).toHaveLength(1);
    expect(d[0]).toMatch(/^directive 4: /);
  });
  it('a changed :value', () => {
    expect(scriptDifferences(original, variant(':value{metric=js digits=2}', ':value{metric=js digits=3}')).join('\n')).toMatch(/directive 6: .*digits=3/);
  });
  it('a :value moved into another step', () => {
    const moved = CHAPTER.replace(' :value{metric=js digits=2}', '').replace('trains live.', 'trains live :value{metric=js digits=2}.');
    expect(scriptDifferences(original, { file: 'xx.md', text: moved }).length).toBeGreaterThan(0);
  });
  it('a missing step', () => {
    expect(scriptDifferences(original, variant(/:::step\{play\}[\s\S]*?\n:::\n/, '')).join('\n')).toMatch(/directive 7: .*step\{play\}.* has ::sandbox\n.*directive 8: .*::sandbox.*\(none\)/);
  });
  it('a changed ::lab', () => {
    expect(scriptDifferences(original, variant('::lab{preset=standard seed=3}', '::lab{preset=standard seed=4}')).join('\n')).toMatch(/seed=4[\s\S]*bake keys differ/);
  });
  it('a translation that does not compile', () => {
    expect(scriptDifferences(original, variant('hide=manifold', 'hide=manifol')).join('\n')).toMatch(/unknown layer "manifol"/);
  });
});
