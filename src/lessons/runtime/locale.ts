// The page's language (its `<html lang>`, "zh-CN" -> zh), which the labs it mounts speak too. Reads the locale
// list only, so the message tables load with the lab, not with the page's first script.
import { LOCALES, type Locale } from '../../lab/model/locale';

export function pageLocale(doc: Document | undefined = typeof document === 'undefined' ? undefined : document): Locale {
  const primary = (doc?.documentElement?.getAttribute('lang') ?? '').toLowerCase().split('-')[0];
  return (LOCALES as readonly string[]).includes(primary) ? (primary as Locale) : 'en';
}
