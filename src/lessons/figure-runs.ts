// The runs a `:::compare` figure bakes: one per column. A column's checkpoint at a step is the step's checkpoint
// with the column's config changes on top; the column starts from the previous step's checkpoint (or fresh, when
// the step or the column restarts), so it is a pure function of the script like any step. The run begins with the
// chapter's own steps since their last restart (claims stripped: those are the step run's), so that its keys chain
// exactly as the steps' do: a column without changes bakes nothing new.
import { applyPatch, changeEffect, parseAssignments, type GanConfig } from '../lab/model/config';
import type { CompiledFigure } from './directives/compare';
import type { Checkpoint, CompiledStep } from './directives/step/index';
import type { FigureColumn } from './directives/types';

export interface ColumnRun {
  figure: string;
  column: number;
  checkpoints: Checkpoint[];
  /** For each step showing the figure: its index and its checkpoint's place in `checkpoints`. */
  shown: { step: number; at: number }[];
}

/** The column's config at a step (null when the step's config and the column's changes do not fit together). */
export function columnConfig(stepConfig: GanConfig, column: Pick<FigureColumn, 'pairs'>): GanConfig | null {
  const { patch, issues } = parseAssignments(column.pairs);
  if (issues.length) return null;
  const r = applyPatch(stepConfig, patch);
  return r.ok ? r.config : null;
}

const strip = (s: CompiledStep): Checkpoint => ({ index: s.index, line: s.line, config: s.config, actions: { train: s.actions.train, restart: s.actions.restart, expect: [] } });

/** Every column's run, figure by figure (steps showing a figure follow one another; the compiler checks it). */
export function figureRuns(chapter: { steps: readonly CompiledStep[]; figures: readonly CompiledFigure[] }): ColumnRun[] {
  const out: ColumnRun[] = [];
  for (const fig of chapter.figures) {
    const shown = chapter.steps.filter((s) => s.actions.compare === fig.id);
    if (!shown.length) continue;
    const first = shown[0];
    let from = first.index;
    if (!first.actions.restart) while (from > 0 && !chapter.steps[from - 1].actions.restart) from--;
    const prefix = first.actions.restart ? [] : chapter.steps.slice(Math.max(0, from - 1), first.index).map(strip);
    fig.columns.forEach((column, c) => {
      const checkpoints = [...prefix];
      const at: ColumnRun['shown'] = [];
      const restarts = column.pairs.some(([k]) => changeEffect(k) === 'restart');
      shown.forEach((s, k) => {
        const config = columnConfig(s.config, column);
        if (!config) return;
        const claims = s.actions.expect.filter((e) => !e.column || e.column.label === column.label);
        at.push({ step: s.index, at: checkpoints.length });
        checkpoints.push({ index: s.index, line: s.line, config, column: column.label, actions: { train: s.actions.train, restart: s.actions.restart || (k === 0 && restarts), expect: claims } });
      });
      out.push({ figure: fig.id, column: c, checkpoints, shown: at });
    });
  }
  return out;
}
