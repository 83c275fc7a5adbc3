// The page's language (its `<html lang>`, "zh-CN" -> zh), which the labs it mounts speak too. Reads the locale
// list and the site's table (a few KB), so the lab's message tables load with the lab, not with the page.
import { siteT, type SiteKey } from '../../lab/i18n/site';
import type { Params } from '../../lab/i18n';
import { LOCALES, type Locale } from '../../lab/model/locale';

export function pageLocale(doc: Document | undefined = typeof document === 'undefined' ? undefined : document): Locale {
  const primary = (doc?.documentElement?.getAttribute('lang') ?? '').toLowerCase().split('-')[0];
  return (LOCALES as readonly string[]).includes(primary) ? (primary as Locale) : 'en';
}

/** A line the runtime shows (progress, the placeholder), in the page's language. */
export function runtimeText(key: SiteKey, params?: Params): string {
  return siteT(pageLocale(), key, params);
}
