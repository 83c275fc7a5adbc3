// The slow-motion narration box: the plan's numbered sub-steps (src/lab/slow-motion-plan.ts), the current one
// marked and read aloud.
import type { SubStep } from '../slow-motion-plan';
import { t } from '../i18n';
import { h } from './dom';

/** The narration box: a numbered list of sub-steps, the current one marked and read aloud (aria-live). */
export class SlowMotionPanel {
  readonly root: HTMLElement;
  private list: HTMLOListElement;
  private live: HTMLElement;
  private plan: SubStep[] = [];

  constructor() {
    this.live = h('p', { class: 'lab-slowmo-text', 'aria-live': 'polite' });
    this.list = h('ol', { class: 'lab-slowmo-steps' });
    this.root = h('section', { class: 'lab-slowmo', 'aria-label': t('slow.label'), hidden: true }, h('h3', {}, t('slow.heading')), this.list, this.live);
  }

  setPlan(plan: SubStep[]) {
    this.plan = plan;
    this.list.replaceChildren(
      ...plan.map((s) => h('li', { 'data-step': s.n, class: `lab-slowmo-${s.phase.toLowerCase()}`, title: s.text }, h('span', { class: 'lab-slowmo-num' }, String(s.n)), ' ', s.title)),
    );
  }

  show(index: number | null) {
    this.root.hidden = index === null;
    for (const li of this.list.children) li.classList.toggle('is-current', index !== null && Number((li as HTMLElement).dataset.step) === index + 1);
    if (index === null) {
      this.live.textContent = '';
      return;
    }
    const s = this.plan[index];
    this.live.textContent = s ? t('slow.live', { n: String(s.n), total: String(this.plan.length), phase: s.phase === 'D' ? t('slow.phaseD') : t('slow.phaseG'), title: s.title, text: s.text }) : '';
  }
}
