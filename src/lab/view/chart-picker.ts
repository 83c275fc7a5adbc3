// The chart picker: one toggle button per chart (the chart table, chart-kinds.ts), the pressed one the chart in
// front. A lesson's lab shows one chart at a time, the step's (`chart=`) until the reader picks another; the
// sandbox shows all three and hides the picker (lab.css).
import { t } from '../i18n';
import { CHART_KINDS, type ChartName } from './chart-kinds';
import { h } from './dom';

export class ChartPicker {
  readonly root = h('div', { class: 'lab-chart-picker', role: 'group', 'aria-label': t('chart.pick') });
  private buttons = new Map<ChartName, HTMLButtonElement>();

  constructor(pick: (name: ChartName) => void) {
    for (const c of CHART_KINDS) {
      const b = h('button', { type: 'button', class: 'lab-chart-tab', 'data-chart': c.name, 'aria-pressed': 'false' }, t(c.tab));
      b.addEventListener('click', () => pick(c.name));
      this.buttons.set(c.name, b);
      this.root.append(b);
    }
  }

  /** Marks `front` pressed; charts that cannot be shown (modes without a mixture) have no button. */
  update(front: ChartName, shown: (name: ChartName) => boolean) {
    for (const [name, b] of this.buttons) {
      b.setAttribute('aria-pressed', String(name === front));
      b.hidden = !shown(name);
    }
  }
}
