// The lesson compiler: a chapter's Markdown with directives -> page HTML, a resolved step script, and every error.
// Pure TypeScript: no DOM, no tfjs, no Astro. Every step's state is resolved statically (principle 2).
//
// Four passes: the block scanner (./block-scan.ts) builds the tree; each block directive reads itself, in
// document order (./directives/); the prose goes through marked, with inline directives (./inline-scan.ts)
// swapped out and back in; then the page HTML is assembled and every directive adds its fields to the result.
import { DEFAULT_CONFIG } from '../lab/model/config';
import { scanBlocks, type MdNode, type Node, type SrcLine } from './block-scan';
import { REGISTRY, directive, type DirectiveOutputs } from './directives/index';
import type { ChapterScope, Directive, DirectiveNode, InlineUse, ProseContext } from './directives/types';
import { ErrorSink, escapeHtml, sortErrors, type LessonError } from './errors';
import { parseFrontmatter, type Frontmatter } from './frontmatter';
import { compileInline, scanInline } from './inline-scan';
import { renderChunks, substitute } from './markdown';

export type { CompiledStep, StepActions } from './directives/step/index';
export type { LiveValue } from './directives/value';

export type CompiledChapter = {
  file: string;
  html: string;
  /** Validated frontmatter; null when it has errors. */
  frontmatter: Frontmatter | null;
  errors: LessonError[];
} & DirectiveOutputs;

/** One chapter's compile: the shared scope, each directive's state, and where each prose chunk stands. */
class ChapterCompile {
  readonly scope: ChapterScope;
  private readonly states = new Map<string, unknown>();
  readonly chunks = new Map<MdNode, ProseContext>();

  constructor(file: string, sink: ErrorSink) {
    this.scope = { file, sink, config: DEFAULT_CONFIG, lab: null, steps: 0, sandboxLine: null, figures: new Map() };
    for (const d of REGISTRY as readonly Directive[]) this.states.set(d.name, d.init());
  }

  stateOf = (name: string): unknown => this.states.get(name);

  /** Block directives read themselves in document order; prose remembers the config and step it stands in. */
  readBlocks(nodes: Node[]): void {
    for (const n of nodes) {
      if (n.kind === 'md') this.chunks.set(n, { config: this.scope.config, step: null });
      else this.readBlock(n);
    }
    for (const d of REGISTRY as readonly Directive[]) d.afterBlocks?.(this.stateOf(d.name), this.scope);
  }

  private readBlock(n: DirectiveNode): void {
    const d = directive(n.name);
    if (d?.kind === 'leaf') d.read(n, this.stateOf(d.name), this.scope);
    else if (d?.kind === 'container') {
      const context = d.read(n, this.stateOf(d.name), this.scope);
      for (const c of n.children ?? []) if (c.kind === 'md') this.chunks.set(c, context);
    }
  }

  /** Every prose chunk's HTML: inline directives become placeholders, chunks go through marked, then come back. */
  renderProse(): Map<MdNode, string> {
    const mdNodes = [...this.chunks.keys()];
    const found: InlineUse[] = [];
    const chunkSrc = mdNodes.map((node) => scanInline(node.lines, found, this.chunks.get(node)!, this.scope.file));
    const rendered = renderChunks(chunkSrc);
    const htmlOf = new Map<MdNode, string>();
    mdNodes.forEach((node, i) => {
      const r = substitute(
        rendered[i],
        (id) => found[id].raw,
        (id) => compileInline(found[id], this.scope, this.stateOf) ?? escapeHtml(found[id].raw),
      );
      htmlOf.set(node, r.html);
    });
    return htmlOf;
  }

  /** The page HTML: prose as rendered, block directives as they render themselves. */
  renderNodes(nodes: Node[], htmlOf: Map<MdNode, string>): string {
    let html = '';
    for (const n of nodes) {
      if (n.kind === 'md') {
        html += htmlOf.get(n) ?? '';
        continue;
      }
      const d = directive(n.name);
      if (d?.kind === 'leaf') html += d.render(n, this.stateOf(d.name), this.scope);
      else if (d?.kind === 'container') html += d.render(n, this.stateOf(d.name), this.renderNodes(n.children ?? [], htmlOf));
    }
    return html;
  }

  outputs(): DirectiveOutputs {
    const out = {} as DirectiveOutputs;
    for (const d of REGISTRY as readonly Directive[]) Object.assign(out, d.output(this.stateOf(d.name), this.scope));
    return out;
  }
}

export function compileChapter(markdown: string, { file }: { file: string }): CompiledChapter {
  const source = markdown.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  // Columns are reported in code points, as an editor shows them (UTF-16 indices inside).
  const sink = new ErrorSink(file, source.split('\n'));
  const fm = parseFrontmatter(source, sink);
  const bodyLines: SrcLine[] = fm.body.split('\n').map((text, i) => ({ text, no: fm.bodyLine + i, code: false }));
  const nodes = scanBlocks(bodyLines, sink);
  const c = new ChapterCompile(file, sink);
  c.readBlocks(nodes);
  const html = c.renderNodes(nodes, c.renderProse());
  return { file, html, frontmatter: fm.data, errors: sortErrors(sink.errors), ...c.outputs() };
}
