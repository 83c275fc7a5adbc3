// `expect="modes<=2; dLoss>0.3"`: claims about a step's checkpoint, checked when the chapter is baked.
import { didYouMean } from '../lab/model/config';
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
