// Where each locale's pages live. English keeps the site's root (`/`, `/lab/`); Chinese has the same pages under
// `/zh/` (`/zh/`, `/zh/lab/`): one prefix per edition for the site's own pages, so a reader (or a proxy, a
// sitemap, a robots rule) sees each edition as one tree. Chapters keep the engine's route,
// `/lessons/<locale>/<lesson>/<chapter>/`, with the same slug in both languages.
import { LOCALES, type Locale } from '../lab/model/locale';
import type { Catalog, ChapterEntry } from './catalog';

/** `en` -> '', `zh` -> 'zh/': the prefix of a locale's site pages below the base. */
export const localePrefix = (locale: Locale) => (locale === 'en' ? '' : `${locale}/`);
export const homeHref = (base: string, locale: Locale) => `${base}${localePrefix(locale)}`;
export const labHref = (base: string, locale: Locale) => `${base}${localePrefix(locale)}lab/`;
export const chapterHref = (base: string, c: Pick<ChapterEntry, 'slug'>) => `${base}lessons/${c.slug}/`;

export function asLocale(v: string): Locale {
  return (LOCALES as readonly string[]).includes(v) ? (v as Locale) : 'en';
}

/** The other edition: with two locales, the one this page is not in. */
export const otherLocale = (l: Locale): Locale => (l === 'en' ? 'zh' : 'en');

/** The same chapter in another locale (same lesson folder, same slug), or null when it is not written yet. */
export function translationOf(catalog: Catalog, c: ChapterEntry, locale: Locale): ChapterEntry | null {
  return catalog.chapters.find((x) => !x.hidden && x.locale === locale && x.lesson === c.lesson && x.chapter === c.chapter) ?? null;
}

/** The table of contents' anchor of a chapter (the same in both editions). */
export const tocAnchor = (c: Pick<ChapterEntry, 'lesson' | 'chapter'>) => `chapter-${c.lesson}-${c.chapter}`;

export interface TocChapter {
  entry: ChapterEntry;
  /** Shown from another locale because this one lacks it (a translation not written yet). */
  fallback: boolean;
}

/**
 * A locale's table of contents: its lessons, each with every chapter of the lesson in any locale, in order; a
 * chapter this locale lacks is the English one (or the first locale that has it), marked `fallback`, so the table
 * never has a gap or a dead link while a translation is being written.
 */
export function editionToc(catalog: Catalog, locale: Locale): { lesson: string; title: string; chapters: TocChapter[] }[] {
  const visible = catalog.chapters.filter((c) => !c.hidden);
  const lessons = [...new Set(visible.filter((c) => c.locale === locale).map((c) => c.lesson))];
  return lessons.map((lesson) => {
    const own = visible.filter((c) => c.locale === locale && c.lesson === lesson);
    const slugs = new Map<string, TocChapter>();
    for (const c of own) slugs.set(c.chapter, { entry: c, fallback: false });
    for (const l of ['en', ...LOCALES.filter((x) => x !== 'en')] as Locale[]) {
      if (l === locale) continue;
      for (const c of visible) if (c.locale === l && c.lesson === lesson && !slugs.has(c.chapter)) slugs.set(c.chapter, { entry: c, fallback: true });
    }
    const chapters = [...slugs.values()].sort((a, b) => a.entry.number - b.entry.number || a.entry.order - b.entry.order);
    return { lesson, title: own[0]?.lessonTitle ?? lesson, chapters };
  });
}
