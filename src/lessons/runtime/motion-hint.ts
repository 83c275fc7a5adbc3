// Under prefers-reduced-motion a `play` step stays frozen at its checkpoint (arrival.ts). Its text may say that the
// lab "updates live", so each such step says why it is still and offers to play anyway. The note is part of the
// step (present whenever the step is a `play` step and motion is reduced), so it is the same however the reader
// arrived; its button plays the lab only while its step is the active one.
import { siteT } from '../../lab/i18n/site';
import type { RuntimeStep } from '../page-data';
import { pageLocale } from './locale';

/**
 * Adds the note to every `play` step in `stepEls`; `play(i)` plays the lab if step i is active. Returns how to
 * remove the notes.
 */
export function addMotionHints(doc: Document, steps: readonly RuntimeStep[], stepEls: readonly HTMLElement[], play: (i: number) => void): () => void {
  const locale = pageLocale(doc);
  const t = { note: siteT(locale, 'motion.note'), play: siteT(locale, 'motion.play'), or: siteT(locale, 'motion.or') };
  const notes: HTMLElement[] = [];
  steps.forEach((s, i) => {
    const el = stepEls[i];
    if (s.mode !== 'play' || !el) return;
    const note = doc.createElement('p');
    note.className = 'step-motion-hint';
    note.setAttribute('role', 'note');
    const button = doc.createElement('button');
    button.type = 'button';
    button.className = 'step-motion-play';
    button.textContent = `▶ ${t.play}`;
    button.addEventListener('click', () => play(i));
    note.append(`${t.note} `, button, t.or);
    el.append(note);
    notes.push(note);
  });
  return () => notes.forEach((n) => n.remove());
}
