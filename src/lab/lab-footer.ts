// The lab's footer: which backend trains (and a switch), save / load / export PNG, and the share link (which is
// also the sandbox page's own URL).
import type { LabController } from './controller';
import type { TrainerSnapshot } from './model/types';
import { MAX_SAVE_BYTES } from './save-file';
import { encodePoints, MAX_LINK_POINTS_CHARS } from './points-code';
import { BACKENDS, urlCarriesAll, urlFromConfig, type BackendChoice } from './url-state';
import type { BackendInfo, BackendName } from './trainer-like';
import { t } from './i18n';
import { errorText } from './i18n/error-text';
import { fmt, h, uniqueId } from './view/dom';
import type { LayerVisibility } from './view/layers';


export interface FooterOptions {
  ctl: LabController;
  root: HTMLElement;
  backend: BackendChoice;
  /** Keep the page's URL in step with the config (the sandbox page). */
  urlState: boolean;
  notice(text: string, kind?: 'info' | 'error'): void;
  /** One line saying what the last action did. */
  said(text: string): void;
  /** The view as a PNG. */
  exportPng(done: (png: Blob) => void): void;
  toggleHelp(): void;
  /** Which layers show (the link carries them). */
  layers(): LayerVisibility;
}

function download(name: string, blob: Blob) {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: name, class: 'lab-visually-hidden' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 5000);
}

const errText = (err: unknown) => errorText(err);

function button(cls: string, text: string, label: string, fn: () => void): HTMLButtonElement {
  const b = h('button', { type: 'button', class: `lab-btn ${cls}`, 'aria-label': label, title: label }, text);
  b.addEventListener('click', fn);
  return b;
}

export class LabFooter {
  readonly root: HTMLElement;
  private choice: BackendChoice;
  private info = h('span', { class: 'lab-backend-info' });
  private select: HTMLSelectElement;
  private share: HTMLInputElement;
  private shareNote = h('span', { class: 'lab-share-note', role: 'status' });
  private saveButton!: HTMLButtonElement;
  private lastSearch = '';

  constructor(private o: FooterOptions) {
    this.choice = o.backend;
    const selectId = uniqueId('lab-backend');
    this.select = h('select', { id: selectId, class: 'lab-backend-select' });
    for (const b of BACKENDS) this.select.append(h('option', { value: b }, b === 'auto' ? t('backend.auto') : b));
    this.select.value = this.choice;
    this.select.addEventListener('change', () => void this.switchBackend(this.select.value as BackendChoice));
    const shareId = uniqueId('lab-share');
    this.share = h('input', { id: shareId, class: 'lab-share-input', readonly: true, type: 'text' });
    const help = button('lab-help-btn', '?', t('footer.help'), () => o.toggleHelp());
    help.setAttribute('aria-keyshortcuts', 'Shift+?');
    this.root = h(
      'div',
      { class: 'lab-footer' },
      h('span', { class: 'lab-backend' }, h('label', { for: selectId }, t('footer.backend')), this.select, ' ', this.info),
      h('span', { class: 'lab-files' }, ...this.files()),
      h('span', { class: 'lab-share' }, h('label', { for: shareId }, t('footer.link')), this.share, button('lab-copy', t('footer.copy'), t('link.copyTitle'), () => void this.copy())),
      this.shareNote,
      help,
    );
    this.shareNote.hidden = true;
  }

  private files(): HTMLElement[] {
    const { ctl, notice, said } = this.o;
    const save = (this.saveButton = button('lab-save', t('footer.save'), t('footer.saveTitle'), async () => {
      const file = await ctl.save();
      const snap: TrainerSnapshot = file.snapshot;
      download(`gan-lab-${snap.config.distribution}-it${snap.iteration}.json`, new Blob([JSON.stringify(file)], { type: 'application/json' }));
      said(t('footer.saved', { iteration: fmt(snap.iteration) }));
    }));
    const loadId = uniqueId('lab-load');
    const input = h('input', { id: loadId, type: 'file', accept: '.json,application/json', class: 'lab-visually-hidden lab-load-input' });
    input.addEventListener('change', async () => {
      const f = input.files?.[0];
      input.value = '';
      if (!f) return;
      try {
        // A file over the cap is refused by its size, unread.
        await ctl.loadSaveText(f.size > MAX_SAVE_BYTES ? '' : await f.text(), f.size);
        said(t('footer.loaded', { name: f.name, iteration: fmt(ctl.iteration) }));
      } catch (err) {
        notice(t('footer.loadFailed', { name: f.name, error: errText(err) }), 'error');
      }
    });
    const load = h('label', { for: loadId, class: 'lab-btn lab-load-label', title: t('footer.loadTitle') }, t('footer.load'));
    const png = button('lab-export', t('footer.png'), t('footer.pngTitle'), () => this.o.exportPng((b) => download(`gan-lab-it${ctl.iteration}.png`, b)));
    return [save, load, input, png];
  }

