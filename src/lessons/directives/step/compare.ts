// `compare=<id>`: the step shows the `:::compare` figure `id` (declared above it) instead of the chapter's lab: each
// column at the step's checkpoint with the column's changes on top. Claims may name a column (`PacGAN2: modes>=8`).
import { didYouMean } from '../../../lab/model/config';
import type { Attr } from '../../attributes';
import { stringOf } from '../../attribute-checks';
import type { ErrorSink } from '../../errors';
import type { Expectation } from '../../expect';
import { columnConfig } from '../../figure-runs';
import type { FigureDef } from '../types';
import { defineStepPart } from './part';

export interface CompareAction {
  /** The `:::compare` figure this step shows, or null (the chapter's lab). */
  compare: string | null;
}

export const compare = defineStepPart<CompareAction>()({
  draft: (): { attr?: Attr } => ({}),
  attributes: [
    {
      name: 'compare',
      value: 'name',
      allowed: 'the id of a `:::compare` figure above the step',
      doc: 'show that [comparison figure](#compare) on this step: every column at this checkpoint, with its own changes; claims may name a column (`expect="PacGAN2: modes>=8"`)',
      read(a, d, sink) {
        if (!stringOf(a)) sink.add(a.line, a.col, 'compare needs a figure id: compare=remedies');
        else d.attr = a;
      },
    },
  ],
  resolve(d, at): CompareAction {
    if (!d.attr) return { compare: null };
    const id = stringOf(d.attr);
    const fig = at.figures.get(id);
    if (!fig) {
      const ids = [...at.figures.keys()];
      at.sink.add(d.attr.line, d.attr.valueCol, `no :::compare figure "${id}" above this step`, {
        allowed: ids.length ? ids.join(', ') : 'the id of a :::compare{#id} written before the step',
        suggestion: didYouMean(id, ids),
      });
      return { compare: null };
    }
    for (const c of fig.columns) {
      if (!columnConfig(at.config, c)) at.sink.add(c.line, c.col, `column "${c.label}" does not fit this step's config (line ${d.attr.line}): check its keys against the step's`);
    }
    return { compare: id };
  },
  runtime: ['compare'],
  checkpoint: [],
});

/** Claims that name a column: only on a step showing a figure, and only its columns' labels. */
export function checkColumnClaims(claims: readonly Expectation[], fig: FigureDef | null, sink: ErrorSink): void {
  for (const e of claims) {
    if (!e.column) continue;
    if (!fig) {
      sink.add(e.column.line, e.column.col, `the claim "${e.text}" names a column, and this step shows no figure`, { allowed: 'compare=<figure id> on the step, or a claim without "Label:"' });
      continue;
    }
    const labels = fig.columns.map((c) => c.label);
    if (!labels.includes(e.column.label)) {
      sink.add(e.column.line, e.column.col, `unknown column "${e.column.label}" in figure "${fig.id}"`, { allowed: labels.join(', '), suggestion: didYouMean(e.column.label, labels) });
    }
  }
}

/** A figure's steps follow one another, and every figure is shown by some step. */
export function checkFigureSteps(steps: readonly { index: number; line: number; actions: CompareAction }[], figures: ReadonlyMap<string, FigureDef>, sink: ErrorSink): void {
  for (const fig of figures.values()) {
    const shown = steps.filter((s) => s.actions.compare === fig.id);
    if (!shown.length) {
      sink.add(fig.line, fig.col, `no step shows the figure "${fig.id}"`, { allowed: `compare=${fig.id} on the steps after it` });
      continue;
    }
    for (let k = 1; k < shown.length; k++) {
      if (shown[k].index !== shown[k - 1].index + 1) {
        sink.add(shown[k].line, 1, `the steps showing "${fig.id}" must follow one another (step ${shown[k - 1].index + 1} shows it, then step ${shown[k].index + 1}, with other steps between)`);
      }
    }
  }
}
