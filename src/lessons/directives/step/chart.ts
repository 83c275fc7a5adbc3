// `chart=`: the chart the step is about, in front in the lesson's lab from this step on (the lab beside the text
// shows one chart at a time; the reader can pick another until the next step). Steps without it keep the previous
// step's chart (`losses` before any); a kept `modes` falls back to `losses` where the data has no modes.
import type { Attr } from '../../attributes';
import { choiceValue } from '../../attribute-checks';
import { CHART_KINDS, CHARTS, DEFAULT_CHART, MIXTURE_DISTRIBUTIONS, type Chart } from '../../vocabulary';
import { defineStepPart } from './part';

export interface ChartAction {
  /** The chart in front at this step (persists from the step that sets it). */
  chart: Chart;
}

interface Draft {
  chart: Chart | null;
  attr?: Attr;
}

const names = CHARTS.map((c) => `\`${c}\``);

export const chart = defineStepPart<ChartAction>()({
  draft: (): Draft => ({ chart: null }),
  attributes: [
    {
      name: 'chart',
      value: 'choice',
      values: CHARTS,
      allowed: `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`,
      doc: `bring this chart forward in the lab from this step on (${CHART_KINDS.map((c) => `\`${c.name}\`: ${c.doc}`).join('; ')}); the reader can pick another. Default \`${DEFAULT_CHART}\``,
      read(a, d, sink) {
        const v = choiceValue(a, CHARTS, sink, { needs: 'chart needs a value: chart=losses, chart=divergence or chart=modes', unknown: 'chart' });
        if (v) {
          d.chart = v;
          d.attr = a;
        }
      },
    },
  ],
  resolve(d, at, prev): ChartAction {
    const mixture = MIXTURE_DISTRIBUTIONS.includes(at.config.distribution);
    const needsMixture = (c: Chart) => CHART_KINDS.find((k) => k.name === c)!.mixtureOnly;
    if (d.chart) {
      if (needsMixture(d.chart) && !mixture && d.attr)
        at.sink.add(d.attr.line, d.attr.col, `the ${d.chart} chart is drawn only for mixtures, and this step's distribution is ${at.config.distribution}`, {
          allowed: `distributions ${MIXTURE_DISTRIBUTIONS.join(', ')}`,
        });
      return { chart: d.chart };
    }
    const kept = prev?.chart ?? DEFAULT_CHART;
    return { chart: needsMixture(kept) && !mixture ? DEFAULT_CHART : kept };
  },
  runtime: ['chart'],
  checkpoint: [],
});
