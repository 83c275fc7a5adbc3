// What `astro dev` says about a chapter with mistakes, in the page and in the terminal: the same lines
// `lessons:check` prints (file:line:col, message, allowed, did you mean, the source line with a caret). Node only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Catalog } from './catalog';
import { errorsWithSource } from './error-frame';
import { escapeHtml, type LessonError } from './errors';

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

/**
 * `astro dev` only: the page a chapter with mistakes answers with (status 500), instead of the chapter. A page of
 * its own (not the site's layout) so the chapter page's template, and so every built page, stays as it was; it
 * loads Vite's client, which reloads it when the chapter is saved. Every piece of text is escaped.
 */
export function errorPage(file: string, errors: readonly LessonError[], base: string, root = process.cwd()): Response {
  const blocks = errorBlocks(errors, root);
  const n = blocks.length;
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="color-scheme" content="light dark">
<title>Errors in ${escapeHtml(file)}</title>
<style>
  body { margin: 2rem auto; max-width: 72rem; padding: 0 1rem; font: 1rem/1.5 system-ui, sans-serif; color: CanvasText; background: Canvas; }
  .lesson-error-report { padding: 1rem; border-left: 4px solid #b00020; background: color-mix(in srgb, CanvasText 6%, Canvas); font-size: 0.9rem; line-height: 1.45; white-space: pre-wrap; overflow-wrap: anywhere; tab-size: 4; }
</style>
</head>
<body>
<main class="lesson-errors" data-lesson-errors="${n}">
<h1>This chapter does not build</h1>
<p><code>${escapeHtml(file)}</code> has ${n === 1 ? 'a mistake' : `${n} mistakes`}. Fix ${n === 1 ? 'it' : 'them'} and save: this page reloads by itself. <code>npm run lessons:check</code> prints the same.</p>
<pre class="lesson-error-report" role="alert">${escapeHtml([...blocks, errorSummary(errors)].join('\n'))}</pre>
</main>
<script type="module" src="${escapeHtml(base)}@vite/client"></script>
</body>
</html>
`;
  return new Response(html, { status: 500, headers: { 'content-type': 'text/html; charset=utf-8' } });
}
