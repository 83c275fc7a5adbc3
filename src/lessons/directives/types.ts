// The shape of a directive: how it is written, its attribute table (what the docs and messages list), and what it
// contributes to the compiled chapter. One file per directive under src/lessons/directives/, registered in index.ts.
import type { GanConfig } from '../../lab/model/config';
import type { Attr, Tail } from '../attributes';
import type { Node } from '../block-scan';
import type { ErrorSink, LessonError } from '../errors';
import type { Checkpoint, CompiledStep } from './step/index';

export type DirectiveKind = 'leaf' | 'container' | 'inline';

/** How an attribute's value is written (for docs and tools; each attribute's `read` does the checking). */
export type ValueKind = 'flag' | 'integer' | 'choice' | 'list' | 'claims' | 'name';

/** One row of a directive's attribute table. */
export interface AttributeSpec {
  name: string;
  value: ValueKind;
  /** The values a `choice` or the items a `list` may take. */
  values?: readonly string[];
  /** What the value may be, in words (the docs' "value" column). */
  allowed: string;
  /** One line for the docs' "meaning" column. */
  doc: string;
  /** How the docs write it, when not `name=...` (`#anchor`, `.class`). */
  written?: string;
  /** False: accepted, but not offered in "allowed" lists (`.class` is written as shorthand). */
  listed?: boolean;
}

/** An attribute a directive reads into its draft `D`, reporting its own errors. */
export interface AttributeDef<D> extends AttributeSpec {
  read(a: Attr, draft: D, sink: ErrorSink): void;
}

/** The chapter's `::lab`: its line, preset and the chapter's starting config. */
export interface LabInfo {
  line: number;
  preset: string | null;
  config: GanConfig;
}

/** A column of a `:::compare` figure: its label and the config changes it makes on top of the chapter's state. */
export interface FigureColumn {
  label: string;
  line: number;
  col: number;
  /** The column's config keys as written (`[path, value]`), applied over each step's config. */
  pairs: [string, string][];
}

/** A `:::compare` figure, once read: steps that name it (`compare=<id>`) show these columns side by side. */
export interface FigureDef {
  id: string;
  line: number;
  col: number;
  columns: FigureColumn[];
}

/** What directives tell each other while a chapter compiles, in document order. */
export interface ChapterScope {
  readonly file: string;
  readonly sink: ErrorSink;
  /** The config in effect here: the defaults, then the `::lab`'s, then each step's changes. */
  config: GanConfig;
  /** The first `::lab`, once read. */
  lab: LabInfo | null;
  /** Steps read so far. */
  steps: number;
  /** The line of the first `::sandbox`, once read. */
  sandboxLine: number | null;
  /** The `:::compare` figures read so far, by id. */
  figures: Map<string, FigureDef>;
}

/** Where a piece of prose stands: the config in effect and the step holding it (null outside steps). */
export interface ProseContext {
  config: GanConfig;
  step: number | null;
  /** The `:::compare` figure the step shows (`compare=<id>`), if any. */
  figure?: FigureDef | null;
}

/** A block directive in the document: a leaf (`children` null) or a container. */
export interface DirectiveNode {
  kind: 'directive';
  name: string;
  line: number;
  col: number;
  tail: Tail;
  children: Node[] | null;
}

/** An inline directive found in prose. */
export interface InlineUse {
  name: string;
  line: number;
  col: number;
  tail: Tail;
  /** The directive as written (shown escaped when it has errors). */
  raw: string;
  context: ProseContext;
  /** Errors from reading its label and attributes. */
  errors: LessonError[];
}

interface DirectiveBase<N extends string, S, O> {
  name: N;
  /** One line for the docs' heading (`## \`::lab\`: <summary>`). */
  summary: string;
  /** The attribute table (config keys aside). */
  attributes: readonly AttributeSpec[];
  /** Takes any config key as an attribute: what setting one does there (the docs' "any config key" row). */
  configKeys?: string;
  /** The directive's own state for one chapter. */
  init(): S;
  /** Rules over the whole chapter, once every block directive is read (before prose is rendered). */
  afterBlocks?(state: S, scope: ChapterScope): void;
  /** What it adds to the compiled chapter (its fields are merged into `CompiledChapter`). */
  output(state: S, scope: ChapterScope): O;
  /** The runs it asks the build to bake: each a sequence of checkpoints, chained like steps (given the whole chapter). */
  runs?(chapter: O & { steps: readonly CompiledStep[] }): readonly (readonly Checkpoint[])[];
}

export interface LeafDirective<N extends string, S, O> extends DirectiveBase<N, S, O> {
  kind: 'leaf';
  read(node: DirectiveNode, state: S, scope: ChapterScope): void;
  render(node: DirectiveNode, state: S, scope: ChapterScope): string;
}

export interface ContainerDirective<N extends string, S, O> extends DirectiveBase<N, S, O> {
  kind: 'container';
  /** Reads the directive and its block children; returns where its prose stands. */
  read(node: DirectiveNode, state: S, scope: ChapterScope): ProseContext;
  /** `inner`: its children, rendered. */
  render(node: DirectiveNode, state: S, inner: string): string;
}

export interface InlineDirective<N extends string, S, O> extends DirectiveBase<N, S, O> {
  kind: 'inline';
  /** The HTML that replaces it, or null when it has errors (it then shows as written, escaped). */
  read(use: InlineUse, state: S, scope: ChapterScope): string | null;
}

export type Directive<N extends string = string, S = any, O = any> = LeafDirective<N, S, O> | ContainerDirective<N, S, O> | InlineDirective<N, S, O>;

/** `defineLeaf<Output>()({...})`: the output type is given (it becomes fields of the compiled chapter); the name and state are inferred. */
export const defineLeaf =
  <O>() =>
  <const N extends string, S>(d: LeafDirective<N, S, O>) =>
    d;
export const defineContainer =
  <O>() =>
  <const N extends string, S>(d: ContainerDirective<N, S, O>) =>
    d;
export const defineInline =
  <O>() =>
  <const N extends string, S>(d: InlineDirective<N, S, O>) =>
    d;
