// Compilation: resolved step state, page HTML, marked parity, code fences, attribute quoting, error collection.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, validateConfig, parseAssignments, applyPatch } from '../../src/lab/model/config';
import { ErrorSink } from '../../src/lessons/errors';
import { readTail } from '../../src/lessons/attributes';
import {
  compileChapter,
  formatError,
  holds,
  lessonPath,
  parseExpectations,
  presetAssignments,
  PRESET_NAMES,
  STEP_ATTRIBUTES,
  LAB_ATTRIBUTES,
  CONFIG_PATHS,
  REGISTRY,
  DIRECTIVES,
  DIRECTIVE_NAMES,
  VALUE_ATTRIBUTES,
  chapterRuns,
  directiveSyntax,
} from '../../src/lessons/index';
import { stepKeys } from '../../src/lessons/bake-cache';
import { runtimeStep } from '../../src/lessons/page-data';

const FM = '---\ntitle: "T"\nsummary: S\norder: 1\n---\n';
const compile = (body: string) => compileChapter(FM + body, { file: 'x.md' });
const errs = (body: string) => compile(body).errors.map((e) => formatError(e));

describe('the fixture lesson', () => {
  const file = 'tests/fixtures/lessons/good/01-fixture.md';
  const r = compileChapter(readFileSync(file, 'utf8'), { file });

  it('has five steps with data-step and ids in the page', () => {
    expect(r.errors).toEqual([]);
    expect(r.steps.map((s) => s.index)).toEqual([0, 1, 2, 3, 4]);
    expect(r.steps.map((s) => s.id)).toEqual(['step-1', 'step-2', 'step-3', 'step-4', 'step-5']);
    for (const s of r.steps) {
      expect(r.html).toContain(`<section class="step" data-step="${s.index}" id="${s.id}">\n${s.html}</section>`);
    }
    expect(r.html.match(/data-lab/g)).toHaveLength(1);
    expect(r.html).toContain('<div class="lab-anchor" data-lab></div>');
    expect(r.sandbox).toBe(false);
  });

  it('resolves every step statically', () => {
    const [a, b, c, d, e] = r.steps;
    expect(a.actions).toMatchObject({ train: 0, mode: 'freeze', manualStep: null, restart: true, highlight: ['noise', 'generator'] });
    expect(b.actions).toMatchObject({ train: 200, mode: 'freeze', restart: false });
    expect(b.actions.layers).toEqual({ real: true, fake: true, manifold: false, heatmap: true, gradients: true, optimal: false });
    expect(c.actions).toMatchObject({ train: 200, manualStep: 'both', highlight: ['discriminator', 'generator'] });
    expect(c.actions.layers.manifold).toBe(false); // hide persists
    expect(d.actions).toMatchObject({ train: 400, changes: ['discriminator.learningRate'] });
    expect(d.actions.layers.manifold).toBe(true);
    expect(e.actions).toMatchObject({ train: 600, mode: 'play', changes: [] });
    expect(e.actions.highlight).toEqual([]); // highlight does not persist
    for (const s of r.steps) {
      expect(validateConfig(s.config).ok).toBe(true);
      expect(s.config.distribution).toBe('ring8');
      expect(s.config.seed).toBe(7);
      expect(s.config.generator).toMatchObject({ layers: 1, neurons: 16 });
    }
    expect(r.steps.slice(0, 3).map((s) => s.config.discriminator.learningRate)).toEqual([0.001, 0.001, 0.001]);
    expect(r.steps.slice(3).map((s) => s.config.discriminator.learningRate)).toEqual([0.005, 0.005]);
    expect(r.lab?.config).toEqual(a.config);
  });

  it('lists the live values with their steps', () => {
    expect(r.values.map((v) => [v.metric, v.digits, v.step])).toEqual([
      ['dLoss', null, 0],
      ['modes', 0, 3],
      ['gLoss', 3, 4],
    ]);
    expect(r.html).toContain('<span class="live-value" data-metric="dLoss">–</span>');
    expect(r.html).toContain('<span class="live-value" data-metric="gLoss" data-digits="3">–</span>');
  });

  it('is the same on every compile (a pure function of the text)', () => {
    expect(compileChapter(readFileSync(file, 'utf8'), { file })).toEqual(r);
  });
});

