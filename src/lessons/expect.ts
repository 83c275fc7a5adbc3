// `expect="modes<=2; dLoss>0.3"`: claims about a step's checkpoint, checked when the chapter is baked.
import { didYouMean, type GanConfig } from '../lab/model/config';
import { DISTRIBUTIONS } from '../lab/model/distributions';
import type { DistributionEntry } from '../lab/model/distributions/entry';
import { METRIC_RANGES } from '../lab/model/metrics/catalog';
import { hasOptimalD } from '../lab/model/trainer/run';
import { LOSS_NAMES, LOSSES } from '../lab/model/losses';
import type { LossEntry } from '../lab/model/losses/entry';
import type { ErrorSink } from './errors';
import { COMPARE_OPS, METRICS, type CompareOp, type MetricName } from './vocabulary';

export interface Expectation {
  metric: MetricName;
  op: CompareOp;
  value: number;
  /** The claim as written, trimmed (for messages: `modes<=2`, `PacGAN2: modes>=8`). */
  text: string;
  /** On a step that shows a `:::compare` figure: the column the claim is about (`Label: claim`); none: every column. */
  column?: { label: string; line: number; col: number };
  /** Where the claim is written, for the baker's error messages. */
  line: number;
  col: number;
}

/** Does `measured` satisfy the claim? */
export function holds(e: Pick<Expectation, 'op' | 'value'>, measured: number): boolean {
  switch (e.op) {
    case '<':
      return measured < e.value;
    case '<=':
      return measured <= e.value;
    case '>':
      return measured > e.value;
    case '>=':
      return measured >= e.value;
    case '==':
      return measured === e.value;
    case '!=':
      return measured !== e.value;
  }
}

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const ALLOWED = `claims "metric op number" separated by "," or ";", e.g. modes<=2 (on a compare step "Column label: modes<=2"); metrics: ${METRICS.join(', ')}; ops: ${COMPARE_OPS.join(' ')}`;

/** Parses the text of an `expect` attribute whose first character is at (line, col). */
export function parseExpectations(text: string, line: number, col: number, sink: ErrorSink): Expectation[] {
  const out: Expectation[] = [];
  let offset = 0;
  for (const part of text.split(/([,;])/)) {
    if (part === ',' || part === ';') {
      offset += 1;
      continue;
    }
    let lead = part.length - part.trimStart().length;
    let claim = part.trim();
    let column: Expectation['column'];
    // `Label: claim`: a claim about one column of a compare figure (the step checks the label).
    const prefixed = /^([^:<>=!]*[^\s:<>=!])\s*:\s*/.exec(claim);
    if (prefixed) {
      column = { label: prefixed[1], line, col: col + offset + lead };
      lead += prefixed[0].length;
      claim = claim.slice(prefixed[0].length);
    }
    const at = col + offset + lead;
    offset += part.length;
    if (!claim) {
      if (text.trim()) sink.add(line, at, 'empty claim in expect', { allowed: ALLOWED });
      else sink.add(line, col, 'expect has no claims', { allowed: ALLOWED });
      continue;
    }
    const m = /^([A-Za-z_][\w]*)\s*(<=|>=|==|!=|=|<|>)?\s*(.*)$/.exec(claim);
    if (!m) {
      sink.add(line, at, `cannot read the claim "${claim}"`, { allowed: ALLOWED });
      continue;
    }
    const [, metric, op, num] = m;
    let ok = true;
    if (!(METRICS as readonly string[]).includes(metric)) {
      sink.add(line, at, `unknown metric "${metric}" in expect`, { allowed: METRICS.join(', '), suggestion: didYouMean(metric, METRICS) });
      ok = false;
    }
    const opCol = at + claim.indexOf(op ?? num, metric.length);
    if (!op) {
      sink.add(line, opCol, `the claim "${claim}" has no comparison`, { allowed: COMPARE_OPS.join(' ') });
      continue;
    }
    if (op === '=') {
      sink.add(line, opCol, `"=" is not a comparison in "${claim}"`, { allowed: COMPARE_OPS.join(' '), suggestion: '==' });
      continue;
    }
    if (!num.trim()) {
      sink.add(line, at + claim.length, `the claim "${claim}" has no number after ${op}`, { allowed: 'a number such as 2, 0.5 or 1e-3' });
      continue;
    }
    if (!NUMBER.test(num.trim())) {
      const numCol = at + claim.lastIndexOf(num);
      sink.add(line, numCol, `"${num}" is not a number in the claim "${claim}"`, { allowed: 'a number such as 2, 0.5 or 1e-3' });
      continue;
    }
    const written = claim.replace(/\s+/g, '');
    if (ok) out.push({ metric: metric as MetricName, op: op as CompareOp, value: Number(num), text: column ? `${column.label}: ${written}` : written, line, col: sink.col(line, at), ...(column ? { column } : {}) });
  }
  return out;
}

/** Can any value in [lo, hi] satisfy the claim? */
function satisfiable(e: Pick<Expectation, 'op' | 'value'>, lo: number, hi: number): boolean {
  switch (e.op) {
    case '<':
      return lo < e.value;
    case '<=':
      return lo <= e.value;
    case '>':
      return hi > e.value;
    case '>=':
      return hi >= e.value;
    case '==':
      return e.value >= lo && e.value <= hi;
    case '!=':
      return !(lo === hi && lo === e.value);
  }
}

const span = (lo: number, hi: number) => (hi === Infinity ? `${lo} or more` : `from ${lo} to ${hi}`);

/**
 * Why a claim is false on its face (known without training: the checkpoint's iteration, a metric's range, what the
 * config measures at all), or null when only baking can tell. `iteration` is the step's checkpoint.
 */
export function cannotHold(e: Expectation, iteration: number, config: GanConfig): { message: string; allowed: string } | null {
  const claim = `expect "${e.text}" cannot hold`;
  if (e.metric === 'iteration') {
    if (holds(e, iteration)) return null;
    return { message: `${claim}: this step's checkpoint is iteration ${iteration}`, allowed: `a claim true at iteration ${iteration}, e.g. iteration==${iteration}` };
  }
  if (e.metric === 'dStarGap' && !hasOptimalD(config)) {
    const losses = LOSS_NAMES.filter((l) => (LOSSES[l] as LossEntry).optimalD === true).join(', ');
    return { message: `${claim}: dStarGap is not measured with loss ${config.loss} and pack ${config.pack}`, allowed: `a loss with an optimal D (${losses}) and pack=1` };
  }
  const range = METRIC_RANGES[e.metric];
  if (!range) return null;
  const modes = (DISTRIBUTIONS[config.distribution] as DistributionEntry).modes?.length;
  const [lo, hi] = e.metric === 'modes' && modes !== undefined ? [range[0], modes] : range;
  if (satisfiable(e, lo, hi)) return null;
  const why = e.metric === 'modes' ? `${config.distribution} has ${hi} modes, so modes reads ${span(lo, hi)}` : `${e.metric} reads ${span(lo, hi)}`;
  return { message: `${claim}: ${why}`, allowed: `a claim that some value ${span(lo, hi)} meets` };
}
