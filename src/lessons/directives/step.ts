// `:::step{...}` ... `:::`: a scroll checkpoint. Its attributes come from the step parts (./step/), plus its
// anchor and classes here, plus any config key; every step's state is resolved statically, in document order.
import { changeEffect, changedPaths } from '../../lab/model/config';
import type { Attr } from '../attributes';
import { NAME, checkDuplicates, listedNames, readAttributes, stringOf } from '../attribute-checks';
import { applyConfigAttrs } from '../config-attrs';
import { escapeHtml, type ErrorSink } from '../errors';
import { checkColumnClaims, checkFigureSteps } from './step/compare';
import { STEP_PARTS, type Checkpoint, type CompiledStep, type StepActions } from './step/index';
import type { StepContext } from './step/part';
import { defineContainer, type AttributeDef, type AttributeSpec, type ChapterScope, type DirectiveNode, type ProseContext } from './types';

interface StepDraft extends Omit<CompiledStep, 'html'> {
  classes: string[];
  idAttr?: Attr;
  html: string;
}
interface State {
  steps: StepDraft[];
  byNode: Map<DirectiveNode, StepDraft>;
  labMissingReported: boolean;
}
interface Anchor {
  id?: Attr;
  classes: string[];
}

const ANCHOR_ATTRIBUTES: readonly AttributeDef<Anchor>[] = [
  {
    name: 'id',
    value: 'name',
    written: '`id` (or `#anchor`)',
    allowed: 'a letter, then letters, digits, `-`, `_`',
    doc: 'the step\'s anchor for deep links; default `step-<n>` with `n` counting from 1 (the first step is `#step-1`, `data-step="0"`)',
    read(a, d, sink) {
      if (!NAME.test(stringOf(a))) sink.add(a.line, a.valueCol, `bad step id "${stringOf(a)}"`, { allowed: 'a letter, then letters, digits, "-" or "_"' });
      else d.id = a;
    },
  },
  {
    name: 'class',
    value: 'name',
    written: '`.class`',
    listed: false,
    allowed: 'a class name',
    doc: 'an extra CSS class on the section',
    read(a, d, sink) {
      if (!NAME.test(stringOf(a))) sink.add(a.line, a.valueCol, `bad class name "${stringOf(a)}"`, { allowed: 'a letter, then letters, digits, "-" or "_"' });
      else d.classes.push(stringOf(a));
    },
  },
];

const ATTRIBUTES: readonly AttributeSpec[] = [...STEP_PARTS.flatMap((p) => p.attributes as readonly AttributeSpec[]), ...ANCHOR_ATTRIBUTES];
const LISTED = listedNames(ATTRIBUTES);

/** Checks the step's place in the chapter. */
function checkPlace(n: DirectiveNode, state: State, scope: ChapterScope): void {
  const sink = scope.sink;
  if (!scope.lab && !state.labMissingReported) {
    sink.add(n.line, n.col, 'a step needs a ::lab before it, to set the chapter\'s starting configuration', { allowed: '::lab{preset=standard} or ::lab{distribution=... seed=...}' });
    state.labMissingReported = true;
  }
  if (scope.sandboxLine !== null) sink.add(n.line, n.col, `a step after ::sandbox (line ${scope.sandboxLine}): the sandbox comes last`);
  if (n.tail.label) sink.add(n.tail.label.line, n.tail.label.col - 1, ':::step takes no [label]; put the text inside the step');
}

/** Reads the attributes into each part's draft and the anchor; returns the config-key attributes. */
function readStepAttributes(n: DirectiveNode, drafts: unknown[], anchor: Anchor, sink: ErrorSink): Attr[] {
  const own = new Map<string, (a: Attr) => void>();
  STEP_PARTS.forEach((p, i) => {
    for (const def of p.attributes as readonly AttributeDef<unknown>[]) own.set(def.name, (a) => def.read(a, drafts[i], sink));
  });
  for (const def of ANCHOR_ATTRIBUTES) own.set(def.name, (a) => def.read(a, anchor, sink));
  const attrs = checkDuplicates(n.tail.attrs, sink, ':::step');
  return readAttributes(attrs, own, { name: ':::step', listed: LISTED, configKeys: true }, sink).config;
}

