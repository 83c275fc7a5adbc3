// Config keys written as directive attributes (`::lab{seed=3}`, `:::step{loss=minimax}`): each one checked and
// coerced by the lab's one config schema, every problem reported at the attribute that caused it.
import {
  allowedText,
  applyPatch,
  coerceValue,
  didYouMean,
  keyInfo,
  parseAssignments,
  type ConfigIssue,
  type GanConfig,
} from '../lab/model/config';
import type { Attr } from './attributes';
import { stringOf } from './attribute-checks';
import type { ErrorSink } from './errors';

function issueMessage(issue: ConfigIssue, raw: string | undefined): { message: string; allowed?: string; suggestion?: string } {
  const info = keyInfo(issue.path);
  if (info && raw !== undefined) {
    if (info.kind === 'enum') {
      return { message: `unknown value "${raw}" for ${issue.path}`, allowed: allowedText(info), suggestion: didYouMean(raw, info.values!) };
    }
    if (info.kind === 'int' || info.kind === 'number') {
      const n = Number(raw);
      if (info.kind === 'int' && Number.isFinite(n) && !Number.isInteger(n)) return { message: `${issue.path}=${raw} is not an integer`, allowed: allowedText(info) };
      if (Number.isFinite(n) && ((info.min !== undefined && n < info.min) || (info.max !== undefined && n > info.max))) {
        return { message: `${issue.path}=${raw} is out of range`, allowed: allowedText(info) };
      }
    }
  }
  const shown = raw !== undefined ? `${issue.path}=${raw}` : issue.path || 'config';
  return { message: `${shown}: ${issue.message}`, allowed: issue.allowed ?? (info ? allowedText(info) : undefined), suggestion: issue.suggestion };
}

/** Keys whose change can break a rule reported on another key. */
const RELATED: Record<string, string[]> = { batchSize: ['pack'], points: ['distribution'] };

/** Applies config-key attributes over `base`, reporting each problem at its attribute. Bad ones are left out. */
export function applyConfigAttrs(base: GanConfig, attrs: Attr[], sink: ErrorSink, at: { line: number; col: number }, extra: [string, string][] = []): GanConfig {
  const good: [string, string][] = [...extra];
  const byPath = new Map<string, Attr>();
  for (const a of attrs) {
    const info = keyInfo(a.name)!;
    if (a.value === true && info.kind !== 'boolean') {
      sink.add(a.line, a.col, `${a.name} needs a value`, { allowed: allowedText(info) });
      continue;
    }
    const r = coerceValue(a.name, stringOf(a));
    if ('issue' in r) {
      const m = issueMessage(r.issue, stringOf(a));
      sink.add(a.line, a.col, m.message, m);
      continue;
    }
    good.push([a.name, stringOf(a)]);
    byPath.set(a.name, a);
  }
  let pairs = good;
  for (let attempt = 0; attempt < 3; attempt++) {
    const { patch } = parseAssignments(pairs);
    const r = applyPatch(base, patch);
    if (r.ok) return r.config;
    const bad = new Set<string>();
    for (const issue of r.issues) {
      const a = byPath.get(issue.path);
      // A rule across keys (batchSize vs pack): report at the attribute that broke it.
      const related = (RELATED[issue.path] ?? []).map((k) => byPath.get(k)).find((x) => x !== undefined);
      if (attempt === 0) {
        const m = a ? issueMessage(issue, stringOf(a)) : { message: `${issue.path}: ${issue.message}` };
        const pos = a ?? related ?? at;
        sink.add(pos.line, pos.col, m.message, m);
      }
      bad.add(issue.path);
      if (!a && related) bad.add(related.name);
    }
    const next = pairs.filter(([k]) => !bad.has(k));
    if (next.length === pairs.length) break;
    pairs = next;
  }
  return base;
}
