// The slow-motion narration box: the plan's numbered sub-steps (src/lab/slow-motion-plan.ts) as chips, the current
// one marked and read aloud, and a "Next sub-step" button, so that a paused lab is stepped by hand (a chip jumps
// there, doing the updates on the way).
import type { SubStep } from '../slow-motion-plan';
import { t } from '../i18n';
import { h } from './dom';

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
    this.nextButton = h('button', { type: 'button', class: 'lab-btn lab-btn-primary lab-slowmo-next', title: t('slow.nextTitle'), 'aria-keyshortcuts': 'ArrowRight' }, t('slow.next'));
    this.nextButton.addEventListener('click', () => hd.next());
    const close = h('button', { type: 'button', class: 'lab-btn lab-slowmo-close', 'aria-label': t('slow.close'), title: t('slow.close') }, '✕');
    close.addEventListener('click', () => hd.close());
    this.hint = h('p', { class: 'lab-slowmo-hint' });
    this.root = h(
      'section',
      { class: 'lab-slowmo', 'aria-label': t('slow.label'), hidden: true },
      h('div', { class: 'lab-slowmo-head' }, h('h3', {}, t('slow.heading')), this.nextButton, close),
      this.list,
      this.live,
      this.hint,
    );
  }

  setPlan(plan: SubStep[]) {
    this.plan = plan;
    this.list.replaceChildren(
      ...plan.map((s, i) => {
        const label = t(s.action ? 'slow.chipUpdate' : 'slow.chip', { n: String(s.n), title: s.title, text: s.text });
        const b = h('button', { type: 'button', class: 'lab-slowmo-chip', title: label, 'aria-label': label }, h('span', { class: 'lab-slowmo-num' }, String(s.n)), ' ', s.title);
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
    this.hint.textContent = index !== null && !playing ? t('slow.pausedHint') : '';
    if (index === null) {
      this.live.textContent = '';
      return;
    }
    const s = this.plan[index];
    this.live.textContent = s ? t('slow.live', { n: String(s.n), total: String(this.plan.length), phase: s.phase === 'D' ? t('slow.phaseD') : t('slow.phaseG'), title: s.title, text: s.text }) : '';
  }
}