describe('plain Markdown renders exactly as marked does', () => {
  const samples = [
    readFileSync('tests/fixtures/lessons/good/02-plain.md', 'utf8').split('---\n').slice(2).join('---\n'),
    '# Title\n\nA paragraph with *em* and `code` and a [ref][r].\n\n[r]: /x\n',
    '1. one\n2. two\n   - nested\n\n```\ncode\n```\n\n<div>html</div>\n\n| a |\n|---|\n| b |\n',
    'Setext\n======\n\ntime 10:30, key:value, http://a.b/c:d, see:[x](y) and a:b[0].\n',
    '',
    '\n\n\n',
  ];
  it.each(samples.map((s, i) => [i, s]))('sample %i', (_i, body) => {
    const r = compile(body as string);
    expect(r.errors).toEqual([]);
    expect(r.html).toBe(marked.parse(body as string, { async: false }));
  });
});

describe('code is not directives', () => {
  it('ignores directives in fenced code (backticks and tildes, longer fences)', () => {
    const body = '::lab\n\n````md\n```\n:::step{train=1}\n```\n::sandbox\n:value[nope]\n````\n\n~~~\n:::\n~~~\n';
    const r = compile(body);
    expect(r.errors).toEqual([]);
    expect(r.steps).toEqual([]);
    expect(r.sandbox).toBe(false);
    expect(r.html).toContain('<pre><code class="language-md">```\n:::step{train=1}\n```\n::sandbox\n:value[nope]\n</code></pre>');
  });
  it('ignores inline directives in code spans and indented code, and escaped ones', () => {
    const body = 'a `:value[x]` b ``:value[y] ` z`` c \\:value[w]\n\n    :value[q]{a="<b>"}\n';
    const r = compile(body);
    expect(r.errors).toEqual([]);
    expect(r.html).toBe(marked.parse(body, { async: false }));
  });
  it('finds directives again after a fence closes', () => {
    expect(errs('```\n::nope\n```\n::nope\n')).toEqual(['x.md:9:1: unknown directive "::nope" (allowed: ::lab{...}, :::step{...} ... :::, ::sandbox{...}, :value[...], :::compare{...} ... :::, ::column{...})']);
  });
});

describe('attributes', () => {
  const tail = (text: string) => {
    const sink = new ErrorSink('t');
    return { ...readTail(text, 0, 1, sink), errors: sink.errors };
  };
  it('reads every attribute form', () => {
    const t = tail('[a [b] c]{a=b c="d e" f=\'g h\' flag #id .cls x.y=1 n = 2}');
    expect(t.errors).toEqual([]);
    expect(t.label?.text).toBe('a [b] c');
    expect(t.attrs.map((a) => [a.name, a.value, a.form])).toEqual([
      ['a', 'b', 'pair'],
      ['c', 'd e', 'pair'],
      ['f', 'g h', 'pair'],
      ['flag', true, 'flag'],
      ['id', 'id', 'id'],
      ['class', 'cls', 'class'],
      ['x.y', '1', 'pair'],
      ['n', '2', 'pair'],
    ]);
  });
  it('keeps } and ] inside quoted values, and positions', () => {
    const t = tail('{a="x } y ] z" b=\'}\' c=1}');
    expect(t.errors).toEqual([]);
    expect(t.attrs.map((a) => [a.name, a.value, a.col, a.valueCol])).toEqual([
      ['a', 'x } y ] z', 2, 5],
      ['b', '}', 16, 19],
      ['c', '1', 22, 24],
    ]);
    expect(t.end).toBe(25);
  });
  it('a quoted } in a step attribute does not end the directive', () => {
    const r = compile('::lab\n:::step{expect="dLoss>0 } x" train=5}\n:::\n');
    expect(r.steps[0].actions.train).toBe(5);
    expect(r.errors.map(formatError)).toEqual([
      'x.md:7:23: "0 } x" is not a number in the claim "dLoss>0 } x" (allowed: a number such as 2, 0.5 or 1e-3)',
    ]);
  });
  it('points take a quoted JSON list with ]', () => {
    const r = compile('::lab{distribution=points points="[[0.1,0.2],[0.5,0.5]]"}\n:::step\n:::\n');
    expect(r.errors).toEqual([]);
    expect(r.steps[0].config.points).toEqual([[0.1, 0.2], [0.5, 0.5]]);
  });
});

