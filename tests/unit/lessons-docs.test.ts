// docs/authoring.md documents every directive, attribute, config key and value name; its tables are the ones
// scripts/docs-tables.ts writes from the registries (`npm run docs`); its example chapter compiles.
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { CONFIG_KEYS } from '../../src/lab/model/config';
import {
  compileChapter,
  formatError,
  DIRECTIVE_NAMES,
  directiveSyntax,
  STEP_ATTRIBUTES,
  LAB_ATTRIBUTES,
  VALUE_ATTRIBUTES,
  LAYERS,
  GRAPH_PARTS,
  MANUAL_STEPS,
  METRICS,
  COMPARE_OPS,
  PRESET_NAMES,
  FRONTMATTER_KEYS,
  REGISTRY,
  type AttributeSpec,
} from '../../src/lessons/index';
import { generatedTables, renderGenerated, table } from '../../scripts/docs-tables';

const doc = readFileSync('docs/authoring.md', 'utf8');
const code = (s: string) => `\`${s}\``;

/** A directive's heading in the docs: `## \`::lab\`: <summary>`. */
const heading = (name: string, summary: string) => `## ${code(directiveSyntax(name).replace(/[[{].*$/, ''))}: ${summary}`;
/** An attribute is documented in a table row (`| \`name\``, `| \`.name\``) or as `name=`. */
const documents = (text: string, a: AttributeSpec) => new RegExp(`\\| \`\\.?${a.name}\`|\`${a.name}=`).test(text);

/** Every directive and attribute of a registry that `text` does not document. */
function undocumented(text: string, registry: readonly { name: string; summary: string; attributes: readonly AttributeSpec[] }[]): string[] {
  const out: string[] = [];
  for (const d of registry) {
    if (!text.includes(heading(d.name, d.summary))) out.push(d.name);
    for (const a of d.attributes) if (!documents(text, a)) out.push(`${d.name}.${a.name}`);
  }
  return out;
}

