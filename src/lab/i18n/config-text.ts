// The config vocabulary for people, in the page's locale: field labels, descriptions, what is allowed, and
// refusals of an edit. Keys (dotted paths) stay as they are: they are names, shared with lessons and URLs.
import { formatIssue, keyInfo, MAX_POINTS, type ChangeEffect, type ConfigIssue, type KeyInfo } from '../model/config';
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

export function allowedLocal(k: KeyInfo): string {
  switch (k.kind) {
    case 'enum':
      return t('allowed.enum', { values: k.values!.join(', ') });
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

export function effectText(e: ChangeEffect): string {
  return t(`effect.${e}`);
}

/** One refusal, for the reader. English keeps the schema's own words (the same as lessons and the CLI print). */
export function issueText(i: ConfigIssue): string {
  if (getLocale() === 'en') return formatIssue(i);
  const k = keyInfo(i.path);
  const name = k ? `${fieldLabel(i.path)} (${i.path})` : i.path || '(config)';
  let message = i.message;
  if (k && i.allowed) message = t('issue.notAllowed', { value: JSON.stringify(i.value)?.slice(0, 60) ?? '' }) + t('issue.allowed', { allowed: allowedLocal(k) });
  else if (i.value !== undefined) message += t('issue.got', { value: JSON.stringify(i.value)?.slice(0, 60) ?? '' });
  if (i.suggestion) message += t('issue.didYouMean', { suggestion: i.suggestion });
  return t('issue.line', { path: name, message });
}

export const issuesText = (issues: readonly ConfigIssue[]) => issues.map(issueText).join(t('issue.join'));
