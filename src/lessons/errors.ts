// Author-facing errors: every mistake in a chapter becomes one of these, with a position a person can jump to.

export interface LessonError {
  file: string;
  /** 1-based line in the chapter file (frontmatter included). */
  line: number;
  /** 1-based column in code points, as an editor shows it (a CJK character or an emoji counts one; a tab counts one). */
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

/**
 * A 1-based column counted in UTF-16 code units (what JavaScript's string indices give) as code points: an
 * emoji or a CJK character outside the BMP is two units but one column in an editor.
 */
export function codePointCol(lineText: string, col: number): number {
  if (col <= 1) return col;
  const before = lineText.slice(0, col - 1);
  let n = 0;
  for (let i = 0; i < before.length; i++) {
    const c = before.charCodeAt(i);
    // a high surrogate followed by a low one is one code point
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < before.length && (before.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
    n++;
  }
  return n + 1 + Math.max(0, col - 1 - before.length);
}

/** Collects errors for one file. Given the file's lines, it reports columns in code points (`codePointCol`). */
export class ErrorSink {
  readonly errors: LessonError[] = [];
  constructor(
    readonly file: string,
    private readonly lines?: readonly string[],
  ) {}
  /** A UTF-16 column on a 1-based line, as code points (unchanged when the sink has no lines). */
  col(line: number, col: number): number {
    const text = this.lines?.[line - 1];
    return text === undefined ? col : codePointCol(text, col);
  }
  add(line: number, col: number, message: string, extra: { allowed?: string; suggestion?: string } = {}): void {
    const e: LessonError = { file: this.file, line, col: this.col(line, col), message };
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
