// Translations share their script with English. For every chapter in another locale folder that has an English
// original (same lesson, same slug), the directives are the same, byte for byte and in the same order, and compile
// to the same lab, steps, live values and sandbox; so both editions ask for the same checkpoints and the bake cache
// (keyed by content) bakes each step once for both. Only the prose, the frontmatter's text and a comparison
// figure's column labels may differ: a label is prose (shown above its column), so a translation writes its own and
// names the column by it in claims (`普通 GAN: modes<=1`) and `:value{column=...}`. The comparison reads each label
// as its column's place in the figure (`#1`), so a claim or value that names another column than the original's
// is still a difference. The bake key never holds a label (src/lessons/bake-cache.ts), so both still bake once.
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

/** A chapter's column labels by figure id, in column order. */
const labelsOf = (c: Pick<CompiledChapter, 'figures'>) => new Map(c.figures.map((f) => [f.id, f.columns.map((col) => col.label)]));
/** A label as its column's place in the figure (`#2`); a label the figure lacks stays as written. */
const placeOf = (labels: Map<string, string[]>, figure: string | null | undefined, label: string) => {
  const i = figure ? (labels.get(figure)?.indexOf(label) ?? -1) : -1;
  return i < 0 ? label : `#${i + 1}`;
};
const ATTR_VALUE = String.raw`("[^"]*"|'[^']*'|[^\s}]+)`;
const unquote = (v: string) => (/^["']/.test(v) ? v.slice(1, -1) : v);

/**
 * The directives with every column label written as its place in the figure: a `::column`'s `label`, the
 * `Label:` prefixes of a compare step's claims, a `:value`'s `column`. The rest stays byte for byte.
 */
function withoutLabels(directives: string[], labels: Map<string, string[]>): string[] {
  let figure: string | null = null; // the figure being defined (::column) or shown (a step's claims, :value)
  let column = 0;
  return directives.map((d) => {
    const defines = /^:::compare\{\s*(?:#|id=["']?)([A-Za-z][\w-]*)/.exec(d);
    if (defines) {
      figure = defines[1];
      column = 0;
      return d;
    }
    if (d.startsWith('::column{')) return d.replace(new RegExp(`\\blabel=${ATTR_VALUE}`), () => `label=#${++column}`);
    if (d.startsWith(':::step')) {
      figure = /\bcompare=["']?([A-Za-z][\w-]*)/.exec(d)?.[1] ?? null;
      return d.replace(/\bexpect=("[^"]*"|'[^']*')/, (_all, v: string) => {
        const claims = v.slice(1, -1).split(/([,;])/).map((part) =>
          part.replace(/^(\s*)([^:<>=!]*[^\s:<>=!])(\s*:)/, (_m, lead: string, label: string, colon: string) => `${lead}${placeOf(labels, figure, label)}${colon}`),
        );
        return `expect=${v[0]}${claims.join('')}${v[0]}`;
      });
    }
    if (d.startsWith(':value{')) return d.replace(new RegExp(`\\bcolumn=${ATTR_VALUE}`), (_all, v: string) => `column=${placeOf(labels, figure, unquote(v))}`);
    return d;
  });
}

/** What a compiled chapter asks of the lab, without positions, rendered prose or column labels (places instead). */
function scriptOf(c: CompiledChapter): unknown {
  const labels = labelsOf(c);
  const figureOfStep = (i: number) => c.steps[i]?.actions.compare;
  const placed = {
    ...c,
    figures: c.figures.map((f) => ({ ...f, columns: f.columns.map((col, i) => ({ ...col, label: `#${i + 1}` })) })),
    steps: c.steps.map((s) => ({
      ...s,
      actions: {
        ...s.actions,
        expect: s.actions.expect.map((e) => {
          if (!e.column) return e;
          const place = placeOf(labels, s.actions.compare, e.column.label);
          return { ...e, text: place + e.text.slice(e.column.label.length), column: { ...e.column, label: place } };
        }),
      },
    })),
    values: c.values.map((v) => (v.column === null || v.column === undefined ? v : { ...v, column: placeOf(labels, figureOfStep(v.step ?? -1), v.column) })),
  };
  const { file: _f, html: _h, frontmatter: _fm, errors: _e, ...outputs } = placed;
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

  const da = withoutLabels(directivesOf(original.text, original.file), labelsOf(a));
  const db = withoutLabels(directivesOf(translation.text, translation.file), labelsOf(b));
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

  // A label is what the reader sees above a column: kept from English only where it is a name (PacGAN2, WGAN-GP).
  it.each(translations.filter((t) => t.original).map((t) => [t.file, t.original!]))('%s writes its column labels in its own language', (file, original) => {
    const own = compileChapter(read(file).text, { file }).figures;
    const english = compileChapter(read(original).text, { file: original }).figures;
    const untranslated = own.flatMap((f, i) => f.columns.filter((c, k) => c.label === english[i]?.columns[k]?.label && !isName(c.label)).map((c) => `${f.id}: "${c.label}"`));
    expect(untranslated).toEqual([]);
  });
});

/** A label made only of names a translation keeps (methods, losses, optimizers), with digits and hyphens. */
const NAMES = new Set(['gan', 'pacgan', 'wgan', 'gp', 'adam', 'sgd', 'rmsprop', 'relu', 'tanh', 'kl', 'js', 'ttur']);
const isName = (label: string) => label.toLowerCase().split(/[\s\d-]+/).filter(Boolean).every((w) => NAMES.has(w));

describe('column labels are prose: a translation names its columns in its own words', () => {
  const FIGURE = [
    '---',
    'title: "A figure"',
    'summary: "For the comparison."',
    'order: 1',
    '---',
    '',
    '::lab{preset=ring8 seed=2}',
    '',
    ':::compare{#f}',
    '::column{label="Plain GAN"}',
    '::column{label=PacGAN2 pack=2}',
    ':::',
    '',
    ':::step{compare=f train=0 expect="iteration==0; Plain GAN: modes<=8; PacGAN2: modes>=0"}',
    'Plain covers :value{column="Plain GAN" metric=modes digits=0}, packed :value{column=PacGAN2 metric=modes digits=0}.',
    ':::',
    '',
  ].join('\n');
  const original = { file: 'content/lessons/en/x/01-figure.md', text: FIGURE };
  const zh = (text: string) => ({ file: 'content/lessons/zh/x/01-figure.md', text });
  const translated = FIGURE.replace('"A figure"', '"一幅图"').replace(/Plain GAN/g, '普通 GAN').replace('Plain covers', '普通的覆盖').replace(', packed', '，打包的');

  it('labels translated everywhere they are named: the same script', () => {
    expect(scriptDifferences(original, zh(translated))).toEqual([]);
    expect(isName('PacGAN2') && isName('WGAN-GP') && !isName('Plain GAN') && !isName('Minibatch std')).toBe(true);
  });
  it('a claim that names the other column', () => {
    const swapped = translated.replace('普通 GAN: modes<=8; PacGAN2: modes>=0', 'PacGAN2: modes<=8; 普通 GAN: modes>=0');
    const d = scriptDifferences(original, zh(swapped)).join('\n');
    expect(d).toMatch(/directive 5: .*#1: modes<=8; #2: modes>=0.*#2: modes<=8; #1: modes>=0/);
    expect(d).toContain('the compiled lab, steps, values or sandbox differ');
  });
  it('a :value that follows the other column', () => {
    const swapped = translated.replace(':value{column="普通 GAN" metric=modes', ':value{column=PacGAN2 metric=modes');
    expect(scriptDifferences(original, zh(swapped)).join('\n')).toMatch(/directive 6: .*column=#1 .*column=#2 /);
  });
  it('the columns in another order', () => {
    const reordered = translated.replace('::column{label="普通 GAN"}\n::column{label=PacGAN2 pack=2}', '::column{label=PacGAN2 pack=2}\n::column{label="普通 GAN"}');
    expect(scriptDifferences(original, zh(reordered)).join('\n')).toMatch(/directive 3: .*label=#1}.*label=#1 pack=2}/);
  });
  it('a label is not in the bake key: both languages bake the same checkpoints', () => {
    const keys = (text: string, file: string) => chapterRuns(compileChapter(text, { file })).map((r) => stepKeys(r.checkpoints, 'v'));
    expect(keys(translated, 'zh.md')).toEqual(keys(FIGURE, 'en.md'));
    expect(keys(translated, 'zh.md').length).toBe(3); // the chapter's steps and one run per column
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
