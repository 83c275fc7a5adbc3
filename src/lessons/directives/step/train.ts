// `train=N`: the step's checkpoint iteration.
import type { Attr } from '../../attributes';
import { stringOf } from '../../attribute-checks';
import { MAX_TRAIN } from '../../vocabulary';
import { defineStepPart } from './part';

export interface TrainAction {
  /**
   * The checkpoint's iteration: the step's state is the previous step's checkpoint (or a fresh trainer, when
   * `restart`) with this step's config, trained until this iteration. Inherited from the previous step when the
   * step gives no `train`; 0 on the first step.
   */
  train: number;
}

export const train = defineStepPart<TrainAction>()({
  draft: (): { attr?: Attr; value?: number } => ({}),
  attributes: [
    {
      name: 'train',
      value: 'integer',
      allowed: `an integer from 0 to ${MAX_TRAIN}`,
      doc: 'train until this iteration (absolute, not "N more"). Without it the step keeps the previous step\'s iteration (0 on the first step). It may not go back below the previous step\'s target, unless this step changes `seed` (which starts over).',
      read(a, d, sink) {
        const v = stringOf(a);
        if (!/^\d+$/.test(v) || Number(v) > MAX_TRAIN) {
          sink.add(a.line, a.col, a.value === true ? 'train needs an iteration: train=N' : `train=${v} is not an iteration from 0 to ${MAX_TRAIN}`, {
            allowed: `an integer from 0 to ${MAX_TRAIN}`,
          });
        } else {
          d.attr = a;
          d.value = Number(v);
        }
      },
    },
  ],
  resolve(d, at, prev): TrainAction {
    const before = prev?.train ?? 0;
    let target = d.value ?? before;
    if (!at.restart && d.attr && target < before) {
      at.sink.add(d.attr.line, d.attr.col, `train=${target} is before the previous step's ${before}`, {
        allowed: `an iteration of at least ${before} (train targets only go forward, unless the step changes seed and starts over)`,
      });
      target = before;
    }
    return { train: target };
  },
  runtime: ['train'],
  checkpoint: ['train'],
});
