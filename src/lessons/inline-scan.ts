// The inline scanner: finds `:name[label]{attrs}` in a Markdown chunk's prose (not in code spans, code fences or
// after a backslash) and swaps each for a placeholder, so marked renders the prose and the directive's HTML goes
// back in afterwards (src/lessons/markdown.ts). Also the generic half of compiling one: unknown names and
// block directives written inline are reported here; the directive's module does the rest.
import { readTail } from './attributes';
import type { SrcLine } from './block-scan';
import { LineScan } from './line-scan';
import { directive, directiveSyntax, kindOf, reportUnknownDirective } from './directives/index';
import type { ChapterScope, InlineUse, ProseContext } from './directives/types';
import { ErrorSink } from './errors';
import { placeholder } from './markdown';

/** A directive's name, read in place (sticky: slicing the rest of the line at every colon was quadratic). */
const NAME = /[A-Za-z][\w-]*/y;

function scanLine(l: SrcLine, found: InlineUse[], context: ProseContext, file: string, stats?: { steps: number }): string {
  const text = l.text;
  const scan = new LineScan(text);
  let res = '';
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '`') {
      i = scan.codeSpanEnd(i);
      continue;
    }
    if (c !== ':' || (i > 0 && /[\w:\\]/.test(text[i - 1]))) continue;
    NAME.lastIndex = i + 1;
    const m = NAME.exec(text);
    scan.steps += 1 + (m ? m[0].length : 0);
    if (!m) continue;
    const after = i + 1 + m[0].length;
    if (text[after] !== '[' && text[after] !== '{') continue;
    const local = new ErrorSink(file);
    const known = !!kindOf(m[0]);
    const tail = readTail(text, after, l.no, local, scan, !known);
    if (!tail.ok && !known) continue; // prose that only looks like a directive
    const id = found.length;
    found.push({ name: m[0], line: l.no, col: i + 1, tail, raw: text.slice(i, tail.end), context, errors: local.errors });
    res += text.slice(last, i) + placeholder(id);
    last = tail.end;
    i = tail.end - 1;
  }
  if (stats) stats.steps += scan.steps;
  return res + text.slice(last);
}

/** Finds inline directives in a chunk's lines, replaces them by placeholders; returns the chunk's text. */
export function scanInline(lines: SrcLine[], found: InlineUse[], context: ProseContext, file: string, stats?: { steps: number }): string {
  return lines.map((l) => (l.code ? l.text : scanLine(l, found, context, file, stats))).join('\n');
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
