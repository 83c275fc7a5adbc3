// The directive registry: every directive the lesson compiler knows, in the order messages and docs list them.
// A new directive is one file in this folder plus one line in REGISTRY; the vocabulary (names, kinds, attribute
// lists), the compiled chapter's type and the docs check (tests/unit/lessons-docs.test.ts) follow from it.
import { didYouMean } from '../../lab/model/config';
import { listedNames } from '../attribute-checks';
import type { ErrorSink } from '../errors';
import { column } from './column';
import { compare } from './compare';
import { lab } from './lab';
import { sandbox } from './sandbox';
import { step } from './step';
import type { Checkpoint } from './step/index';
import type { Directive, DirectiveKind } from './types';
import { value } from './value';

export const REGISTRY = [lab, step, sandbox, value, compare, column] as const;

type Registered = (typeof REGISTRY)[number];
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

export type DirectiveName = Registered['name'];
/** The fields every directive adds to the compiled chapter. */
export type DirectiveOutputs = UnionToIntersection<ReturnType<Registered['output']>>;

const BY_NAME = new Map<string, Directive>(REGISTRY.map((d) => [d.name, d as Directive]));

/** Every directive and how it is written. */
export const DIRECTIVES = Object.fromEntries(REGISTRY.map((d) => [d.name, d.kind])) as { [D in Registered as D['name']]: D['kind'] };
export const DIRECTIVE_NAMES: DirectiveName[] = REGISTRY.map((d) => d.name);

export const directive = (name: string): Directive | undefined => BY_NAME.get(name);
export const kindOf = (name: string): DirectiveKind | undefined => BY_NAME.get(name)?.kind;

const PREFIX: Record<DirectiveKind, string> = { leaf: '::', container: ':::', inline: ':' };

/** How each directive is written, for messages and docs. */
export function directiveSyntax(name: string): string {
  const kind = kindOf(name);
  if (kind === 'leaf') return `::${name}{...}`;
  if (kind === 'container') return `:::${name}{...} ... :::`;
  if (kind === 'inline') return `:${name}[...]`;
  return name;
}

/** How the containers open, for "no space after :::". */
export const CONTAINER_SYNTAX = REGISTRY.filter((d) => d.kind === 'container')
  .map((d) => `:::${d.name}{...}`)
  .join(', ');

const ALL_DIRECTIVES = DIRECTIVE_NAMES.map(directiveSyntax).join(', ');

export function reportUnknownDirective(sink: ErrorSink, line: number, col: number, written: string, name: string): void {
  const s = didYouMean(name, DIRECTIVE_NAMES);
  const prefix = s ? PREFIX[kindOf(s)!] : '';
  sink.add(line, col, `unknown directive "${written}"`, { allowed: ALL_DIRECTIVES, suggestion: s ? prefix + s : undefined });
}

/** Attributes of `:::step` other than config keys. */
export const STEP_ATTRIBUTES: readonly string[] = listedNames(step.attributes);
/** Attributes of `::lab` other than config keys. */
export const LAB_ATTRIBUTES: readonly string[] = listedNames(lab.attributes);
/** Attributes of `:value`. */
export const VALUE_ATTRIBUTES: readonly string[] = listedNames(value.attributes);

/** A sequence of checkpoints to bake, chained like steps, and the directive that asked for it. */
export interface ChapterRun {
  by: string;
  checkpoints: readonly Checkpoint[];
}

/** Every run a compiled chapter asks the build to bake, in registry order (the steps' among them). */
export function chapterRuns(chapter: DirectiveOutputs): ChapterRun[] {
  const runs: ChapterRun[] = [];
  for (const d of REGISTRY as readonly Directive[]) for (const checkpoints of d.runs?.(chapter) ?? []) runs.push({ by: d.name, checkpoints });
  return runs;
}