/** Every part's actions, in order, from its draft and the previous step's actions. */
function resolveParts(drafts: unknown[], at: StepContext, prev: StepActions | null): Omit<StepActions, 'changes' | 'restart'> {
  const out: Record<string, unknown> = {};
  STEP_PARTS.forEach((p, i) => {
    // The parts' types differ; each sees only its own draft and its own previous actions.
    const part = p as unknown as { resolve(d: unknown, at: StepContext, prev: unknown): object };
    Object.assign(out, part.resolve(drafts[i], at, prev));
  });
  return out as Omit<StepActions, 'changes' | 'restart'>;
}

function readStep(n: DirectiveNode, state: State, scope: ChapterScope): ProseContext {
  const sink = scope.sink;
  const index = state.steps.length;
  checkPlace(n, state, scope);
  const drafts: unknown[] = STEP_PARTS.map((p) => p.draft());
  const anchor: Anchor = { classes: [] };
  const configAttrs = readStepAttributes(n, drafts, anchor, sink);
  STEP_PARTS.forEach((p, i) => (p as unknown as { check?(d: unknown, sink: ErrorSink): void }).check?.(drafts[i], sink));
  const prevConfig = scope.config;
  const config = applyConfigAttrs(prevConfig, configAttrs, sink, n);
  const changes = changedPaths(prevConfig, config);
  const restart = index === 0 || changes.some((p) => changeEffect(p) === 'restart');
  const prev = state.steps[index - 1]?.actions ?? null;
  const actions: StepActions = { ...resolveParts(drafts, { index, config, restart, figures: scope.figures, sink }, prev), changes, restart };
  const figure = actions.compare ? (scope.figures.get(actions.compare) ?? null) : null;
  checkColumnClaims(actions.expect, figure, sink);
  const draft: StepDraft = { index, id: anchor.id ? stringOf(anchor.id) : `step-${index + 1}`, line: n.line, config, actions, classes: anchor.classes, idAttr: anchor.id, html: '' };
  state.steps.push(draft);
  state.byNode.set(n, draft);
  scope.config = config;
  scope.steps = state.steps.length;
  for (const c of n.children ?? []) {
    if (c.kind === 'directive') sink.add(c.line, c.col, `::${c.name} cannot stand inside a step: put it between steps`);
  }
  return { config, step: index, figure };
}

/** Step ids are unique in the chapter. */
function checkIds(state: State, sink: ErrorSink): void {
  const ids = new Map<string, number>();
  for (const s of state.steps) {
    const first = ids.get(s.id);
    if (first !== undefined) {
      const at = s.idAttr ?? { line: s.line, col: 1 };
      sink.add(at.line, at.col, `duplicate step id "${s.id}" (also the id of step ${first + 1}, line ${state.steps[first].line})`);
    } else ids.set(s.id, s.index);
  }
}

export interface StepOutput {
  steps: CompiledStep[];
}

export const step = defineContainer<StepOutput>()({
  name: 'step',
  kind: 'container',
  summary: 'a scroll checkpoint',
  attributes: ATTRIBUTES,
  configKeys: 'change the config from this step on (e.g. `discriminator.learningRate=0.5`)',
  init: (): State => ({ steps: [], byNode: new Map(), labMissingReported: false }),
  read: readStep,
  afterBlocks: (state, scope) => {
    checkIds(state, scope.sink);
    checkFigureSteps(state.steps, scope.figures, scope.sink);
  },
  render(n, state, inner) {
    const s = state.byNode.get(n);
    if (!s) return '';
    s.html = inner;
    const cls = ['step', ...s.classes].map(escapeHtml).join(' ');
    return `<section class="${cls}" data-step="${s.index}" id="${escapeHtml(s.id)}">\n${inner}</section>\n`;
  },
  output: (state): StepOutput => ({ steps: state.steps.map(({ classes: _c, idAttr: _i, ...rest }) => rest) }),
  // A step showing a figure is still a checkpoint of the chapter's run (later steps go on from it); its claims are
  // about the figure's columns (src/lessons/figure-runs.ts).
  runs: (out) => [out.steps.map((s): Checkpoint => (s.actions.compare ? { ...s, actions: { ...s.actions, expect: [] } } : s))],
});
