// Author-facing errors: every mistake in a chapter becomes one of these, with a position a person can jump to.

export interface LessonError {
  file: string;
  /** 1-based line in the chapter file (frontmatter included). */
  line: number;
  /** 1-based column (UTF-16 code units; a tab counts as one). */
  col: number;
  message: string;
  /** What is allowed there, in words (`one of: d, g, both`). */
  allowed?: string;
  /** A close valid spelling, when the mistake looks like a typo. */
  suggestion?: string;
}

/** `file:line:col: message (allowed: ...) did you mean "..."?` */
export function formatError(e: LessonError): string {
  let s = `${e.file}:${e.line}:${e.col}: ${e.message}`;
  if (e.allowed) s += ` (allowed: ${e.allowed})`;
  if (e.suggestion) s += ` did you mean "${e.suggestion}"?`;
  return s;
}

export function sortErrors(errors: LessonError[]): LessonError[] {
  return [...errors].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col);
}

/** Collects errors for one file. */
export class ErrorSink {
  readonly errors: LessonError[] = [];
  constructor(readonly file: string) {}
  add(line: number, col: number, message: string, extra: { allowed?: string; suggestion?: string } = {}): void {
    const e: LessonError = { file: this.file, line, col, message };
    if (extra.allowed) e.allowed = extra.allowed;
    if (extra.suggestion) e.suggestion = extra.suggestion;
    this.errors.push(e);
  }
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** The same escaping marked uses, so restored text is byte-identical to what marked would emit. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}
