// Stepping with the keyboard: with focus in the lesson (anywhere but the lab, the sandbox and form fields), J moves
// to the next step and K to the previous one (letters, so the arrow keys and Space still scroll the page). The
// step is scrolled to the reading line, so geometry names it active as scrolling would, gets the focus, and is
// announced in a polite live region ("Step 3 of 7: ...").

import type { Locale } from '../../lab/model/locale';
import { pageLocale } from './locale';

/** The keys, for the lab's shortcut list and the docs. */
export const STEP_KEYS = { next: 'j', previous: 'k' } as const;

const TEXT: Record<Locale, { shortcut: string; step: (i: number, n: number) => string; sep: string }> = {
  en: { shortcut: 'next / previous step of the lesson (with the focus in the text, not the lab)', step: (i, n) => `Step ${i} of ${n}`, sep: ': ' },
  zh: { shortcut: '课程的下一步 / 上一步（焦点在正文中，而不在实验室里时）', step: (i, n) => `第 ${i} 步，共 ${n} 步`, sep: '：' },
};

/** The lab's shortcut-list rows for the step keys, in the page's language. */
export function stepShortcuts(locale: Locale): readonly (readonly [string, string])[] {
  return [['J / K', TEXT[locale].shortcut]];
}

export interface StepKeyOptions {
  doc: Document;
  stepEls: readonly HTMLElement[];
  /** Elements whose keys are their own (the lab's column, the sandbox). */
  exclude: readonly (HTMLElement | null)[];
  /** The active step (-1 before the first). */
  active(): number;
  /** The reading line's y in the viewport. */
  readingLine(): number;
  /** Makes step i active (what scrolling to it does too). */
  activate(i: number): void;
}

/** What a live region says of step i: its number and the start of its text. */
export function stepAnnouncement(el: HTMLElement, i: number, n: number, locale: Locale = 'en'): string {
  const t = TEXT[locale];
  // The step's heading, else its first paragraph of prose (not the "open in the lab" link or an author's marker).
  const first = el.querySelector(':scope > :is(h2, h3, h4)') ?? el.querySelector(':scope > p:not(.step-sandbox):not(.lesson-debug-label)');
  const text = (first?.textContent ?? '').trim().replace(/\s+/g, ' ');
  const head = text.length > 90 ? `${text.slice(0, 90).replace(/\s+\S*$/, '')}…` : text;
  return head ? `${t.step(i + 1, n)}${t.sep}${head}` : t.step(i + 1, n);
}

/** The step a key moves to from `active`, or null when the key is not a step key or there is nowhere to go. */
export function stepForKey(key: string, active: number, n: number): number | null {
  const k = key.toLowerCase();
  const to = k === STEP_KEYS.next ? Math.max(0, active + 1) : k === STEP_KEYS.previous ? active - 1 : null;
  return to === null || to < 0 || to >= n ? null : to;
}

/** Listens for the step keys; returns how to stop. */
export function wireStepKeys(o: StepKeyOptions): () => void {
  const { doc, stepEls } = o;
  const live = doc.createElement('div');
  live.className = 'visually-hidden lesson-step-live';
  live.setAttribute('role', 'status');
  live.setAttribute('aria-live', 'polite');
  doc.body.append(live);
  const onKey = (e: KeyboardEvent) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target as HTMLElement | null;
    if (t && (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA' || t.isContentEditable)) return;
    if (t && o.exclude.some((x) => x?.contains(t))) return;
    const to = stepForKey(e.key, o.active(), stepEls.length);
    if (to === null) return;
    e.preventDefault();
    const el = stepEls[to];
    // Just past the reading line: the step geometry names active is this one.
    const view = doc.defaultView ?? window;
    view.scrollBy({ top: el.getBoundingClientRect().top - o.readingLine() + 2, behavior: 'instant' as ScrollBehavior });
    if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
    el.focus({ preventScroll: true });
    o.activate(to);
    live.textContent = stepAnnouncement(el, to, stepEls.length, pageLocale(doc));
  };
  doc.addEventListener('keydown', onKey);
  return () => {
    doc.removeEventListener('keydown', onKey);
    live.remove();
  };
}
