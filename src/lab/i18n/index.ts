// The lab's messages: `t(key, params)` reads the table of the page's locale (en.ts is the reference, zh.ts must
// have exactly its keys), `{name}` placeholders take params (numbers formatted for the locale). One locale per
// page: `mountLab(root, { locale })` sets it, and every lab on the page speaks it. Registry text (losses,
// distributions, layers, graph boxes, metrics) is Localized<...> in the registries; `local(x)` picks the locale's.
import { LOCALES, type Locale, type Localized } from '../model/locale';
import { en, type MessageKey, type Messages } from './en';
import { zh } from './zh';

export type { Locale, MessageKey, Messages };
export { LOCALES };

export const TABLES: Record<Locale, Messages> = { en, zh };

/** BCP 47 tags for Intl and `lang` attributes. */
export const LANG_TAG: Record<Locale, string> = { en: 'en', zh: 'zh-CN' };

let current: Locale = 'en';

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
}

/** Sets the page's locale for every lab mounted on it (mountLab calls this). */
export function setLocale(l: Locale): void {
  current = l;
  numberFormats.clear();
}

export function getLocale(): Locale {
  return current;
}

export type Params = Record<string, string | number>;

/** Fills `{name}` placeholders; numbers are formatted for the locale. A placeholder without a param stays as is. */
export function fill(template: string, params: Params | undefined, locale: Locale = current): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => {
    const v = params[name];
    if (v === undefined) return m;
    return typeof v === 'number' ? formatNumber(v, 3, locale) : v;
  });
}

/** The message `key` in the page's locale (or `locale`), with its placeholders filled. */
export function t(key: MessageKey, params?: Params, locale: Locale = current): string {
  return fill(TABLES[locale][key], params, locale);
}

/** A registry's localized text in the page's locale. */
export function local<T>(x: Localized<T>, locale: Locale = current): T {
  return x[locale];
}

/** The `{name}` placeholders of a template, sorted (a translation must keep them). */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
}

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: Locale, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const k = `${locale}|${JSON.stringify(opts)}`;
  let f = numberFormats.get(k);
  if (!f) numberFormats.set(k, (f = new Intl.NumberFormat(LANG_TAG[locale], opts)));
  return f;
}

/**
 * A number for labels, compactly: integers grouped (12,345), `digits` significant digits otherwise, and very small
 * or large values in exponent form (1e-6). The grouping and decimal marks are the locale's (Intl).
 */
export function formatNumber(v: number, digits = 3, locale: Locale = current): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v) && Math.abs(v) < 1e9) return numberFormat(locale, { maximumFractionDigits: 0 }).format(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return v.toExponential(1).replace('e+', 'e').replace(/\.0e/, 'e');
  const rounded = Number(v.toPrecision(digits));
  return numberFormat(locale, { maximumSignificantDigits: digits, useGrouping: false }).format(rounded);
}

/** The locale a page is written in, from its `<html lang>` ("zh-CN" -> zh); English when it names none we have. */
export function localeOfLang(lang: string | null | undefined): Locale {
  const primary = (lang ?? '').toLowerCase().split('-')[0];
  return isLocale(primary) ? primary : 'en';
}
