// The inline scanner: finds `:name[label]{attrs}` in a Markdown chunk's prose (not in code spans, code fences or
// after a backslash) and swaps each for a placeholder, so marked renders the prose and the directive's HTML goes
// back in afterwards (src/lessons/markdown.ts). Also the generic half of compiling one: unknown names and
// block directives written inline are reported here; the directive's module does the rest.
import { readTail } from './attributes';
import type { SrcLine } from './block-scan';
import { directive, directiveSyntax, kindOf, reportUnknownDirective } from './directives/index';
import type { ChapterScope, InlineUse, ProseContext } from './directives/types';
import { ErrorSink } from './errors';
import { placeholder } from './markdown';

/** Where the code span opening at `i` ends (its last backtick), or the end of the opening run if unclosed. */
function codeSpanEnd(text: string, i: number): number {
  let n = 1;
  while (text[i + n] === '`') n++;
  const run = '`'.repeat(n);
  let j = text.indexOf(run, i + n);
  while (j >= 0 && text[j + n] === '`') {
    let k = j;
    while (text[k] === '`') k++;
    j = text.indexOf(run, k);
  }
  return j >= 0 ? j + n - 1 : i + n - 1;
}

function scanLine(l: SrcLine, found: InlineUse[], context: ProseContext, file: string): string {
  const text = l.text;
  let res = '';
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '`') {
      i = codeSpanEnd(text, i);
      continue;
    }
    if (c !== ':' || (i > 0 && /[\w:\\]/.test(text[i - 1]))) continue;
    const m = /^[A-Za-z][\w-]*/.exec(text.slice(i + 1));
    if (!m) continue;
    const after = i + 1 + m[0].length;
    if (text[after] !== '[' && text[after] !== '{') continue;
    const local = new ErrorSink(file);
    const tail = readTail(text, after, l.no, local);
    if (!tail.ok && !kindOf(m[0])) continue; // prose that only looks like a directive
    const id = found.length;
    found.push({ name: m[0], line: l.no, col: i + 1, tail, raw: text.slice(i, tail.end), context, errors: local.errors });
    res += text.slice(last, i) + placeholder(id);
    last = tail.end;
    i = tail.end - 1;
  }
  return res + text.slice(last);
}

/** Finds inline directives in a chunk's lines, replaces them by placeholders; returns the chunk's text. */
export function scanInline(lines: SrcLine[], found: InlineUse[], context: ProseContext, file: string): string {
  return lines.map((l) => (l.code ? l.text : scanLine(l, found, context, file))).join('\n');
}

/** An inline directive's HTML, or null when it has errors. `stateOf` gives a directive's state for the chapter. */
export function compileInline(use: InlineUse, scope: ChapterScope, stateOf: (name: string) => unknown): string | null {
  const sink = scope.sink;
  sink.errors.push(...use.errors);
  if (!use.tail.ok) return null;
  const d = directive(use.name);
  if (!d) {
    reportUnknownDirective(sink, use.line, use.col, `:${use.name}`, use.name);
    return null;
  }
  if (d.kind !== 'inline') {
    sink.add(use.line, use.col, `"${use.name}" is not an inline directive: write ${directiveSyntax(use.name)} on its own line`);
    return null;
  }
  return d.read(use, stateOf(d.name), scope);
}
