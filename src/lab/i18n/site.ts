// The site's text per locale (site-en.ts is the reference; site-zh.ts must have exactly its keys): page chrome,
// the table of contents, chapter pages, the lab page, the no-JavaScript text and the lesson runtime's lines.
import { fill, LANG_TAG, type Locale, type Params } from './index';
import { siteEn, type SiteKey, type SiteMessages } from './site-en';
import { siteZh } from './site-zh';

export type { SiteKey, SiteMessages };
export const SITE_TABLES: Record<Locale, SiteMessages> = { en: siteEn, zh: siteZh };
export { LANG_TAG };

/** The site message `key` in `locale`, placeholders filled. */
export function siteT(locale: Locale, key: SiteKey, params?: Params): string {
  return fill(SITE_TABLES[locale][key], params, locale);
}

/** A template split at its placeholders, for markup around them: "a {x} b" -> ['a ', {name: 'x'}, ' b']. */
export function templateParts(template: string): (string | { name: string })[] {
  return template.split(/(\{\w+\})/).filter(Boolean).map((p) => (/^\{\w+\}$/.test(p) ? { name: p.slice(1, -1) } : p));
}
