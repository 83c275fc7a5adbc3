// docs/authoring.md documents every directive, attribute, config key and value name; its example chapter compiles.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
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
} from '../../src/lessons/index';

const doc = readFileSync('docs/authoring.md', 'utf8');
const code = (s: string) => `\`${s}\``;

describe('docs/authoring.md', () => {
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
