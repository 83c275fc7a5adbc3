// A small scanner for the generic directive syntax's label and attributes: `[label]{a=b c="d e" f='g' flag #id .class}`.
// Quoted values may hold `}` and `]`; a value cannot hold its own quote character (use the other quote).
import type { ErrorSink } from './errors';
import { AT_ATTR, IN_JUNK, type LineScan, type ListState } from './line-scan';

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

/** One tail's read: the line, where errors go, and what the line's other reads learnt. */
interface Read {
  text: string;
  line: number;
  sink: ErrorSink;
  scan?: LineScan;
  /** The caller keeps no errors if the tail fails, so the read may stop where an earlier one failed. */
  quiet: boolean;
  /** How far the read looked (for LineScan.steps). */
  reach: number;
  /** The failure states (LineScan.failed) this read passed through. */
  passed: number[];
}

/** Notes that the read passes (i, state); false when an earlier read failed from there (this one will too). */
function visit(r: Read, i: number, state: ListState): boolean {
  if (!r.scan) return true;
  if (r.quiet && r.scan.failed(i, state)) {
    r.reach = i;
    return false;
  }
  r.passed.push(i * 2 + state);
  return true;
}

/** Reads `[label]` at `open`: the label and the index past `]`, or null (reported) when it never closes. */
function readLabel(r: Read, open: number): { label: Label; end: number } | null {
  const { text, line } = r;
  let i: number;
  // The line's bracket matches, found once; a `[` after a backslash is escaped, so never a label's opening there.
  if (r.scan && text[open - 1] !== '\\') {
    i = r.scan.labelEnd(open);
    if (i < 0) {
      r.reach = open + 1;
      i = text.length;
    }
  } else {
    let depth = 0;
    for (i = open + 1; i < text.length; i++) {
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
    r.reach = Math.min(i, text.length);
  }
  if (i >= text.length) {
    r.sink.add(line, open + 1, 'unclosed "[": the label has no closing "]" on this line');
    return null;
  }
  return { label: { text: text.slice(open + 1, i), line, col: open + 2 }, end: i + 1 };
}

/** After an unexpected character: the index of the next space or the end of the list (quoted runs skipped); -1
 * where an earlier read failed from here. */
function skipJunk(r: Read, i: number): number {
  const { text } = r;
  i++;
  while (i < text.length && !/[\s}]/.test(text[i])) {
    if (!visit(r, i, IN_JUNK)) return -1;
    if (text[i] === '"' || text[i] === "'") {
      const close = text.indexOf(text[i], i + 1);
      i = close < 0 ? text.length : close;
    }
    i++;
  }
  return i;
}

/** Reads `#id` or `.class` at `start`; returns the index past it. */
function readShorthand(r: Read, start: number, attrs: Attr[]): number {
  const { text, line } = r;
  const c = text[start];
  let i = start + 1;
  const vStart = i;
  while (i < text.length && !UNQUOTED_STOP.test(text[i])) i++;
  const v = text.slice(vStart, i);
  if (!v) r.sink.add(line, start + 1, `"${c}" must be followed by ${c === '#' ? 'an id' : 'a class name'}`);
  else attrs.push({ name: c === '#' ? 'id' : 'class', value: v, form: c === '#' ? 'id' : 'class', line, col: start + 1, valueCol: vStart + 1 });
  return i;
}

/** Reads `name`, `name=value` or `name="value"` at `start`; returns the index past it, or -1 on an unclosed quote. */
function readPair(r: Read, start: number, attrs: Attr[]): number {
  const { text, line, sink } = r;
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

/** The attribute list opening at `open` cannot be read to its end: -1, and the states passed lead to failure. */
function listFails(r: Read, open: number, unclosed: boolean): number {
  if (unclosed) r.sink.add(r.line, open + 1, 'unclosed "{": the attribute list has no closing "}" on this line');
  r.scan?.markFailed(r.passed);
  return -1;
}

/** Reads `{attrs}` at `open`: the index past `}`, or -1 (reported) when the list cannot be read to its end. */
function readAttrList(r: Read, open: number, attrs: Attr[]): number {
  const { text, line, sink } = r;
  r.reach = text.length;
  let i = open + 1;
  for (;;) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (i >= text.length || !visit(r, i, AT_ATTR)) return listFails(r, open, true);
    const c = text[i];
    if (c === '}') return i + 1;
    if (c === '#' || c === '.') i = readShorthand(r, i, attrs);
    else if (!NAME_START.test(c)) {
      sink.add(line, i + 1, `unexpected ${JSON.stringify(c)} in the attribute list`, {
        allowed: 'name=value, name="value with spaces", a bare flag, #id or .class',
      });
      // Skip to the next space or the end of the list, and go on reading.
      i = skipJunk(r, i);
      if (i < 0) return listFails(r, open, true);
    } else {
      i = readPair(r, i, attrs);
      if (i < 0) return listFails(r, open, false);
    }
  }
}

/** `t`, once the characters its read examined are counted. */
function counted(r: Read, pos: number, t: Tail): Tail {
  if (r.scan) r.scan.steps += (t.ok ? t.end : r.reach) - pos;
  return t;
}

/**
 * Reads an optional `[label]` then an optional `{attrs}` from `text` at `pos`. `line` is the 1-based line number
 * and columns are `index + 1` (so `text` must be the whole line). With `scan`, the line's reads share what they
 * learn (linear time per line); `quiet`: the caller drops the errors if the tail fails (prose that only looks like
 * a directive), so a read may stop early where an earlier one failed.
 */
export function readTail(text: string, pos: number, line: number, sink: ErrorSink, scan?: LineScan, quiet = false): Tail {
  const r: Read = { text, line, sink, scan, quiet, reach: pos, passed: [] };
  const attrs: Attr[] = [];
  let label: Label | undefined;
  let i = pos;
  if (text[i] === '[') {
    const l = readLabel(r, i);
    if (!l) return counted(r, pos, { attrs, end: text.length, ok: false });
    label = l.label;
    i = l.end;
  }
  if (text[i] === '{') {
    const end = readAttrList(r, i, attrs);
    if (end < 0) return counted(r, pos, { label, attrs, end: text.length, ok: false });
    i = end;
  }
  return counted(r, pos, { label, attrs, end: i, ok: true });
}