describe('step resolution', () => {
  it('a step without train keeps the previous target; config changes persist', () => {
    const r = compile('::lab{seed=3}\n:::step{train=50 generator.neurons=8}\n:::\n:::step{loss=minimax}\n:::\n:::step{train=70}\n:::\n');
    expect(r.errors).toEqual([]);
    expect(r.steps.map((s) => s.actions.train)).toEqual([50, 50, 70]);
    expect(r.steps.map((s) => s.config.generator.neurons)).toEqual([8, 8, 8]);
    expect(r.steps.map((s) => s.config.loss)).toEqual(['nonsaturating', 'minimax', 'minimax']);
    expect(r.steps.map((s) => s.actions.changes)).toEqual([['generator.neurons'], ['loss'], []]);
  });
  it('a seed change restarts, so the target may go back', () => {
    const r = compile('::lab\n:::step{train=500}\n:::\n:::step{seed=9 train=100}\n:::\n:::step{train=50}\n:::\n');
    expect(r.steps.map((s) => s.actions.restart)).toEqual([true, true, false]);
    expect(r.errors.map(formatError)).toEqual([
      "x.md:11:9: train=50 is before the previous step's 100 (allowed: an iteration of at least 100 (train targets only go forward, unless the step changes seed and starts over))",
    ]);
  });
  it('presets apply first, then the lab keys', () => {
    const r = compile('::lab{generator.neurons=4 preset=ganlab}\n');
    expect(r.errors).toEqual([]);
    expect(r.lab).toMatchObject({ preset: 'ganlab', line: 6 });
    expect(r.lab!.config.generator).toMatchObject({ neurons: 4, layers: 1, optimizer: 'sgd', learningRate: 0.1 });
    expect(r.lab!.config.dSteps).toBe(2);
  });
  it('the sandbox starts from the last step', () => {
    expect(compile('::lab\n:::step{train=5}\n:::\n::sandbox\n').sandboxFrom).toBe(0);
    const only = compile('::lab{seed=2}\n::sandbox\n');
    expect(only.sandbox).toBe(true);
    expect(only.sandboxFrom).toBeNull();
    expect(only.html).toBe('<div class="lab-anchor" data-lab></div>\n<div class="sandbox" data-sandbox></div>\n');
  });
  it('link definitions are shared across steps', () => {
    const r = compile('::lab\n:::step\nSee [it][a].\n:::\n\n[a]: https://example.com\n');
    expect(r.steps[0].html).toBe('<p>See <a href="https://example.com">it</a>.</p>\n');
  });
});

describe('errors', () => {
  it('collects every error at once, sorted by position', () => {
    const e = errs(':::step{train=x}\n::bogus\n:::\n:::\n::lab{seed=q}\n:::step{play freeze}\n');
    expect(e).toEqual([
      'x.md:6:1: a step needs a ::lab before it, to set the chapter\'s starting configuration (allowed: ::lab{preset=standard} or ::lab{distribution=... seed=...})',
      'x.md:6:9: train=x is not an iteration from 0 to 100000 (allowed: an integer from 0 to 100000)',
      'x.md:7:1: unknown directive "::bogus" (allowed: ::lab{...}, :::step{...} ... :::, ::sandbox{...}, :value[...], :::compare{...} ... :::, ::column{...})',
      'x.md:9:1: stray ":::": there is no open container to close',
      'x.md:10:1: ::lab must come before the first step',
      'x.md:10:7: seed=q: not a number (allowed: an integer from 0 to 2147483647)',
      'x.md:11:1: unclosed ":::step": close it with a line holding only ":::"',
      'x.md:11:9: a step either freezes or plays, not both (allowed: freeze or play)',
    ]);
  });
  it('never puts author text into HTML unescaped', () => {
    const r = compile('::lab\n:::step{.x"y}\n:value[<b>]\n:::\n');
    expect(r.errors.length).toBeGreaterThan(0);
    expect(r.html).not.toContain('<b>');
    expect(r.html).toContain(':value[&lt;b&gt;]');
  });
  it('CRLF and a BOM do not shift positions', () => {
    const r = compileChapter('\uFEFF' + (FM + '::lab{seed=x}\n').replace(/\n/g, '\r\n'), { file: 'x.md' });
    expect(r.errors.map((e) => [e.line, e.col])).toEqual([[6, 7]]);
  });
});

describe('expectations', () => {
  it('parses claims into structured form with positions', () => {
    const sink = new ErrorSink('t');
    const got = parseExpectations('modes<=2; dLoss > 0.5,reverseKL!=1e-3', 3, 10, sink);
    expect(sink.errors).toEqual([]);
    expect(got).toEqual([
      { metric: 'modes', op: '<=', value: 2, text: 'modes<=2', line: 3, col: 10 },
      { metric: 'dLoss', op: '>', value: 0.5, text: 'dLoss>0.5', line: 3, col: 20 },
      { metric: 'reverseKL', op: '!=', value: 0.001, text: 'reverseKL!=1e-3', line: 3, col: 32 },
    ]);
    expect(holds(got[0], 2)).toBe(true);
    expect(holds(got[0], 3)).toBe(false);
    expect(holds(got[1], 0.5)).toBe(false);
  });
});

