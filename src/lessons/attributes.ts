// A small scanner for the generic directive syntax's label and attributes: `[label]{a=b c="d e" f='g' flag #id .class}`.
// Quoted values may hold `}` and `]`; a value cannot hold its own quote character (use the other quote).
import type { ErrorSink } from './errors';

export interface Attr {
  /** The attribute's name; `id` for `#x`, `class` for `.x`. */
  name: string;
  /** The value as written (unquoted); `true` for a bare flag. */
  value: string | true;
  /** How it was written. */
  form: 'pair' | 'flag' | 'id' | 'class';
  line: number;
  /** Column of the attribute's first character. */
  col: number;
  /** Column of the value's first character (inside the quotes, if quoted). */
  valueCol: number;
}

export interface Label {
  text: string;
  line: number;
  /** Column of the label's first character (after `[`). */
  col: number;
}

export interface Tail {
  label?: Label;
  attrs: Attr[];
  /** Index just past what was read. */
  end: number;
  /** False when the label or attribute list could not be read to its end. */
  ok: boolean;
}

const NAME_START = /[A-Za-z_:]/;
const NAME_CHAR = /[\w.:-]/;
const UNQUOTED_STOP = /[\s"'=<>`}]/;

/** Reads `[label]` at `open`: the label and the index past `]`, or null (reported) when it never closes. */
function readLabel(text: string, open: number, line: number, sink: ErrorSink): { label: Label; end: number } | null {
  let depth = 0;
  let i = open + 1;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '[') depth++;
    else if (c === ']') {
      if (depth === 0) break;
      depth--;
    }
  }
  if (i >= text.length) {
    sink.add(line, open + 1, 'unclosed "[": the label has no closing "]" on this line');
    return null;
  }
  return { label: { text: text.slice(open + 1, i), line, col: open + 2 }, end: i + 1 };
}

/** After an unexpected character: the index of the next space or the end of the list (quoted runs skipped). */
function skipJunk(text: string, i: number): number {
  i++;
  while (i < text.length && !/[\s}]/.test(text[i])) {
    if (text[i] === '"' || text[i] === "'") {
      const close = text.indexOf(text[i], i + 1);
      i = close < 0 ? text.length : close;
    }
    i++;
  }
  return i;
}

/** Reads `#id` or `.class` at `start`; returns the index past it. */
function readShorthand(text: string, start: number, line: number, attrs: Attr[], sink: ErrorSink): number {
  const c = text[start];
  let i = start + 1;
  const vStart = i;
  while (i < text.length && !UNQUOTED_STOP.test(text[i])) i++;
  const v = text.slice(vStart, i);
  if (!v) sink.add(line, start + 1, `"${c}" must be followed by ${c === '#' ? 'an id' : 'a class name'}`);
  else attrs.push({ name: c === '#' ? 'id' : 'class', value: v, form: c === '#' ? 'id' : 'class', line, col: start + 1, valueCol: vStart + 1 });
  return i;
}

/** Reads `name`, `name=value` or `name="value"` at `start`; returns the index past it, or -1 on an unclosed quote. */
function readPair(text: string, start: number, line: number, attrs: Attr[], sink: ErrorSink): number {
  let i = start;
  while (i < text.length && NAME_CHAR.test(text[i])) i++;
  const name = text.slice(start, i);
  let j = i;
  while (j < text.length && (text[j] === ' ' || text[j] === '\t')) j++;
  if (text[j] !== '=') {
    attrs.push({ name, value: true, form: 'flag', line, col: start + 1, valueCol: start + 1 });
    return i;
  }
  j++;
  while (j < text.length && (text[j] === ' ' || text[j] === '\t')) j++;
  const q = text[j];
  if (q === '"' || q === "'") {
    const close = text.indexOf(q, j + 1);
    if (close < 0) {
      sink.add(line, j + 1, `unclosed quote: the value of "${name}" has no closing ${q} on this line`);
      return -1;
    }
    attrs.push({ name, value: text.slice(j + 1, close), form: 'pair', line, col: start + 1, valueCol: j + 2 });
    return close + 1;
  }
  const vStart = j;
  while (j < text.length && !UNQUOTED_STOP.test(text[j])) j++;
  if (j === vStart) sink.add(line, start + 1, `"${name}=" has no value`, { allowed: `${name}=value or ${name}="value with spaces"` });
  else attrs.push({ name, value: text.slice(vStart, j), form: 'pair', line, col: start + 1, valueCol: vStart + 1 });
  return j;
}

/** Reads `{attrs}` at `open`: the index past `}`, or -1 (reported) when the list cannot be read to its end. */
function readAttrList(text: string, open: number, line: number, attrs: Attr[], sink: ErrorSink): number {
  let i = open + 1;
  for (;;) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (i >= text.length) {
      sink.add(line, open + 1, 'unclosed "{": the attribute list has no closing "}" on this line');
      return -1;
    }
    const c = text[i];
    if (c === '}') return i + 1;
    if (c === '#' || c === '.') i = readShorthand(text, i, line, attrs, sink);
    else if (!NAME_START.test(c)) {
      sink.add(line, i + 1, `unexpected ${JSON.stringify(c)} in the attribute list`, {
        allowed: 'name=value, name="value with spaces", a bare flag, #id or .class',
      });
      // Skip to the next space or the end of the list, and go on reading.
      i = skipJunk(text, i);
    } else {
      i = readPair(text, i, line, attrs, sink);
      if (i < 0) return -1;
    }
  }
}

/**
 * Reads an optional `[label]` then an optional `{attrs}` from `text` at `pos`. `line` is the 1-based line number
 * and columns are `index + 1` (so `text` must be the whole line).
 */
export function readTail(text: string, pos: number, line: number, sink: ErrorSink): Tail {
  const attrs: Attr[] = [];
  let label: Label | undefined;
  let i = pos;
  if (text[i] === '[') {
    const r = readLabel(text, i, line, sink);
    if (!r) return { attrs, end: text.length, ok: false };
    label = r.label;
    i = r.end;
  }
  if (text[i] === '{') {
    const end = readAttrList(text, i, line, attrs, sink);
    if (end < 0) return { label, attrs, end: text.length, ok: false };
    i = end;
  }
  return { label, attrs, end: i, ok: true };
}
