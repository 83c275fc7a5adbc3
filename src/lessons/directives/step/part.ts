// What one step attribute (or a few that belong together) is: its rows of the attribute table, how each is read,
// rules across them, and the step actions it resolves. Each part is one file here, registered in ./index.ts.
import type { GanConfig } from '../../../lab/model/config';
import type { ErrorSink } from '../../errors';
import type { AttributeDef, FigureDef } from '../types';

/** What a part knows when it resolves its actions. */
export interface StepContext {
  /** The step's 0-based position. */
  index: number;
  /** The step's full config (its changes applied). */
  config: GanConfig;
  /** The step builds a fresh trainer (the first step, or a change that restarts). */
  restart: boolean;
  /** The `:::compare` figures defined above the step, by id. */
  figures: ReadonlyMap<string, FigureDef>;
  sink: ErrorSink;
}

/**
 * A step part with draft `D` (what its attributes read) and actions `A` (its fields of the step's actions).
 * `runtime`: the actions the browser reads (they go into the page's step script). `checkpoint`: the actions the
 * baked state depends on (they go into the bake key, src/lessons/bake-cache.ts).
 */
export interface StepPart<D, A extends object, R extends keyof A, C extends keyof A> {
  attributes: readonly AttributeDef<D>[];
  draft(): D;
  /** Rules across the part's attributes, once all are read (before the step's config changes apply). */
  check?(draft: D, sink: ErrorSink): void;
  /** The part's actions; `prev`: the previous step's (null on the first step), for what persists. */
  resolve(draft: D, at: StepContext, prev: A | null): A;
  runtime: readonly R[];
  checkpoint: readonly C[];
}

/** `defineStepPart<Actions>()({...})`: the actions type is given; the draft and key lists are inferred. */
export const defineStepPart =
  <A extends object>() =>
  <D, const R extends keyof A = never, const C extends keyof A = never>(p: StepPart<D, A, R, C>) =>
    p;
