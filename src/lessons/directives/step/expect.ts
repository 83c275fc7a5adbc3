// `expect="claims"`: claims about the checkpoint, checked when baking (src/lessons/bake.ts).
import { cannotHold, parseExpectations, type Expectation } from '../../expect';
import { METRICS, MIXTURE_DISTRIBUTIONS, MIXTURE_METRICS } from '../../vocabulary';
import { defineStepPart } from './part';
import type { TrainAction } from './train';

export interface ExpectAction {
  /** Claims about the checkpoint, checked when baking. */
  expect: Expectation[];
}

export const expect = defineStepPart<ExpectAction>()({
  draft: (): { claims: Expectation[] } => ({ claims: [] }),
  attributes: [
    {
      name: 'expect',
      value: 'claims',
      values: METRICS,
      allowed: 'claims, e.g. `"modes<=2; dLoss>0.5"`',
      doc: 'claims about the checkpoint, checked when baking; see [expect](#expect)',
      read(a, d, sink) {
        if (a.value === true || !a.value.trim()) sink.add(a.line, a.col, 'expect needs claims, e.g. expect="modes<=2"', { allowed: `metrics ${METRICS.join(', ')}` });
        else d.claims = parseExpectations(a.value, a.line, a.valueCol, sink);
      },
    },
  ],
  resolve(d, at): ExpectAction {
    // The checkpoint's iteration: the train part resolves first (STEP_PARTS order).
    const iteration = (at.earlier as Partial<TrainAction>).train ?? 0;
    for (const e of d.claims) {
      if (MIXTURE_METRICS.includes(e.metric) && !MIXTURE_DISTRIBUTIONS.includes(at.config.distribution)) {
        at.sink.add(e.line, e.col, `${e.metric} is measured only on mixtures, and this step's distribution is ${at.config.distribution}`, {
          allowed: `distributions ${MIXTURE_DISTRIBUTIONS.join(', ')}`,
        });
        continue;
      }
      // What is false on its face is an error now, not after a bake.
      const no = cannotHold(e, iteration, at.config);
      if (no) at.sink.add(e.line, e.col, no.message, { allowed: no.allowed });
    }
    return { expect: d.claims };
  },
  runtime: [],
  checkpoint: [],
});