describe('vocabulary', () => {
  it('every preset is a valid config of existing keys', () => {
    for (const name of PRESET_NAMES) {
      const { patch, issues } = parseAssignments(presetAssignments(name)!);
      expect(issues).toEqual([]);
      expect(applyPatch(DEFAULT_CONFIG, patch).ok).toBe(true);
    }
  });
  it('step and lab attribute names do not shadow config keys', () => {
    for (const a of [...STEP_ATTRIBUTES, ...LAB_ATTRIBUTES]) expect(CONFIG_PATHS).not.toContain(a);
  });
  it('reads lesson paths', () => {
    expect(lessonPath('content/lessons/en/how-gans-train/03-mode-collapse.md')).toEqual({
      path: { locale: 'en', lesson: 'how-gans-train', number: 3, chapter: 'mode-collapse' },
    });
    expect(lessonPath('content/lessons/en/how-gans-train/mode-collapse.md')?.error).toMatch(/<nn>-<chapter>\.md/);
    expect(lessonPath('tests/fixtures/x.md')).toBeNull();
  });
});

describe('the directive registry', () => {
  it('is where the directive names, kinds and syntax come from', () => {
    expect(DIRECTIVE_NAMES).toEqual(REGISTRY.map((d) => d.name));
    expect(DIRECTIVES).toEqual({ lab: 'leaf', step: 'container', sandbox: 'leaf', value: 'inline', compare: 'container', column: 'leaf' });
    expect(DIRECTIVE_NAMES.map(directiveSyntax)).toEqual(['::lab{...}', ':::step{...} ... :::', '::sandbox{...}', ':value[...]', ':::compare{...} ... :::', '::column{...}']);
  });
  it('is where the attribute lists come from, in the order messages offer them', () => {
    const listed = (name: string) => REGISTRY.find((d) => d.name === name)!.attributes.filter((a) => a.listed !== false).map((a) => a.name);
    expect(STEP_ATTRIBUTES).toEqual(listed('step'));
    expect(STEP_ATTRIBUTES).toEqual(['train', 'freeze', 'play', 'step', 'show', 'hide', 'highlight', 'chart', 'compare', 'expect', 'id']);
    expect(LAB_ATTRIBUTES).toEqual(['preset']);
    expect(VALUE_ATTRIBUTES).toEqual(['metric', 'digits', 'format', 'column']);
    // `.class` is read but not offered
    expect(REGISTRY.find((d) => d.name === 'step')!.attributes.map((a) => a.name)).toContain('class');
    expect(errs('::lab\n:::step{.ok}\n:::\n')).toEqual([]);
  });
  it('every attribute table is well formed: unique names, values for choices and lists, a docs line', () => {
    for (const d of REGISTRY) {
      const names = d.attributes.map((a) => a.name);
      expect(new Set(names).size, d.name).toBe(names.length);
      for (const a of d.attributes) {
        if (a.value === 'choice' || a.value === 'list') expect(a.values?.length, `${d.name}.${a.name}`).toBeGreaterThan(0);
        expect(a.doc, `${d.name}.${a.name}`).not.toBe('');
        if (d.configKeys) expect(CONFIG_PATHS).not.toContain(a.name);
      }
    }
  });
  it("the page's step script holds the actions the step parts mark for the runtime, and no others", () => {
    const r = compileChapter(readFileSync('tests/fixtures/lessons/good/01-fixture.md', 'utf8'), { file: 'f.md' });
    const rs = runtimeStep(r.steps[2], '/baked/k.json');
    expect(Object.keys(rs)).toEqual(['index', 'id', 'train', 'mode', 'manualStep', 'layers', 'highlight', 'chart', 'compare', 'snapshot', 'config']);
    expect(rs).toMatchObject({ index: 2, id: 'step-3', train: 200, manualStep: 'both', snapshot: '/baked/k.json' });
    expect(rs.layers).toBe(r.steps[2].actions.layers);
  });
  it('the bake key hashes the config and the checkpoint actions (train, restart), chained: keys stay as they were', () => {
    const r = compile('::lab{seed=3}\n:::step{train=50 highlight=loss}\n:::\n:::step{train=70 show=real expect="dLoss>0"}\n:::\n:::step{seed=4}\n:::\n');
    expect(r.errors).toEqual([]);
    let prev = '';
    const want = r.steps.map((s) => {
      const what = JSON.stringify({ config: s.config, train: s.actions.train, restart: s.actions.restart });
      prev = createHash('sha256').update(`v\n${s.actions.restart ? '' : prev}\n${what}`).digest('hex').slice(0, 24);
      return prev;
    });
    expect(stepKeys(r.steps, 'v')).toEqual(want);
  });
  it('a chapter asks the build to bake one run: its steps', () => {
    const r = compile('::lab\n:::step{train=5}\n:::\n:::step{train=9}\n:::\n');
    expect(chapterRuns(r)).toEqual([{ by: 'step', checkpoints: r.steps }]);
  });
});
