// `:::compare{#id}` with 2 to 4 `::column{label=... key=value}` lines, then `:::`: a figure of small labs side by
// side. Steps that name it (`:::step{compare=id ...}`) show it: each column is the step's checkpoint with the
// column's config changes on top, baked like a step (figureRuns, src/lessons/figure-runs.ts), with its own claims
// (`expect="PacGAN2: modes>=8"`) and live values (`:value{column=PacGAN2 metric=modes}`).
import { didYouMean } from '../../lab/model/config';
import type { Attr } from '../attributes';
import { NAME, checkDuplicates, listedNames, readAttributes, stringOf } from '../attribute-checks';
import { escapeHtml } from '../errors';
import { figureRuns } from '../figure-runs';
import { readColumn } from './column';
import { defineContainer, type AttributeDef, type ChapterScope, type DirectiveNode, type FigureDef, type ProseContext } from './types';

export const MIN_COLUMNS = 2;
export const MAX_COLUMNS = 4;

interface Draft {
  id?: string;
}

const ATTRIBUTES: readonly AttributeDef<Draft>[] = [
  {
    name: 'id',
    value: 'name',
    written: '`id` (or `#id`)',
    allowed: 'a letter, then letters, digits, `-`, `_`',
    doc: 'the figure\'s name (required, unique in the chapter): steps show it with `compare=<id>`',
    read(a, d, sink) {
      if (!NAME.test(stringOf(a))) sink.add(a.line, a.valueCol, `bad figure id "${stringOf(a)}"`, { allowed: 'a letter, then letters, digits, "-" or "_"' });
      else d.id = stringOf(a);
    },
  },
];
const LISTED = listedNames(ATTRIBUTES);

interface State {
  /** Figures by their directive node (for rendering), in document order. */
  byNode: Map<DirectiveNode, FigureDef>;
}

/** The figure's columns: 2 to 4 `::column` lines with unique labels; nothing else inside. */
function readColumns(n: DirectiveNode, scope: ChapterScope): FigureDef['columns'] {
  const sink = scope.sink;
  const columns: FigureDef['columns'] = [];
  let count = 0;
  for (const c of n.children ?? []) {
    if (c.kind === 'md') {
      const prose = c.lines.find((l) => l.text.trim());
      if (prose) sink.add(prose.no, prose.text.length - prose.text.trimStart().length + 1, 'a :::compare holds only ::column lines: write the prose in the steps that show it (compare=<id>)');
      continue;
    }
    if (c.name !== 'column') {
      sink.add(c.line, c.col, `::${c.name} cannot stand inside a :::compare (only ::column lines)`, { allowed: '::column{label="..." key=value ...}' });
      continue;
    }
    count++;
    const col = readColumn(c, scope);
    if (!col) continue;
    const twin = columns.find((k) => k.label === col.label);
    if (twin) {
      const at = c.tail.attrs.find((a) => a.name === 'label') ?? c;
      sink.add(at.line, 'valueCol' in at ? at.valueCol : at.col, `duplicate column label "${col.label}" (also the label on line ${twin.line}): claims and :value name a column by its label`);
      continue;
    }
    columns.push(col);
  }
  if (count < MIN_COLUMNS || count > MAX_COLUMNS) {
    sink.add(n.line, n.col, `a :::compare needs ${MIN_COLUMNS} to ${MAX_COLUMNS} ::column lines, and this one has ${count}`, {
      allowed: `${MIN_COLUMNS} to ${MAX_COLUMNS} columns (a figure with more does not fit beside the text)`,
    });
  }
  return columns;
}

function readCompare(n: DirectiveNode, state: State, scope: ChapterScope): ProseContext {
  const sink = scope.sink;
  const draft: Draft = {};
  const own = new Map<string, (a: Attr) => void>(ATTRIBUTES.map((def) => [def.name, (a: Attr) => def.read(a, draft, sink)]));
  readAttributes(checkDuplicates(n.tail.attrs, sink, ':::compare'), own, { name: ':::compare', listed: LISTED, configKeys: false }, sink);
  if (n.tail.label) sink.add(n.tail.label.line, n.tail.label.col - 1, ':::compare takes no [label]; give each ::column its label');
  if (!scope.lab) sink.add(n.line, n.col, 'a :::compare needs a ::lab before it: its columns change the chapter\'s config', { allowed: '::lab{preset=ring8 ...} first' });
  if (!draft.id && !n.tail.attrs.some((a) => a.name === 'id')) sink.add(n.line, n.col, 'a :::compare needs an id, which its steps name: :::compare{#remedies}');
  const columns = readColumns(n, scope);
  if (draft.id) {
    const first = scope.figures.get(draft.id);
    if (first) sink.add(n.line, n.col, `duplicate figure id "${draft.id}" (the figure on line ${first.line} has it)`);
    else {
      const fig: FigureDef = { id: draft.id, line: n.line, col: n.col, columns };
      scope.figures.set(fig.id, fig);
      state.byNode.set(n, fig);
    }
  }
  return { config: scope.config, step: null, figure: null };
}

/** Without JavaScript (and as the figure's key): what each column changes. */
function renderFigure(f: FigureDef): string {
  const items = f.columns
    .map((c) => {
      const what = c.pairs.length ? c.pairs.map(([k, v]) => `<code>${escapeHtml(k)}=${escapeHtml(v)}</code>`).join(' ') : "the chapter's settings";
      return `<li><strong>${escapeHtml(c.label)}</strong>: ${what}</li>`;
    })
    .join('');
  return `<figure class="compare-key" data-compare="${escapeHtml(f.id)}" id="figure-${escapeHtml(f.id)}"><figcaption>${f.columns.length} runs side by side, the same start in each; only these settings differ:</figcaption><ul>${items}</ul></figure>\n`;
}

/** A column a step or `:value` names: the figure's column with that label, or an error with the labels allowed. */
export function findColumn(fig: FigureDef, label: { text: string; line: number; col: number }, sink: ChapterScope['sink']): number {
  const i = fig.columns.findIndex((c) => c.label === label.text);
  if (i < 0) {
    const labels = fig.columns.map((c) => c.label);
    sink.add(label.line, label.col, `unknown column "${label.text}" in figure "${fig.id}"`, { allowed: labels.join(', '), suggestion: didYouMean(label.text, labels) });
  }
  return i;
}

/** A figure as the compiled chapter carries it. */
export interface CompiledFigure {
  id: string;
  line: number;
  columns: FigureDef['columns'];
}

export interface CompareOutput {
  figures: CompiledFigure[];
}

export const compare = defineContainer<CompareOutput>()({
  name: 'compare',
  kind: 'container',
  summary: 'several runs side by side',
  attributes: ATTRIBUTES,
  init: (): State => ({ byNode: new Map() }),
  read: readCompare,
  render(n, state) {
    const f = state.byNode.get(n);
    return f ? renderFigure(f) : '';
  },
  output: (state): CompareOutput => ({ figures: [...state.byNode.values()].map(({ id, line, columns }) => ({ id, line, columns })) }),
  runs: (out) => figureRuns(out).map((r) => r.checkpoints),
});
