// `:value[metric]{digits=N format=percent}` (or `:value{metric=M}`): a live number in the prose, following the lab.
import { didYouMean } from '../../lab/model/config';
import type { Attr } from '../attributes';
import { checkDuplicates, choiceValue, listedNames, readAttributes, stringOf } from '../attribute-checks';
import { escapeHtml } from '../errors';
import { MAX_DIGITS, METRICS, MIXTURE_DISTRIBUTIONS, MIXTURE_METRICS, SHARE_METRICS, VALUE_FORMATS, type MetricName, type ValueFormat } from '../vocabulary';
import { findColumn } from './compare';
import { defineInline, type AttributeDef } from './types';

/** An inline `:value` in the prose. */
export interface LiveValue {
  metric: MetricName;
  digits: number | null;
  /** `percent`: a share shown as a percentage (`format=percent`); `number` otherwise. */
  format: ValueFormat;
  line: number;
  col: number;
  /** The step whose prose holds it, or null outside steps. */
  step: number | null;
  /** The figure column it follows (`column=Label`, on a step showing a `:::compare`), or null: the chapter's lab. */
  column: string | null;
}

interface Draft {
  metric?: { text: string; line: number; col: number };
  digits: number | null;
  format?: { value: ValueFormat; line: number; col: number };
  column?: { text: string; line: number; col: number };
  ok: boolean;
}

const ATTRIBUTES: readonly AttributeDef<Draft>[] = [
  {
    name: 'metric',
    value: 'choice',
    values: METRICS,
    allowed: 'a [metric](#metrics)',
    doc: 'the metric, as an attribute instead of the label (give it once)',
    read(a, d, sink) {
      if (d.metric && d.metric.text !== a.value) {
        sink.add(a.line, a.col, `the label "[${d.metric.text}]" and metric="${stringOf(a)}" disagree: give the metric once`);
        d.ok = false;
      }
      d.metric = { text: stringOf(a).trim(), line: a.line, col: a.valueCol };
    },
  },
  {
    name: 'digits',
    value: 'integer',
    allowed: `an integer from 0 to ${MAX_DIGITS}`,
    doc: 'decimals to show (`data-digits`); default: the metric\'s own (the [metrics](#metrics) table), or 0 for a percentage',
    read(a, d, sink) {
      const v = stringOf(a);
      if (!/^\d+$/.test(v) || Number(v) > MAX_DIGITS) {
        sink.add(a.line, a.col, `digits=${v} is not an integer from 0 to ${MAX_DIGITS}`, { allowed: `an integer from 0 to ${MAX_DIGITS}` });
        d.ok = false;
      } else d.digits = Number(v);
    },
  },
  {
    name: 'format',
    value: 'choice',
    values: VALUE_FORMATS,
    allowed: `${VALUE_FORMATS.map((f) => `\`${f}\``).join(' or ')}; \`percent\` only for a share (${SHARE_METRICS.map((m) => `\`${m}\``).join(', ')})`,
    doc: 'how to write the number (`data-format`): `number` (the default) as measured, `percent` as a percentage (0.96 reads 96%, in the page\'s locale)',
    read(a, d, sink) {
      const v = choiceValue(a, VALUE_FORMATS, sink, { needs: 'format needs a value: format=number or format=percent', unknown: 'format' });
      if (v) d.format = { value: v, line: a.line, col: a.col };
      else d.ok = false;
    },
  },
  {
    name: 'column',
    value: 'name',
    allowed: 'a column label of the figure the step shows',
    doc: 'on a step showing a [comparison figure](#compare): follow that column (by its label) instead of the chapter\'s lab',
    read(a, d) {
      d.column = { text: stringOf(a).trim(), line: a.line, col: a.valueCol };
    },
  },
];
const LISTED = listedNames(ATTRIBUTES);

export interface ValueOutput {
  values: LiveValue[];
}

export const value = defineInline<ValueOutput>()({
  name: 'value',
  kind: 'inline',
  summary: 'a live number in the prose',
  attributes: ATTRIBUTES,
  init: (): LiveValue[] => [],
  read(use, values, scope) {
    const sink = scope.sink;
    const label = use.tail.label;
    const d: Draft = { metric: label ? { text: label.text.trim(), line: label.line, col: label.col } : undefined, digits: null, ok: true };
    const own = new Map<string, (a: Attr) => void>(ATTRIBUTES.map((def) => [def.name, (a: Attr) => def.read(a, d, sink)]));
    const attrs = checkDuplicates(use.tail.attrs, sink, ':value');
    if (readAttributes(attrs, own, { name: ':value', listed: LISTED, configKeys: false }, sink).unknown) d.ok = false;
    const metric = d.metric;
    if (!metric || !metric.text) {
      sink.add(use.line, use.col, ':value needs a metric: write :value[dLoss] or :value{metric=dLoss}', { allowed: METRICS.join(', ') });
      return null;
    }
    if (!(METRICS as readonly string[]).includes(metric.text)) {
      sink.add(metric.line, metric.col, `unknown metric "${metric.text}"`, { allowed: METRICS.join(', '), suggestion: didYouMean(metric.text, METRICS) });
      return null;
    }
    const name = metric.text as MetricName;
    const distribution = use.context.config.distribution;
    if (MIXTURE_METRICS.includes(name) && !MIXTURE_DISTRIBUTIONS.includes(distribution)) {
      sink.add(metric.line, metric.col, `${name} is measured only on mixtures, and the distribution here is ${distribution}`, {
        allowed: `distributions ${MIXTURE_DISTRIBUTIONS.join(', ')}`,
      });
      return null;
    }
    if (d.format?.value === 'percent' && !SHARE_METRICS.includes(name)) {
      sink.add(d.format.line, d.format.col, `format=percent: ${name} is not a share from 0 to 1`, {
        allowed: `format=percent only on ${SHARE_METRICS.join(', ')}`,
      });
      return null;
    }
    if (d.column) {
      const fig = use.context.figure;
      if (!fig) {
        sink.add(d.column.line, d.column.col, `column=${d.column.text}: this :value is not on a step that shows a figure`, { allowed: 'column= only inside a step with compare=<id>' });
        return null;
      }
      if (findColumn(fig, d.column, sink) < 0) return null;
    }
    if (!d.ok) return null;
    const format = d.format?.value ?? 'number';
    values.push({ metric: name, digits: d.digits, format, line: use.line, col: use.col, step: use.context.step, column: d.column?.text ?? null });
    const dg = d.digits === null ? '' : ` data-digits="${d.digits}"`;
    const df = format === 'percent' ? ' data-format="percent"' : '';
    const dc = d.column ? ` data-column="${escapeHtml(d.column.text)}"` : '';
    return `<span class="live-value" data-metric="${escapeHtml(name)}"${dg}${df}${dc}>–</span>`;
  },
  output: (values): ValueOutput => ({ values: [...values].sort((a, b) => a.line - b.line || a.col - b.col) }),
});
