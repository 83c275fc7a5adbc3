// Under prefers-reduced-motion a `play` step stays frozen at its checkpoint (arrival.ts). Its text may say that the
// lab "updates live", so each such step says why it is still and offers to play anyway. The note is part of the
// step (present whenever the step is a `play` step and motion is reduced), so it is the same however the reader
// arrived; its button plays the lab only while its step is the active one.
import type { Locale } from '../../lab/model/locale';
import type { RuntimeStep } from '../page-data';
import { pageLocale } from './locale';

const TEXT: Record<Locale, { note: string; play: string; or: string }> = {
  en: { note: 'Paused here because your system asks for reduced motion.', play: 'Play it anyway', or: ' (or press Play in the lab).' },
  zh: { note: '这里已暂停，因为你的系统设置要求减少动态效果。', play: '仍然播放', or: '（或按实验室里的播放键）。' },
};

/**
 * Adds the note to every `play` step in `stepEls`; `play(i)` plays the lab if step i is active. Returns how to
 * remove the notes.
 */
export function addMotionHints(doc: Document, steps: readonly RuntimeStep[], stepEls: readonly HTMLElement[], play: (i: number) => void): () => void {
  const t = TEXT[pageLocale(doc)];
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
