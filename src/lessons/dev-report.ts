// What `astro dev` says about a chapter with mistakes, in the page and in the terminal: the same lines
// `lessons:check` prints (file:line:col, message, allowed, did you mean, the source line with a caret). Node only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Catalog } from './catalog';
import { errorsWithSource } from './error-frame';
import type { LessonError } from './errors';

/** Reads a chapter file (a path relative to `root`, as errors name it); null if it cannot be read. */
export function readChapterText(root: string): (file: string) => string | null {
  return (file) => {
    try {
      return readFileSync(join(root, file), 'utf8');
    } catch {
      return null;
    }
  };
}

/** The errors as `lessons:check` prints them, one block per error. */
export function errorBlocks(errors: readonly LessonError[], root = process.cwd()): string[] {
  return errorsWithSource(errors, readChapterText(root));
}

/** A chapter's errors: its compile errors and the catalog's (a clashing order or slug), in position order. */
export function chapterErrors(catalog: Pick<Catalog, 'errors'>, file: string): LessonError[] {
  return catalog.errors.filter((e) => e.file === file);
}

/** The summary line under the errors, as `lessons:check` ends. */
export function errorSummary(errors: readonly LessonError[]): string {
  return `${errors.length} error${errors.length === 1 ? '' : 's'} in ${new Set(errors.map((e) => e.file)).size} chapter file(s)`;
}
