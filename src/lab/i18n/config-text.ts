// The config vocabulary for people, in the page's locale: field labels, descriptions, what is allowed, and
// refusals of an edit. Keys (dotted paths) stay as they are: they are names, shared with lessons and URLs.
import { formatIssue, keyInfo, MAX_POINTS, type ChangeEffect, type ConfigIssue, type KeyInfo } from '../model/config';
import { LOSSES } from '../model/losses';
import { getLocale, t, type MessageKey } from './index';
import { en } from './en';

const has = (k: string): k is MessageKey => Object.prototype.hasOwnProperty.call(en, k);
const leafOf = (path: string) => path.split('.').pop()!;
/** The description key of a path: G's and D's keys share one ("desc.net.<leaf>"). */
export const descKey = (path: string) => `desc.${/^(generator|discriminator)\./.test(path) ? `net.${leafOf(path)}` : path}`;
export const fieldKey = (path: string) => `field.${leafOf(path)}`;

/** The field's label (the key's leaf, named). Falls back to the leaf's words for a key the tables lack. */
export function fieldLabel(path: string): string {
  const k = fieldKey(path);
  return has(k) ? t(k) : leafOf(path).replace(/([A-Z])/g, ' $1').toLowerCase();
}

export function fieldDescription(k: KeyInfo): string {
  const key = descKey(k.path);
  return has(key) ? t(key) : k.description;
}

/** What a key accepts, in words; `labels`: an enum's options as the editor shows them (else the values to type). */
export function allowedLocal(k: KeyInfo, labels = false): string {
  switch (k.kind) {
    case 'enum':
      return t('allowed.enum', { values: k.values!.map((v) => (labels ? enumLabel(k.path, v) : v)).join(t('settings.listJoin')) });
    case 'boolean':
      return t('allowed.boolean');
    case 'int':
      return t('allowed.int', { min: String(k.min), max: String(k.max) });
    case 'number':
      return t('allowed.number', { min: String(k.min), max: String(k.max) });
    case 'points':
      return t('allowed.points', { max: String(MAX_POINTS) });
  }
}

const NAMED: Record<string, string> = { adam: 'Adam', sgd: 'SGD', rmsprop: 'RMSProp', relu: 'ReLU', leakyRelu: 'Leaky ReLU', tanh: 'tanh' };

/** An enum value as the editor's option shows it: a loss's label, a noise type in words, a name; the value is the key. */
export function enumLabel(path: string, value: string): string {
  if (path === 'loss' && value in LOSSES) return LOSSES[value as keyof typeof LOSSES].text[getLocale()].label;
  if (path === 'noise.type' && (value === 'gaussian' || value === 'uniform')) return t(`slow.noiseType.${value}`);
  if (value === 'momentum') return t('slow.momentum');
  return NAMED[value] ?? value;
}

export function effectText(e: ChangeEffect): string {
  return t(`effect.${e}`);
}

/**
 * The schema's refusals (src/lab/model/config.ts words them in English, as lessons and the CLI print them), by
 * their words: each has its message key; `param` names the placeholder the first capture fills. `crossKey`: a rule
 * between keys (the value is allowed on its own, so "allowed: ..." would mislead). A message no entry matches is
 * said as `issue.invalid` outside English; tests/unit/lab-i18n.test.ts finds every message config.ts writes here.
 */
export const ISSUE_MESSAGES: readonly { test: RegExp; key: MessageKey; param?: string; crossKey?: true }[] = [
  { test: /^must be a multiple of pack \((\d+)\)$/, key: 'issue.multipleOfPack', param: 'pack', crossKey: true },
  { test: /^distribution "points" needs at least one point$/, key: 'issue.pointsEmpty', crossKey: true },
  { test: /^unknown key$/, key: 'issue.unknownKey' },
  { test: /^not a boolean$/, key: 'issue.notBoolean' },
  { test: /^not a number$/, key: 'issue.notNumber' },
  { test: /^not a JSON list of \[x, y\] pairs$/, key: 'issue.notPoints' },
  { test: /^not an allowed value$/, key: 'issue.notAllowedValue' },
];

const ruleOf = (i: ConfigIssue) => ISSUE_MESSAGES.find((r) => r.test.test(i.message));

/** A refusal's message alone (no key name), in the page's locale. */
export function issueMessage(i: ConfigIssue): string {
  if (getLocale() === 'en') return i.message;
  const rule = ruleOf(i);
  if (!rule) return t('issue.invalid');
  const m = rule.test.exec(i.message);
  return t(rule.key, rule.param && m?.[1] !== undefined ? { [rule.param]: m[1] } : undefined);
}

/** One refusal, for the reader. English keeps the schema's own words (the same as lessons and the CLI print). */
export function issueText(i: ConfigIssue): string {
  if (getLocale() === 'en') return formatIssue(i);
  const k = keyInfo(i.path);
  const name = k ? `${fieldLabel(i.path)} (${i.path})` : i.path || t('issue.config');
  if (ruleOf(i)?.crossKey) return t('issue.line', { path: name, message: issueMessage(i) });
  let message = issueMessage(i);
  if (k && i.allowed) message = t('issue.notAllowed', { value: JSON.stringify(i.value)?.slice(0, 60) ?? '' }) + t('issue.allowed', { allowed: allowedLocal(k) });
  else if (i.value !== undefined) message += t('issue.got', { value: JSON.stringify(i.value)?.slice(0, 60) ?? '' });
  if (i.suggestion) message += t('issue.didYouMean', { suggestion: i.suggestion });
  return t('issue.line', { path: name, message });
}

export const issuesText = (issues: readonly ConfigIssue[]) => issues.map(issueText).join(t('issue.join'));
