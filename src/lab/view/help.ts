// The keyboard-shortcut list, a small dialog toggled with "?".
import { t } from '../i18n';
import { h } from './dom';

export class ShortcutHelp {
  readonly root: HTMLElement;

  constructor(shortcuts: readonly (readonly [string, string])[]) {
    const close = h('button', { type: 'button', class: 'lab-btn lab-help-close', 'aria-label': t('help.close'), title: t('help.close') }, t('help.closeText'));
    close.addEventListener('click', () => this.toggle(false));
    this.root = h(
      'div',
      { class: 'lab-help', role: 'dialog', 'aria-modal': 'false', 'aria-label': t('help.title'), hidden: true, tabindex: '-1' },
      h('h3', {}, t('help.title')),
      h('dl', {}, ...shortcuts.flatMap(([k, v]) => [h('dt', {}, h('kbd', {}, k)), h('dd', {}, v)])),
      close,
    );
  }

  get open(): boolean {
    return !this.root.hidden;
  }

  toggle(show = !this.open) {
    this.root.hidden = !show;
    if (show) this.root.focus();
  }
}