describe('docs/authoring.md', () => {
  it('its generated tables are what `npm run docs` writes from the registries', () => {
    const r = renderGenerated(doc);
    expect(r.missing, 'tables with no <!-- generated:NAME --> section in docs/authoring.md').toEqual([]);
    expect(r.unknown, 'sections naming no table').toEqual([]);
    // Fails when a registry changed and the docs did not follow: the fix is `npm run docs`, not a hand edit.
    const stale = Object.entries(generatedTables())
      .filter(([name, t]) => !doc.includes(`<!-- generated:${name} -->\n${t}\n`))
      .map(([name]) => name);
    expect(r.text === doc, `docs/authoring.md is out of date with the registries (${stale.join(', ')}): run \`npm run docs\``).toBe(true);
  });
  it('the freshness check catches a hand-edited table, a missing section and an unknown one', () => {
    const edited = doc.replace('| `gSteps` | an integer from 0 to 10 |', '| `gSteps` | an integer from 0 to 11 |');
    expect(edited).not.toBe(doc);
    expect(renderGenerated(edited).text).toBe(doc);
    const withoutLosses = doc.replace(/<!-- generated:losses -->[\s\S]*?<!-- \/generated:losses -->/, '');
    expect(renderGenerated(withoutLosses).missing).toEqual(['losses']);
    expect(renderGenerated(`${doc}\n<!-- generated:tempi -->\n<!-- /generated:tempi -->\n`).unknown).toEqual(['tempi']);
  });
  it('a generated table has a row per registry entry, cells escaped', () => {
    const t = generatedTables();
    for (const k of CONFIG_KEYS) expect(t['config-keys']).toContain(`| ${code(k.path)} |`);
    for (const l of LAYERS) expect(t.layers).toContain(`| ${code(l)} |`);
    for (const d of REGISTRY) expect(t[`directive-${d.name}`], d.name).toBeDefined();
    expect(table(['a', 'b'], [['x|y', 'z']])).toBe('| a | b |\n|---|---|\n| x\\|y | z |');
  });
  it.each(DIRECTIVE_NAMES)('documents the directive %s', (name) => {
    const prefix = directiveSyntax(name).replace(/[[{].*$/, '');
    expect(doc).toContain(`## ${code(prefix)}`);
  });
  it.each([...STEP_ATTRIBUTES, ...LAB_ATTRIBUTES, ...VALUE_ATTRIBUTES])('documents the attribute %s', (a) => {
    expect(doc).toMatch(new RegExp(`\\| \`${a}\`|\`${a}=`));
  });
  it.each(CONFIG_KEYS.map((k) => k.path))('documents the config key %s', (path) => {
    expect(doc).toContain(`| ${code(path)} |`);
  });
  it.each([...LAYERS.map((l) => ['layer', l]), ...METRICS.map((m) => ['metric', m]), ...PRESET_NAMES.map((p) => ['preset', p]), ...FRONTMATTER_KEYS.map((k) => ['frontmatter key', k])])(
    'documents the %s %s in a table',
    (_kind, name) => {
      expect(doc).toContain(`| ${code(name)} |`);
    },
  );
  it.each(REGISTRY.map((d) => [d.name, d]))('documents the registered directive %s: its heading and every attribute', (_name, d) => {
    expect(doc).toContain(heading(d.name, d.summary));
    for (const a of d.attributes) {
      expect(documents(doc, a), `${d.name}.${a.name}`).toBe(true);
      expect(a.doc.length, `${d.name}.${a.name} has a docs line`).toBeGreaterThan(0);
      expect(a.allowed.length, `${d.name}.${a.name} says what it allows`).toBeGreaterThan(0);
    }
    expect(undocumented(doc, [d])).toEqual([]);
  });
  it('the docs check finds a directive or attribute the docs lack', () => {
    const [lab, step] = REGISTRY;
    const extra: AttributeSpec = { name: 'tempo', value: 'integer', allowed: 'an integer', doc: 'how fast' };
    expect(undocumented(doc, [lab, { ...step, attributes: [...step.attributes, extra] }])).toEqual(['step.tempo']);
    expect(undocumented(doc, [{ ...lab, name: 'compare', summary: 'side by side' }])).toEqual(['compare']);
  });
  it('documents graph parts, manual steps and comparisons', () => {
    for (const g of GRAPH_PARTS) expect(doc).toContain(code(g));
    for (const s of MANUAL_STEPS) expect(doc).toContain(code(s));
    for (const o of COMPARE_OPS) expect(doc).toContain(code(o));
  });
  it('its example chapter compiles without errors', () => {
    const m = /## A whole chapter\n\n````\n([\s\S]*?)````/.exec(doc);
    expect(m).not.toBeNull();
    const r = compileChapter(m![1], { file: 'docs/authoring.md#example' });
    expect(r.errors.map(formatError)).toEqual([]);
    expect(r.steps.length).toBeGreaterThanOrEqual(3);
    expect(r.sandbox).toBe(true);
  });
});

// Adding an attribute is editing one directive file: simulate that edit (a step part gains `tempo=N`, an action
// the runtime reads and the checkpoint depends on) and check that the vocabulary, the compiler, the page's step
// script, the bake key and the docs check all follow, with no other file touched.
describe('an attribute added to a step part file', () => {
  it('shows up in the vocabulary, the compiled step, the runtime step, the bake key and the docs check', async () => {
    vi.resetModules();
    vi.doMock('../../src/lessons/directives/step/highlight', async (importOriginal) => {
      const { highlight } = await importOriginal<typeof import('../../src/lessons/directives/step/highlight')>();
      type Draft = ReturnType<typeof highlight.draft> & { tempo?: number };
      const tempo: AttributeSpec & { read(a: { value: string | true }, d: Draft): void } = {
        name: 'tempo',
        value: 'integer',
        allowed: 'an integer',
        doc: 'how fast the step plays',
        read: (a, d) => void (d.tempo = Number(a.value)),
      };
      return {
        highlight: {
          ...highlight,
          attributes: [...highlight.attributes, tempo],
          resolve: (d: Draft, ...rest: [never, never]) => ({ ...highlight.resolve(d, ...rest), tempo: d.tempo ?? 1 }),
          runtime: [...highlight.runtime, 'tempo'],
          checkpoint: ['tempo'],
        },
      };
    });
    try {
      const lessons = await import('../../src/lessons/index');
      const { runtimeStep } = await import('../../src/lessons/page-data');
      const { stepKeys } = await import('../../src/lessons/bake-cache');
      expect(lessons.STEP_ATTRIBUTES).toContain('tempo');
      const step = lessons.REGISTRY.find((d) => d.name === 'step')!;
      expect(undocumented(doc, [step])).toEqual(['step.tempo']);
      // and the docs generator writes its row, so the freshness check above asks for `npm run docs`
      const docs = await import('../../scripts/docs-tables');
      const regenerated = docs.renderGenerated(doc).text;
      expect(regenerated).not.toBe(doc);
      expect(regenerated).toContain('| `tempo` | an integer | how fast the step plays |');
      const md = '---\ntitle: T\nsummary: S\norder: 1\n---\n::lab\n:::step{tempo=3}\n:::\n:::step\n:::\n';
      const r = lessons.compileChapter(md, { file: 'x.md' });
      expect(r.errors).toEqual([]);
      expect(r.steps.map((s) => (s.actions as unknown as { tempo: number }).tempo)).toEqual([3, 1]);
      expect(Object.keys(runtimeStep(r.steps[0], 'baked/x.json'))).toContain('tempo');
      const slower = lessons.compileChapter(md.replace('tempo=3', 'tempo=4'), { file: 'x.md' });
      expect(stepKeys(slower.steps, 'v')[0]).not.toBe(stepKeys(r.steps, 'v')[0]);
      // unknown-attribute messages offer it too
      const typo = lessons.compileChapter(md.replace('tempo=3', 'temp=3'), { file: 'x.md' });
      expect(typo.errors.map((e) => e.suggestion)).toEqual(['tempo']);
    } finally {
      vi.doUnmock('../../src/lessons/directives/step/highlight');
      vi.resetModules();
    }
  });
});
