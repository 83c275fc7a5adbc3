// `::column{label="PacGAN2" pack=2}`: one column of a `:::compare` figure, its label and its config changes on top
// of the chapter's state. It stands only inside a `:::compare` (./compare.ts reads it there with `readColumn`).
import type { Attr } from '../attributes';
import { checkDuplicates, listedNames, readAttributes, stringOf } from '../attribute-checks';
import { applyConfigAttrs } from '../config-attrs';
import type { ErrorSink } from '../errors';
import { defineLeaf, type AttributeDef, type ChapterScope, type DirectiveNode, type FigureColumn } from './types';

/** A label: shown above the column, and how claims (`Label: modes>=8`) and `:value{column=Label}` name it. */
const LABEL = /^[^:;,"'<>=!\s][^:;,"'<>=!]{0,23}$/;
export const LABEL_ALLOWED = '1 to 24 characters, none of : ; , quotes < > = !, not starting with a space';

interface Draft {
  label?: { text: string; line: number; col: number };
}

const ATTRIBUTES: readonly AttributeDef<Draft>[] = [
  {
    name: 'label',
    value: 'name',
    allowed: `text of ${LABEL_ALLOWED} (quote it if it has spaces)`,
    doc: 'the column\'s title (required, unique in the figure); claims and `:value{column=...}` name the column by it',
    read(a, d, sink) {
      const t = stringOf(a).trim();
      if (!LABEL.test(t)) sink.add(a.line, a.valueCol, `bad column label "${stringOf(a)}"`, { allowed: LABEL_ALLOWED });
      else d.label = { text: t, line: a.line, col: a.valueCol };
    },
  },
];
const LISTED = listedNames(ATTRIBUTES);

/** Reads one `::column` inside a figure: its label and its config keys (checked over `scope.config`); null without a label. */
export function readColumn(n: DirectiveNode, scope: ChapterScope): FigureColumn | null {
  const sink: ErrorSink = scope.sink;
  if (n.tail.label) sink.add(n.tail.label.line, n.tail.label.col - 1, '::column takes its label as an attribute: ::column{label="PacGAN2" pack=2}');
  const draft: Draft = {};
  const own = new Map<string, (a: Attr) => void>(ATTRIBUTES.map((def) => [def.name, (a: Attr) => def.read(a, draft, sink)]));
  const attrs = checkDuplicates(n.tail.attrs, sink, '::column');
  const { config } = readAttributes(attrs, own, { name: '::column', listed: LISTED, configKeys: true }, sink);
  // Checked against the config where the figure stands; each step re-applies the pairs over its own config.
  applyConfigAttrs(scope.config, config, sink, n);
  if (!draft.label && !n.tail.attrs.some((a) => a.name === 'label')) sink.add(n.line, n.col, '::column needs a label: ::column{label="PacGAN2" pack=2}', { allowed: LABEL_ALLOWED });
  // Kept with its label even when a key is wrong (that is reported), so claims naming it are not reported too.
  if (!draft.label) return null;
  return { label: draft.label.text, line: n.line, col: n.col, pairs: config.map((a) => [a.name, a.value === true ? 'true' : a.value] as [string, string]) };
}

export const column = defineLeaf<object>()({
  name: 'column',
  kind: 'leaf',
  summary: 'one column of a comparison figure',
  attributes: ATTRIBUTES,
  configKeys: "change that key in this column only, on top of the chapter's state at each step (e.g. `pack=2`)",
  init: () => null,
  read(n, _state, scope) {
    scope.sink.add(n.line, n.col, '::column stands only inside a :::compare figure', { allowed: ':::compare{#id} with 2 to 4 ::column lines, then ":::"' });
  },
  render: () => '',
  output: () => ({}),
});
