// The slow-motion narration box: the plan's numbered sub-steps (src/lab/slow-motion-plan.ts) as chips, the current
// one marked and read aloud, and a "Next sub-step" button, so that a paused lab is stepped by hand (a chip jumps
// there, doing the updates on the way).
import type { SubStep } from '../slow-motion-plan';
import { h } from './dom';

/** The panel's words (one place). */
export const SLOW_TEXT = {
  region: 'Slow motion narration',
  heading: 'Slow motion: one iteration, step by step',
  next: 'Next sub-step ▸',
  nextLabel: 'Next sub-step (→)',
  close: 'End slow motion',
  chip: (s: SubStep) => `Go to ${s.n}. ${s.title}${s.action ? ' (does the update on the way)' : ''}: ${s.text}`,
  phase: (p: 'D' | 'G') => (p === 'D' ? 'Discriminator' : 'Generator'),
  paused: 'Paused: step with "Next sub-step" or a chip, or press Play to narrate on.',
};

export interface SlowMotionHandlers {
  next(): void;
  goTo(index: number): void;
  close(): void;
}

/** The narration box: a numbered list of sub-step chips, the current one marked and read aloud (aria-live). */
export class SlowMotionPanel {
  readonly root: HTMLElement;
  readonly nextButton: HTMLButtonElement;
  private list: HTMLOListElement;
  private live: HTMLElement;
  private hint: HTMLElement;
  private plan: SubStep[] = [];

  constructor(private hd: SlowMotionHandlers = { next: () => undefined, goTo: () => undefined, close: () => undefined }) {
    this.live = h('p', { class: 'lab-slowmo-text', 'aria-live': 'polite' });
    this.list = h('ol', { class: 'lab-slowmo-steps' });
    this.nextButton = h('button', { type: 'button', class: 'lab-btn lab-btn-primary lab-slowmo-next', title: SLOW_TEXT.nextLabel, 'aria-keyshortcuts': 'ArrowRight' }, SLOW_TEXT.next);
    this.nextButton.addEventListener('click', () => hd.next());
    const close = h('button', { type: 'button', class: 'lab-btn lab-slowmo-close', 'aria-label': SLOW_TEXT.close, title: SLOW_TEXT.close }, '✕');
    close.addEventListener('click', () => hd.close());
    this.hint = h('p', { class: 'lab-slowmo-hint' });
    this.root = h(
      'section',
      { class: 'lab-slowmo', 'aria-label': SLOW_TEXT.region, hidden: true },
      h('div', { class: 'lab-slowmo-head' }, h('h3', {}, SLOW_TEXT.heading), this.nextButton, close),
      this.list,
      this.live,
      this.hint,
    );
  }

  setPlan(plan: SubStep[]) {
    this.plan = plan;
    this.list.replaceChildren(
      ...plan.map((s, i) => {
        const b = h('button', { type: 'button', class: 'lab-slowmo-chip', title: SLOW_TEXT.chip(s), 'aria-label': SLOW_TEXT.chip(s) }, h('span', { class: 'lab-slowmo-num' }, String(s.n)), ' ', s.title);
        b.addEventListener('click', () => this.hd.goTo(i));
        return h('li', { 'data-step': s.n, class: `lab-slowmo-${s.phase.toLowerCase()}` }, b);
      }),
    );
  }

  /** Marks sub-step `index` (null: slow motion is off); `playing` says whether it narrates on by itself. */
  show(index: number | null, playing = false) {
    this.root.hidden = index === null;
    for (const li of this.list.children) {
      const on = index !== null && Number((li as HTMLElement).dataset.step) === index + 1;
      li.classList.toggle('is-current', on);
      const b = li.firstElementChild as HTMLElement | null;
      if (on) b?.setAttribute('aria-current', 'step');
      else b?.removeAttribute('aria-current');
    }
    this.hint.textContent = index !== null && !playing ? SLOW_TEXT.paused : '';
    if (index === null) {
      this.live.textContent = '';
      return;
    }
    const s = this.plan[index];
    this.live.textContent = s ? `${s.n}/${this.plan.length} · ${SLOW_TEXT.phase(s.phase)} · ${s.title}: ${s.text}` : '';
  }
}
