// `expect="claims"`: claims about the checkpoint, checked when baking (src/lessons/bake.ts).
import { parseExpectations, type Expectation } from '../../expect';
import { METRICS, MIXTURE_DISTRIBUTIONS, MIXTURE_METRICS } from '../../vocabulary';
import { defineStepPart } from './part';

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
    for (const e of d.claims) {
      if (MIXTURE_METRICS.includes(e.metric) && !MIXTURE_DISTRIBUTIONS.includes(at.config.distribution)) {
        at.sink.add(e.line, e.col, `${e.metric} is measured only on mixtures, and this step's distribution is ${at.config.distribution}`, {
          allowed: `distributions ${MIXTURE_DISTRIBUTIONS.join(', ')}`,
        });
      }
    }
    return { expect: d.claims };
  },
  runtime: [],
  checkpoint: [],
});
