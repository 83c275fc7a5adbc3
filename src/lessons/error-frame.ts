// Errors as an author reads them: `file:line:col: message (allowed: ...) did you mean "..."?` followed by the
// source line and a caret under the column. `lessons:check`, the dev server's terminal and its error page all
// print this text, so what the author sees is the same wherever they look.
import { formatError, type LessonError } from './errors';

/** East Asian wide characters take two columns in a terminal and about two in a monospace <pre>. */
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

/**
 * The line `line` of `text` with a caret under column `col` (1-based, UTF-16 units as errors count them), indented
 * and numbered; '' when the line does not exist. Tabs before the column are kept so the caret lines up.
 */
export function sourceFrame(text: string, line: number, col: number): string {
  const lines = text.split(/\r?\n/);
  if (line < 1 || line > lines.length) return '';
  const src = lines[line - 1];
  const pad = Array.from(src.slice(0, Math.max(0, col - 1)))
    .map((c) => (c === '\t' ? '\t' : WIDE.test(c) ? '  ' : ' '))
    .join('');
  const no = String(line);
  return `  ${no} | ${src}\n  ${' '.repeat(no.length)} | ${pad}^`;
}

/** One error with its source frame (when the file's text is known). */
export function formatErrorWithSource(e: LessonError, text: string | null): string {
  const frame = text === null ? '' : sourceFrame(text, e.line, e.col);
  return frame ? `${formatError(e)}\n${frame}` : formatError(e);
}

/** Every error with its frame, reading each file once through `read` (null: no frame). */
export function errorsWithSource(errors: readonly LessonError[], read: (file: string) => string | null): string[] {
  const texts = new Map<string, string | null>();
  const text = (file: string) => {
    if (!texts.has(file)) texts.set(file, read(file));
    return texts.get(file)!;
  };
  return errors.map((e) => formatErrorWithSource(e, text(e.file)));
}
