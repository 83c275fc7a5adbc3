// `lessons:check --claims`: bake the given chapters (the build's cache, .cache/bake, so what one bakes the other
// reuses) and check every `expect`, without building the site; and `astro dev`'s check of one step that shows a
// comparison figure, column by column (checkFigureStep). Node only.
import { bakeChapter, bakeRuns } from './bake';
import type { CompiledChapter } from './compile';
import { chapterRuns } from './directives/index';
import type { LessonError } from './errors';
import { figureRuns } from './figure-runs';

export interface ClaimsResult {
  errors: LessonError[];
  /** Claims checked (each `expect` clause counts once per checkpoint). */
  claims: number;
  /** Checkpoints baked (from the cache or trained). */
  checkpoints: number;
  /** Of those, trained now (not from the cache). */
  trained: number;
}

/** Bakes each chapter (they must compile without errors) and collects every failed claim and divergence. */
export async function checkClaims(chapters: readonly CompiledChapter[], opts: { root?: string; cacheDir?: string } = {}): Promise<ClaimsResult> {
  const out: ClaimsResult = { errors: [], claims: 0, checkpoints: 0, trained: 0 };
  for (const c of chapters) {
    out.claims += chapterRuns(c).reduce((n, r) => n + r.checkpoints.reduce((k, cp) => k + cp.actions.expect.length, 0), 0);
    try {
      const b = await bakeChapter(c, opts);
      out.errors.push(...b.errors);
      out.checkpoints += b.runs.reduce((n, r) => n + r.steps.length, 0);
      out.trained += b.trained;
    } catch (err) {
      out.errors.push({ file: c.file, line: 1, col: 1, message: `baking failed: ${err instanceof Error ? err.message : String(err)}` });
    }
  }
  return out;
}

/** What a step showing a comparison figure claims, checked on one of its columns. */
export interface ColumnClaims {
  /** The column's label. */
  column: string;
  /** Its failed claims and a divergence before the step, each naming the column. */
  errors: LessonError[];
}

/**
 * The claims of step `step` (0-based) of a chapter, when it shows a comparison figure: each column's run baked up to
 * its checkpoint at that step (the build's runs and cache, figure-runs.ts) and checked there, as the build checks
 * it. A claim with a label (`PacGAN2: modes>=8`) is checked on that column only and names it; one without, on every
 * column, and its error says which. Null when the step shows no figure.
 */
export async function checkFigureStep(chapter: CompiledChapter, step: number, opts: { root?: string; cacheDir?: string } = {}): Promise<ColumnClaims[] | null> {
  const s = chapter.steps[step];
  const fig = s?.actions.compare ? chapter.figures.find((f) => f.id === s.actions.compare) : undefined;
  if (!s || !fig) return null;
  const out: ColumnClaims[] = [];
  for (const run of figureRuns(chapter)) {
    const at = run.figure === fig.id ? run.shown.find((x) => x.step === step)?.at : undefined;
    if (at === undefined) continue;
    const label = fig.columns[run.column].label;
    // bakeRun checks each checkpoint's claims (a column's are its own and the unlabelled ones) and stops at a
    // divergence; the claims of the figure's earlier steps are theirs, not this step's (keys do not hang on claims).
    const upTo = run.checkpoints.slice(0, at + 1).map((cp, i) => (i < at ? { ...cp, actions: { ...cp.actions, expect: [] } } : cp));
    // a failed claim without a label names the column by itself (the checkpoint carries it: bake.ts)
    const r = await bakeRuns(chapter.file, [{ by: 'compare', checkpoints: upTo }], opts);
    const errors = r.errors;
    out.push({ column: label, errors });
  }
  return out;
}
