// The step parts, in the order they resolve (and their actions appear in a step). A new step attribute is one
// file in this folder plus one line here; the compiled step's `actions`, the page's step script
// (src/lessons/page-data.ts) and the bake key follow from it.
import type { GanConfig } from '../../../lab/model/config';
import { arrival } from './arrival';
import { chart } from './chart';
import { compare } from './compare';
import { expect } from './expect';
import { highlight } from './highlight';
import { layers } from './layers';
import type { StepPart } from './part';
import { train } from './train';

export const STEP_PARTS = [train, arrival, layers, highlight, chart, compare, expect] as const;

type Part = (typeof STEP_PARTS)[number];
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type ActionsOf<P> = P extends StepPart<any, infer A, any, any> ? A : never;
type RuntimeOf<P> = P extends StepPart<any, any, infer R, any> ? R : never;
type CheckpointOf<P> = P extends StepPart<any, any, any, infer C> ? C : never;

/** What the step's config changes do (computed by the step itself, from its config keys). */
export interface ConfigActions {
  /** Config paths that differ from the previous step's config (from the `::lab` config on the first step). */
  changes: string[];
  /** Build a fresh trainer from `config` (the first step, or a change that restarts, e.g. `seed`). */
  restart: boolean;
}

/** A step's actions: every part's, then its config changes'. */
export type StepActions = UnionToIntersection<ActionsOf<Part>> & ConfigActions;

export interface CompiledStep {
  /** 0-based position in the chapter; the page's `data-step`. */
  index: number;
  /** The step's anchor (`id=`, or `step-<index + 1>`). */
  id: string;
  /** Line of the `:::step` directive. */
  line: number;
  /** The full config at this step: `::lab`, then every step's changes up to and including this one. */
  config: GanConfig;
  actions: StepActions;
  /** The step's prose, rendered. */
  html: string;
}

/** What baking reads of a step: a state to train to and the claims to check there. */
export type Checkpoint = Pick<CompiledStep, 'index' | 'line' | 'config'> & {
  actions: Pick<StepActions, 'train' | 'restart' | 'expect'>;
  /** A comparison figure's column this checkpoint is baked for (its failed claims name it); not part of the bake key. */
  column?: string;
};

/** The actions the browser runtime reads. */
export type RuntimeActionKey = RuntimeOf<Part>;
export const RUNTIME_ACTIONS = STEP_PARTS.flatMap((p) => p.runtime as readonly RuntimeActionKey[]);

/** The actions a checkpoint depends on (besides its config, and the previous step's key unless it restarts). */
export type CheckpointActionKey = CheckpointOf<Part> | 'restart';
export const CHECKPOINT_ACTIONS: readonly CheckpointActionKey[] = [...STEP_PARTS.flatMap((p) => p.checkpoint as readonly CheckpointActionKey[]), 'restart'];

/** The named actions, in the order given. */
export function pickActions<K extends keyof StepActions>(actions: Pick<StepActions, K>, keys: readonly K[]): Pick<StepActions, K> {
  const out = {} as Pick<StepActions, K>;
  for (const k of keys) out[k] = actions[k];
  return out;
}
