// The block scanner: a chapter body's lines -> a tree of Markdown chunks and block directives (leaves and
// containers), with every syntax error. Code fences hide directives. What each directive means is not its concern:
// it asks the registry only how a name is written (leaf, container or inline).
import { readTail, type Tail } from './attributes';
import { kindOf, CONTAINER_SYNTAX, reportUnknownDirective } from './directives/index';
import type { DirectiveNode } from './directives/types';
import type { ErrorSink } from './errors';

export interface SrcLine {
  text: string;
  no: number;
  /** Inside a fenced code block (fence lines included): no directives here. */
  code: boolean;
}
export interface MdNode {
  kind: 'md';
  lines: SrcLine[];
}
export type Node = MdNode | DirectiveNode;

interface OpenContainer {
  name: string;
  fence: number;
  line: number;
  col: number;
  /** The node its content goes into; null: the content joins the enclosing container (unknown or nested). */
  node: DirectiveNode | null;
}

const FENCE_OPEN = /^(\s*)(`{3,}|~{3,})(.*)$/;
const CLOSE_LINE = /^( {0,3})(:{3,})\s*$/;
const CONTAINER_LINE = /^( {0,3})(:{3,})([A-Za-z][\w-]*)/;
const SPACED_CONTAINER = /^( {0,3})(:{3,})[ \t]+[A-Za-z]/;
const LEAF_LINE = /^( {0,3})::([A-Za-z][\w-]*)/;

class BlockScanner {
  readonly root: Node[] = [];
  private readonly stack: OpenContainer[] = [];
  private fence: { ch: string; len: number; line: number; col: number } | null = null;

  constructor(private readonly sink: ErrorSink) {}

  /** Where content goes now: the innermost open container that has a node, else the top level. */
  private target(): Node[] {
    for (let i = this.stack.length - 1; i >= 0; i--) if (this.stack[i].node) return this.stack[i].node!.children!;
    return this.root;
  }

  private addMd(l: SrcLine): void {
    const t = this.target();
    const last = t[t.length - 1];
    if (last && last.kind === 'md') last.lines.push(l);
    else t.push({ kind: 'md', lines: [l] });
  }

  private trailing(text: string, tail: Tail, line: number, what: string): void {
    if (tail.ok && text.slice(tail.end).trim()) {
      const col = tail.end + (text.slice(tail.end).length - text.slice(tail.end).trimStart().length) + 1;
      this.sink.add(line, col, `unexpected text after ${what}: a block directive stands alone on its line`);
    }
  }

  private leaf(name: string, line: number, col: number, tail: Tail): void {
    this.target().push({ kind: 'directive', name, line, col, tail, children: null });
  }

  private openContainer(name: string, line: number, col: number, fenceLen: number, tail: Tail): void {
    const enclosing = this.stack.find((c) => c.name === name);
    if (enclosing) {
      this.sink.add(line, col, `a ${name} cannot hold another ${name} (the ${name} opened on line ${enclosing.line} is still open; close it with ":::" first)`);
      this.stack.push({ name, fence: fenceLen, line, col, node: null });
      return;
    }
    const node: DirectiveNode = { kind: 'directive', name, line, col, tail, children: [] };
    this.target().push(node);
    this.stack.push({ name, fence: fenceLen, line, col, node });
  }

  /** Inside a code fence, or opening one: true when the line was taken as code. */
  private codeLine(l: SrcLine): boolean {
    if (this.fence) {
      this.addMd({ ...l, code: true });
      const m = /^\s*(`{3,}|~{3,})\s*$/.exec(l.text);
      if (m && m[1][0] === this.fence.ch && m[1].length >= this.fence.len) this.fence = null;
      return true;
    }
    const f = FENCE_OPEN.exec(l.text);
    if (f && !(f[2][0] === '`' && f[3].includes('`'))) {
      this.fence = { ch: f[2][0], len: f[2].length, line: l.no, col: f[1].length + 1 };
      this.addMd({ ...l, code: true });
      return true;
    }
    return false;
  }

  private closeLine(m: RegExpExecArray, no: number): void {
    const col = m[1].length + 1;
    const top = this.stack[this.stack.length - 1];
    if (!top) this.sink.add(no, col, 'stray ":::": there is no open container to close');
    else if (m[2].length < top.fence) {
      this.sink.add(no, col, `"${m[2]}" cannot close "${':'.repeat(top.fence)}${top.name}" (line ${top.line}): a closing fence needs at least ${top.fence} colons`);
    } else this.stack.pop();
  }

  private containerLine(m: RegExpExecArray, text: string, no: number): void {
    const col = m[1].length + 1;
    const name = m[3];
    const tail = readTail(text, m[0].length, no, this.sink);
    this.trailing(text, tail, no, `${m[2]}${name}`);
    const kind = kindOf(name);
    if (kind === 'container') this.openContainer(name, no, col, m[2].length, tail);
    else if (kind === 'leaf') {
      this.sink.add(no, col, `"${name}" is a leaf directive, not a container: write ::${name}{...} alone on its line, with no closing ":::"`);
      this.leaf(name, no, col, tail);
    } else if (kind === 'inline') {
      this.sink.add(no, col, `"${name}" is an inline directive: write :${name}[...] inside a sentence`);
    } else {
      reportUnknownDirective(this.sink, no, col, `${m[2]}${name}`, name);
      this.stack.push({ name, fence: m[2].length, line: no, col, node: null });
    }
  }

  private leafLine(m: RegExpExecArray, text: string, no: number): void {
    const col = m[1].length + 1;
    const name = m[2];
    const tail = readTail(text, m[0].length, no, this.sink);
    this.trailing(text, tail, no, `::${name}`);
    const kind = kindOf(name);
    if (kind === 'leaf') this.leaf(name, no, col, tail);
    else if (kind === 'container') {
      this.sink.add(no, col, `"${name}" is a container: open it with :::${name}{...} and close it with a line ":::"`);
      this.openContainer(name, no, col, 3, tail);
    } else if (kind === 'inline') {
      this.sink.add(no, col, `"${name}" is an inline directive: write :${name}[...] inside a sentence`);
    } else reportUnknownDirective(this.sink, no, col, `::${name}`, name);
  }

  line(l: SrcLine): void {
    if (this.codeLine(l)) return;
    const { text, no } = l;
    let m: RegExpExecArray | null;
    if ((m = CLOSE_LINE.exec(text))) this.closeLine(m, no);
    else if ((m = CONTAINER_LINE.exec(text))) this.containerLine(m, text, no);
    else if ((m = SPACED_CONTAINER.exec(text))) {
      this.sink.add(no, m[1].length + 1, 'no space is allowed between ":::" and the directive\'s name', { allowed: CONTAINER_SYNTAX });
    } else if ((m = LEAF_LINE.exec(text))) this.leafLine(m, text, no);
    else this.addMd(l);
  }

  /** Reports every container still open at the end. */
  finish(): void {
    for (const c of this.stack) {
      let msg = `unclosed "${':'.repeat(c.fence)}${c.name}": close it with a line holding only "${':'.repeat(c.fence)}"`;
      if (this.fence) msg += ` (the code fence opened on line ${this.fence.line} is never closed and hides everything after it)`;
      this.sink.add(c.line, c.col, msg);
    }
  }
}

/** The body's block structure. Unknown and misplaced directives are reported and dropped (their content stays). */
export function scanBlocks(bodyLines: SrcLine[], sink: ErrorSink): Node[] {
  const s = new BlockScanner(sink);
  for (const l of bodyLines) s.line(l);
  s.finish();
  return s.root;
}
