// `freeze`, `play`, `step=d|g|both`: what the lab does once the step's checkpoint is shown.
import type { Attr } from '../../attributes';
import { choiceValue, flagValue } from '../../attribute-checks';
import { MANUAL_STEPS, type ManualStep } from '../../vocabulary';
import { defineStepPart } from './part';

export interface ArrivalActions {
  /** After arriving: stay at the checkpoint (`freeze`), or keep training live (`play`). */
  mode: 'freeze' | 'play';
  /** After arriving: one manual step in slow motion (`d`, `g`, or `both`), or none. */
  manualStep: ManualStep | null;
}

interface Draft {
  freeze?: Attr;
  play?: Attr;
  manual: ManualStep | null;
  manualAttr?: Attr;
}

export const arrival = defineStepPart<ArrivalActions>()({
  draft: (): Draft => ({ manual: null }),
  attributes: [
    {
      name: 'freeze',
      value: 'flag',
      allowed: 'flag',
      doc: 'after arriving, stay at the checkpoint (the default)',
      read(a, d, sink) {
        if (flagValue(a, sink)) d.freeze = a;
      },
    },
    {
      name: 'play',
      value: 'flag',
      allowed: 'flag',
      doc: 'after arriving, keep training live from the checkpoint; not with `freeze` or `step`',
      read(a, d, sink) {
        if (flagValue(a, sink)) d.play = a;
      },
    },
    {
      name: 'step',
      value: 'choice',
      values: MANUAL_STEPS,
      allowed: '`d`, `g` or `both`',
      doc: 'after arriving, take one manual step in slow motion: one discriminator step, one generator step, or one of each, narrated',
      read(a, d, sink) {
        const v = choiceValue(a, MANUAL_STEPS, sink, { needs: 'step needs a value: step=d, step=g or step=both', unknown: 'manual step' });
        if (v) {
          d.manual = v;
          d.manualAttr = a;
        }
      },
    },
  ],
  check(d, sink) {
    if (d.freeze && d.play) sink.add(d.play.line, d.play.col, 'a step either freezes or plays, not both', { allowed: 'freeze or play' });
    if (d.play && d.manualAttr) {
      sink.add(d.manualAttr.line, d.manualAttr.col, 'a manual step (step=...) cannot be combined with play', { allowed: 'step=... with freeze, or play alone' });
    }
  },
  resolve: (d): ArrivalActions => ({ mode: d.play ? 'play' : 'freeze', manualStep: d.manual }),
  runtime: ['mode', 'manualStep'],
  checkpoint: [],
});
