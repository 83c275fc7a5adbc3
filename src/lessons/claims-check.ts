// `lessons:check --claims`: bake the given chapters (the build's cache, .cache/bake, so what one bakes the other
// reuses) and check every `expect`, without building the site. Node only.
import { bakeChapter } from './bake';
import type { CompiledChapter } from './compile';
import { chapterRuns } from './directives/index';
import type { LessonError } from './errors';

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
