// What the lab shows at a step, as a pure function of the step's index (DESIGN.md principle 2): the step's baked
// checkpoint, its layers, highlight and chart in front, and what it does once there. However the reader arrived (scrolling down or
// up, skipping steps, a deep link, a reload), showing step i is `showCheckpoint(lab, stepState(steps, i), ...)`.
import type { TrainerSnapshot } from '../../lab/model/types';
import type { RuntimeStep } from '../page-data';
import type { LessonLab } from './lab';

/** The step's runtime actions (every one a step part marks for the browser) and its snapshot. */
export type StepState = Omit<RuntimeStep, 'id' | 'config'>;

export function stepState(steps: readonly (RuntimeStep | null)[], i: number): StepState | null {
  const s = steps[i];
  if (!s) return null;
  const { id: _id, config: _config, ...state } = s;
  return state;
}

/**
 * Puts the lab at the step's checkpoint: paused, on the step's snapshot (unless the lab already holds exactly that
 * snapshot, as when it was just mounted with it), with the step's layers, highlight and chart. `live()`: whether the step
 * is still wanted after the snapshot and the layers have loaded (a newer step may have taken over).
 */
export async function showCheckpoint(lab: LessonLab, state: StepState, snap: TrainerSnapshot, holds: TrainerSnapshot | null, live: () => boolean): Promise<boolean> {
  lab.pause();
  if (holds !== snap) await lab.loadSnapshot(snap);
  if (!live()) return false;
  // A layer that needs more from the frame (D*) is read for before the layers change: shown once it is on screen.
  const layers = lab.setLayers(state.layers);
  lab.highlight(state.highlight);
  lab.showChart(state.chart);
  await layers;
  return live();
}
