// The reader's choice of edition, remembered in this browser: set when they follow a link to the other language
// (the header's switch, the table of contents' "also in", "continue in ..."), read by the tables of contents to
// offer a way back to it. Never a redirect: a page always opens in the language its address names, and a
// remembered choice only adds a link. The stored value is checked against the locales (localStorage is the
// reader's to edit) and never written into the page. It imports only the locale list: every page loads it, and
// the lab's message tables stay with the lab.
import { LOCALES, type Locale } from '../model/locale';

const isLocale = (v: unknown): v is Locale => typeof v === 'string' && (LOCALES as readonly string[]).includes(v);

export const LOCALE_CHOICE_KEY = 'gan-lessons.locale';

/** localStorage where the browser allows it (a private window or a file:// page may refuse). */
function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function rememberLocale(l: Locale): void {
  try {
    storage()?.setItem(LOCALE_CHOICE_KEY, l);
  } catch {
    // full or refused: the choice is simply not remembered
  }
}

/** The edition the reader last chose, or null (none, or not a locale). */
export function rememberedLocale(): Locale | null {
  let v: string | null = null;
  try {
    v = storage()?.getItem(LOCALE_CHOICE_KEY) ?? null;
  } catch {
    return null;
  }
  return isLocale(v) ? v : null;
}

/**
 * Wires a page: a click on a link that names an edition (`data-lang-switch`, `data-edition`) remembers it; the
 * page's `[data-continue]` link, for the edition the reader last chose when it is not this page's, is shown.
 */
export function wireLocaleChoice(doc: Document, pageLocale: string | undefined): void {
  for (const a of doc.querySelectorAll<HTMLAnchorElement>('a[data-lang-switch], a[data-edition], a[data-continue]')) {
    const l = a.dataset.langSwitch ?? a.dataset.edition ?? a.dataset.continue;
    if (isLocale(l)) a.addEventListener('click', () => rememberLocale(l));
  }
  const chosen = rememberedLocale();
  if (!chosen || chosen === pageLocale) return;
  for (const a of doc.querySelectorAll<HTMLElement>(`[data-continue="${chosen}"]`)) (a.closest('[data-continue-box]') ?? a).removeAttribute('hidden');
}