  private async copy() {
    this.updateShare(true);
    this.share.select();
    try {
      await navigator.clipboard.writeText(this.share.value);
      this.o.said(this.o.ctl.replayable || this.o.ctl.iteration === 0 ? t('footer.copied') : t('link.copiedFresh'));
    } catch {
      this.o.said(t('footer.copyManually'));
    }
  }

  /** Moves the run; if the new backend fails the run stays where it was (the controller says why). */
  private async switchBackend(choice: BackendChoice) {
    const { ctl, root } = this.o;
    root.dataset.backend = 'switching';
    let failed = false;
    try {
      await ctl.setBackend(choice as BackendName | 'auto');
    } catch {
      failed = true; // the controller has said why
    }
    // The select and the URL say where the run really is (a forced backend that could not start fell back; a switch
    // that moved the run and then failed a later read still moved it), 'auto' only when auto was asked and worked.
    const actual = ctl.state.backend?.backend;
    this.choice = choice === 'auto' && !failed ? 'auto' : actual ?? this.choice;
    this.select.value = this.choice;
    root.dataset.backend = ctl.state.backend?.backend ?? 'loading';
    this.updateShare();
  }

  showBackend(b: BackendInfo) {
    // Moved without being asked (a lost WebGL context): a forced choice follows, so select and URL stay true.
    if (this.choice !== 'auto' && this.choice !== b.backend && this.o.root.dataset.backend !== 'switching') {
      this.choice = b.backend;
      this.select.value = b.backend;
      this.updateShare();
    }
    this.o.root.dataset.backend = b.backend;
    this.info.textContent = b.renderer ? t('footer.backendInfoGpu', { backend: b.backend, renderer: b.renderer, reason: b.reason }) : t('footer.backendInfo', { backend: b.backend, reason: b.reason });
    this.info.title = b.reason;
  }

  /**
   * The share link for this run (and the page's URL, on the sandbox page): the config, the backend, the iteration
   * when the run can be replayed to it (on the backend it trained on), the layers and the speed. While playing it
   * is brought up to date when copied or paused, not at every frame.
   */
  updateShare(force = false) {
    const { ctl } = this.o;
    const config = ctl.config;
    if (!force && ctl.status === 'playing' && this.lastSearch) return;
    const iteration = ctl.replayable ? ctl.iteration : undefined;
    const backend = iteration ? ((ctl.state.backend?.backend as BackendChoice | undefined) ?? this.choice) : this.choice;
    const search = urlFromConfig(config, { backend, iteration, layers: this.o.layers(), speed: ctl.speed });
    this.share.value = `${location.origin}${location.pathname}${search}`;
    this.showShareNote();
    if (search === this.lastSearch) return;
    this.lastSearch = search;
    if (this.o.urlState) history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
  }

  /** Says when the link cannot carry the drawing, and offers the save file instead. */
  private showShareNote() {
    const config = this.o.ctl.config;
    const full = urlCarriesAll(config);
    this.shareNote.hidden = full;
    this.share.title = '';
    if (full) return this.shareNote.replaceChildren();
    const text = encodePoints(config.points).length > MAX_LINK_POINTS_CHARS ? t('link.tooLarge', { n: fmt(config.points.length), max: fmt(Math.floor(MAX_LINK_POINTS_CHARS / 4)) }) : t('link.notExact');
    const instead = h('button', { type: 'button', class: 'lab-btn lab-save-instead' }, t('link.saveInstead'));
    instead.addEventListener('click', () => this.saveButton.click());
    this.shareNote.replaceChildren(text, ' ', instead);
    this.share.title = text;
  }
}