// The lab's notices: short messages (info or error) a reader can dismiss; the newest four are kept.
import { t } from '../i18n';
import { h } from './dom';

export class Notices {
  readonly root = h('div', { class: 'lab-notices', role: 'status', 'aria-live': 'polite' });

  show(text: string, kind: 'info' | 'error' = 'info') {
    const close = h('button', { type: 'button', class: 'lab-notice-close', 'aria-label': t('notice.dismiss') }, '×');
    const p = h('div', { class: `lab-notice lab-notice-${kind}` }, h('span', { class: 'lab-notice-text' }, text), close);
    close.addEventListener('click', () => p.remove());
    this.root.append(p);
    while (this.root.children.length > 4) this.root.firstElementChild?.remove();
  }
}
