// Checks shared by every directive's attributes: duplicates, unknown names (with the allowed list and a close
// spelling), flags, comma lists and names.
import { didYouMean, keyInfo } from '../lab/model/config';
import type { Attr } from './attributes';
import type { AttributeSpec } from './directives/types';
import type { ErrorSink } from './errors';
import { CONFIG_PATHS } from './vocabulary';

/** An attribute's value as text (`''` for a bare flag). */
export const stringOf = (a: Attr): string => (a.value === true ? '' : a.value);

/** A step id or class name. */
export const NAME = /^[A-Za-z][\w-]*$/;

/** Config keys in short: top-level keys, and `group.*` for nested ones. */
const CONFIG_GROUPS = [...new Set(CONFIG_PATHS.map((p) => (p.includes('.') ? `${p.split('.')[0]}.*` : p)))].join(', ');

export function unknownAttr(sink: ErrorSink, a: Attr, where: string, own: readonly string[], configKeys: boolean): void {
  const candidates = configKeys ? [...own, ...CONFIG_PATHS] : [...own];
  let allowed: string;
  if (!configKeys) allowed = own.length ? own.join(', ') : 'none';
  else if (a.name.includes('.')) {
    const prefix = a.name.split('.')[0] + '.';
    const same = CONFIG_PATHS.filter((p) => p.startsWith(prefix));
    allowed = same.length ? same.join(', ') : `config keys: ${CONFIG_PATHS.join(', ')}`;
  } else allowed = `${own.join(', ')}, or a config key (${CONFIG_GROUPS})`;
  const written = a.form === 'id' ? `#${stringOf(a)}` : a.form === 'class' ? `.${stringOf(a)}` : a.name;
  sink.add(a.line, a.col, `unknown attribute "${written}" on ${where}`, { allowed, suggestion: didYouMean(a.name, candidates) });
}

export function checkDuplicates(attrs: Attr[], sink: ErrorSink, where: string): Attr[] {
  const seen = new Map<string, Attr>();
  const out: Attr[] = [];
  for (const a of attrs) {
    const first = seen.get(a.name);
    if (first && a.name !== 'class') {
      sink.add(a.line, a.col, `duplicate attribute "${a.name}" on ${where} (first given at column ${first.col})`);
      continue;
    }
    seen.set(a.name, a);
    out.push(a);
  }
  return out;
}

/** Reads a comma-separated list attribute, checking each item; reports at the item. */
export function readList<T extends string>(a: Attr, allowedValues: readonly T[], sink: ErrorSink, what: string): T[] {
  if (a.value === true || !a.value.trim()) {
    sink.add(a.line, a.col, `${a.name} needs a list of ${what}`, { allowed: allowedValues.join(', ') });
    return [];
  }
  const out: T[] = [];
  let offset = 0;
  for (const part of a.value.split(',')) {
    const item = part.trim();
    const col = a.valueCol + offset + (part.length - part.trimStart().length);
    offset += part.length + 1;
    if (!item) continue;
    if ((allowedValues as readonly string[]).includes(item)) {
      if (!out.includes(item as T)) out.push(item as T);
    } else sink.add(a.line, col, `unknown ${what.replace(/s$/, '')} "${item}" in ${a.name}`, { allowed: allowedValues.join(', '), suggestion: didYouMean(item, allowedValues) });
  }
  return out;
}

export function flagValue(a: Attr, sink: ErrorSink): boolean {
  if (a.value === true || a.value === 'true') return true;
  if (a.value === 'false') return false;
  sink.add(a.line, a.col, `${a.name} is a flag: write it bare, with no value`, { allowed: a.name });
  return false;
}

/**
 * A `name=value` attribute whose value is one of `values`; undefined (and an error with the allowed values and a
 * did-you-mean) otherwise. `needs` is the message for a bare `name`, `unknown` the noun for a value not in the list.
 */
export function choiceValue<T extends string>(a: Attr, values: readonly T[], sink: ErrorSink, what: { needs: string; unknown: string }): T | undefined {
  const v = stringOf(a);
  if ((values as readonly string[]).includes(v)) return v as T;
  sink.add(a.line, a.col, a.value === true ? what.needs : `unknown ${what.unknown} "${v}"`, {
    allowed: values.join(', '),
    suggestion: a.value === true ? undefined : didYouMean(v, values),
  });
  return undefined;
}

/** Whether an attribute names a config key (written `key=value` or as a bare flag). */
export const isConfigAttr = (a: Attr): boolean => !!keyInfo(a.name) && (a.form === 'pair' || a.form === 'flag');

/** The names an attribute table offers in messages, in its order. */
export const listedNames = (specs: readonly AttributeSpec[]): string[] => specs.filter((s) => s.listed !== false).map((s) => s.name);

/**
 * Reads a directive's attributes in the order written: its own by name (any form: `#x` is `id`), then config keys
 * where it takes them; anything else is unknown. Returns the config-key attributes, and how many were unknown.
 */
export function readAttributes(
  attrs: readonly Attr[],
  own: ReadonlyMap<string, (a: Attr) => void>,
  where: { name: string; listed: readonly string[]; configKeys: boolean },
  sink: ErrorSink,
): { config: Attr[]; unknown: number } {
  const config: Attr[] = [];
  let unknown = 0;
  for (const a of attrs) {
    const read = own.get(a.name);
    if (read) read(a);
    else if (where.configKeys && isConfigAttr(a)) config.push(a);
    else {
      unknownAttr(sink, a, where.name, where.listed, where.configKeys);
      unknown++;
    }
  }
  return { config, unknown };
}
