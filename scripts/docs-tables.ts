// npm run docs: writes the reference tables of docs/authoring.md from the registries (config schema, losses,
// distributions, metrics, view layers, graph parts, presets, frontmatter, and each directive's attributes), between
// `<!-- generated:NAME -->` and `<!-- /generated:NAME -->` lines. The prose around them is left alone.
// tests/unit/lessons-docs.test.ts fails when the file differs from what this would write.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GRAPH_BOXES, HIGHLIGHT_NAMES } from '../src/lab/graph-parts';
import { allowedText, CONFIG_KEYS } from '../src/lab/model/config';
import { DISTRIBUTIONS, type DistributionEntry } from '../src/lab/model/distributions';
import { LOSSES } from '../src/lab/model/losses';
import { METRIC_CATALOG, METRIC_NAMES } from '../src/lab/model/metrics/catalog';
import { VIEW_LAYERS } from '../src/lab/view/layers';
import { FRONTMATTER_ALLOWED, frontmatterSchema } from '../src/lessons/frontmatter';
import { PRESETS } from '../src/lessons/presets';
import { REGISTRY } from '../src/lessons/directives/index';
import type { AttributeSpec } from '../src/lessons/directives/types';

export const AUTHORING = 'docs/authoring.md';

const code = (s: string) => `\`${s}\``;
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** A Markdown table: a header row, its rule, then the rows (cells escaped). */
export function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(head), `|${head.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

function configKeys(): string {
  return table(
    ['key', 'allowed', 'default', 'meaning'],
    CONFIG_KEYS.map((k) => [code(k.path), allowedText(k), code(JSON.stringify(k.default)), k.description]),
  );
}

function losses(): string {
  return table(
    ['loss', 'name', 'what D and G minimise'],
    Object.entries(LOSSES).map(([name, e]) => [code(name), e.text.en.label, e.summary]),
  );
}

function distributions(): string {
  return table(
    ['distribution', 'name', 'shape', 'mixture'],
    Object.entries(DISTRIBUTIONS).map(([name, e]: [string, DistributionEntry]) => [
      code(name),
      e.text.en.label,
      e.text.en.summary,
      e.modes ? `yes, ${e.modes.length} modes` : 'no',
    ]),
  );
}

function metrics(): string {
  return table(
    ['metric', 'meaning', 'decimals shown'],
    METRIC_NAMES.map((m) => {
      const d = METRIC_CATALOG[m];
      return [code(m), d.text.en.summary + (d.mixture ? ' (mixtures only)' : ''), String(d.digits)];
    }),
  );
}

function layers(): string {
  return table(
    ['layer', 'key', 'legend', 'colour', 'what it draws'],
    VIEW_LAYERS.map((l) => [code(l.name), code(l.key), l.label.en, code(`--${l.colour}`), l.description.en]),
  );
}

function graphParts(): string {
  return table(
    ['part', 'lights up'],
    HIGHLIGHT_NAMES.map((n) => [code(n), GRAPH_BOXES.filter((b) => b.name === n || ('group' in b && b.group === n)).map((b) => b.label.en).join(' and ')]),
  );
}

function presets(): string {
  return table(
    ['preset', 'configuration'],
    Object.entries(PRESETS).map(([name, p]) => [code(name), p.description]),
  );
}

function frontmatter(): string {
  const shape = frontmatterSchema.shape as Record<string, { isOptional(): boolean; description?: string }>;
  return table(
    ['key', 'required', 'allowed', 'meaning'],
    Object.entries(shape).map(([k, t]) => [code(k), t.isOptional() ? 'no' : 'yes', FRONTMATTER_ALLOWED[k], t.description ?? '']),
  );
}

/** A directive's attribute table: its own attributes, then "any config key" where it takes them. */
export function attributeTable(attributes: readonly AttributeSpec[], configKeys?: string): string {
  if (!attributes.length && !configKeys) return 'No attributes.';
  const rows = attributes.map((a) => [a.written ?? code(a.name), a.allowed, a.doc]);
  if (configKeys) rows.push(['any [config key](#config-keys)', 'as the key allows', configKeys]);
  return table(['attribute', 'value', 'meaning'], rows);
}

/** Every generated table, by marker name. */
export function generatedTables(): Record<string, string> {
  const out: Record<string, string> = {
    frontmatter: frontmatter(),
    'config-keys': configKeys(),
    losses: losses(),
    distributions: distributions(),
    metrics: metrics(),
    layers: layers(),
    'graph-parts': graphParts(),
    presets: presets(),
  };
  for (const d of REGISTRY) out[`directive-${d.name}`] = attributeTable(d.attributes, d.configKeys);
  return out;
}

const MARKER = /<!-- generated:([a-z0-9-]+) -->\n[\s\S]*?<!-- \/generated:\1 -->/g;

/**
 * `text` with every generated section rewritten. `missing`: tables no section holds (the docs need a
 * `<!-- generated:NAME -->` section for each); `unknown`: sections naming no table.
 */
export function renderGenerated(text: string, tables = generatedTables()): { text: string; missing: string[]; unknown: string[] } {
  const seen = new Set<string>();
  const unknown: string[] = [];
  const out = text.replace(MARKER, (all, name: string) => {
    if (!(name in tables)) {
      unknown.push(name);
      return all;
    }
    seen.add(name);
    return `<!-- generated:${name} -->\n${tables[name]}\n<!-- /generated:${name} -->`;
  });
  return { text: out, missing: Object.keys(tables).filter((n) => !seen.has(n)), unknown };
}

function main(): void {
  const before = readFileSync(AUTHORING, 'utf8');
  const r = renderGenerated(before);
  for (const n of r.missing) console.error(`${AUTHORING}: no section for the table "${n}": add <!-- generated:${n} --> and <!-- /generated:${n} --> lines where it belongs, then run npm run docs again`);
  for (const n of r.unknown) console.error(`${AUTHORING}: the section "${n}" names no table (known: ${Object.keys(generatedTables()).join(', ')})`);
  if (r.text !== before) writeFileSync(AUTHORING, r.text);
  console.log(r.text === before ? `${AUTHORING} is up to date` : `${AUTHORING}: tables rewritten`);
  if (r.missing.length || r.unknown.length) process.exit(1);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
