// What a step does once its checkpoint is shown: stay frozen, play (not under reduced motion), or take one manual
// step narrated in slow motion (a plain step under reduced motion). Stops as soon as a newer step takes the lab.
import type { LessonLab } from './lab';
import { ARRIVAL_PAUSE_MS, SUBSTEP_MS } from './motion';
import type { StepState } from './step-state';
import type { Turn } from './turns';

/**
 * Slow-motion sub-steps a manual step walks: the whole narrated iteration for `both`, up to and including "Update D"
 * for `d` (the lab's plan, src/lab/slow-motion-plan.ts; a unit test keeps these in step with it).
 */
export const NARRATED_SUBSTEPS = { both: 13, d: 8 } as const;

export async function arrive(lab: LessonLab, state: StepState, turn: Turn, reduced: boolean): Promise<void> {
  if (state.mode === 'play') {
    if (!reduced) lab.play();
    return;
  }
  const which = state.manualStep;
  if (!which) return;
  await turn.sleep(reduced ? ARRIVAL_PAUSE_MS.reduced : ARRIVAL_PAUSE_MS.normal);
  if (!turn.live) return;
  if (reduced) await lab.step(which);
  else if (which === 'g') await narrateG(lab, state, turn);
  else await narrate(lab, state, turn, NARRATED_SUBSTEPS[which]);
}

/** Slow motion narrates D's turn first; for a lone G step, light the G path by hand, then step. */
async function narrateG(lab: LessonLab, state: StepState, turn: Turn): Promise<void> {
  for (const part of ['gForward', 'gBackward'] as const) {
    lab.highlight(part);
    await turn.sleep(SUBSTEP_MS * 1.5);
    if (!turn.live) return;
  }
  await lab.step('g');
  if (turn.live) lab.highlight(state.highlight);
}

/**
 * The lab narrates as playing (its button reads Pause): pausing it there stops the narration where it is, and the
 * reader goes on by hand (next sub-step, the chips) or with Play.
 */
async function narrate(lab: LessonLab, state: StepState, turn: Turn, count: number): Promise<void> {
  const told = await lab.narrate(count, SUBSTEP_MS);
  if (!told || !turn.live) return;
  await turn.sleep(SUBSTEP_MS);
  if (!turn.live) return;
  lab.stopSlowMotion();
  lab.highlight(state.highlight);
}
