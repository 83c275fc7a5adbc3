// Reading the chapter page: the step script the build wrote (src/lessons/page-data.ts) and the elements the runtime
// drives. For tests and styles the runtime marks <html data-active-step="i" data-step-loaded="i"
// data-step-iteration="n" data-step-arrived="i">, each step section's `is-active` class and aria-current, and the lab root's data-step.
import type { BackendRequest } from '../../lab/trainer-placement';
import type { RuntimeData } from '../page-data';
import { runtimeText } from './locale';

export interface LessonPage {
  doc: Document;
  html: HTMLElement;
  data: RuntimeData;
  labRoot: HTMLElement;
  /** The step sections, in order (`data-step` = index). */
  stepEls: HTMLElement[];
  /** The lab's column (the reading line sits below it on phones). */
  aside: HTMLElement | null;
  progress: HTMLElement | null;
  progressText: HTMLElement | null;
  placeholder: HTMLElement | null;
  sandboxEl: HTMLElement | null;
  liveEls: HTMLElement[];
}

/** The page's parts, or null on a page without a lesson lab. */
export function readLessonPage(doc: Document): LessonPage | null {
  const dataEl = doc.getElementById('lesson-data');
  const labRoot = doc.getElementById('lesson-lab');
  if (!dataEl || !labRoot) return null;
  const progress = doc.querySelector<HTMLElement>('.lesson-progress');
  return {
    doc,
    html: doc.documentElement,
    data: JSON.parse(dataEl.textContent || '{}') as RuntimeData,
    labRoot,
    stepEls: Array.from(doc.querySelectorAll<HTMLElement>('.lesson-text section.step[data-step]')),
    aside: labRoot.closest<HTMLElement>('.lesson-lab-col'),
    progress,
    progressText: progress?.querySelector<HTMLElement>('.lesson-progress-text') ?? null,
    placeholder: labRoot.querySelector<HTMLElement>('.lesson-lab-placeholder'),
    sandboxEl: doc.querySelector<HTMLElement>('.lesson-text [data-sandbox]'),
    liveEls: Array.from(doc.querySelectorAll<HTMLElement>('.live-value[data-metric]')),
  };
}

/** `?backend=wasm|cpu|webgl` forces a backend; anything else is `auto`. */
export function backendFromSearch(search: string): BackendRequest {
  const b = new URLSearchParams(search).get('backend');
  return b === 'wasm' || b === 'cpu' || b === 'webgl' ? b : 'auto';
}

/** `?debug` (any value but `0` or `false`): the author's debug view (debug.ts). */
export function debugRequested(search: string): boolean {
  const v = new URLSearchParams(search).get('debug');
  return v !== null && v !== '0' && v !== 'false';
}

/** The page runs: the placeholder says when the lab starts, and `lesson-js` styles the page for it. */
export function markStarted(page: LessonPage): void {
  if (page.placeholder) page.placeholder.textContent = runtimeText('chapter.labStarts');
  page.html.classList.add('lesson-js');
}

/** Step i is active (its state may not be on screen yet). */
export function markActive(page: LessonPage, i: number): void {
  const ds = page.html.dataset;
  ds.activeStep = String(i);
  delete ds.stepLoaded;
  delete ds.stepIteration;
  delete ds.stepArrived;
  page.stepEls.forEach((el, k) => {
    el.classList.toggle('is-active', k === i);
    if (k === i) el.setAttribute('aria-current', 'step');
    else el.removeAttribute('aria-current');
  });
  // The language switch lands on the same step of the other edition (the anchors are the same: one script).
  const id = page.stepEls[i]?.id;
  // (the attribute, not `a.hash`, which would write the whole absolute URL into the href)
  if (id) for (const a of page.doc.querySelectorAll<HTMLAnchorElement>('a[data-lang-switch]:not([data-missing])')) a.setAttribute('href', `${(a.getAttribute('href') ?? '').split('#')[0]}#${id}`);
}

/** Step i's checkpoint is on screen, at this iteration. */
export function markShown(page: LessonPage, i: number, iteration: number): void {
  page.html.dataset.stepLoaded = String(i);
  page.html.dataset.stepIteration = String(iteration);
  page.labRoot.dataset.step = String(i);
}

/** Step i has done what it does on arrival (frozen, started playing, or taken its manual step). */
export function markArrived(page: LessonPage, i: number): void {
  page.html.dataset.stepArrived = String(i);
}

/**
 * Keeps `--lesson-lab-h` (a step's scroll margin below the sticky lab on phones: lesson.css) at the lab column's
 * measured height. The stylesheet's 52vh is only a first guess: the column's real height depends on the fonts the
 * reader has (without Arial's metrics the chips wrap and it grew 19 px past 52vh, hiding a linked step's first line).
 */
export function followLabHeight(page: LessonPage): () => void {
  const { aside } = page;
  const chapter = aside?.closest<HTMLElement>('.chapter');
  if (!aside || !chapter || typeof ResizeObserver !== 'function') return () => undefined;
  const ro = new ResizeObserver(() => {
    const h = aside.getBoundingClientRect().height;
    if (h > 0) chapter.style.setProperty('--lesson-lab-h', `${Math.ceil(h)}px`);
  });
  ro.observe(aside, { box: 'border-box' });
  return () => {
    ro.disconnect();
    chapter.style.removeProperty('--lesson-lab-h');
  };
}
