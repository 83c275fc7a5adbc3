// The lab's footer: which backend trains (and a switch), save / load / export PNG, and the share link (which is
// also the sandbox page's own URL).
import type { LabController } from './controller';
import type { TrainerSnapshot } from './model/types';
import { encodePoints, MAX_LINK_POINTS_CHARS } from './points-code';
import { BACKENDS, urlCarriesAll, urlFromConfig, type BackendChoice } from './url-state';
import type { BackendInfo, BackendName } from './trainer-like';
import { fmt, h, uniqueId } from './view/dom';
import type { LayerVisibility } from './view/layers';

/** The footer's words about links (one place). */
export const LINK_TEXT = {
  copied: 'Link copied.',
  copiedFresh: 'Link copied. It starts a fresh run: this one was edited part-way (or stepped D or G alone), so it cannot be replayed to its iteration.',
  selectIt: 'Select the link and copy it.',
  tooLarge: (n: number) => `The drawing (${fmt(n)} points) is too large for a link (about ${fmt(Math.floor(MAX_LINK_POINTS_CHARS / 4))} points fit): the link carries the settings only. Save a file to keep the drawing.`,
  notExact: 'These points need more precision than a link keeps: the link carries the settings only. Save a file to keep them.',
  saveInstead: 'Save a file instead',
};

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

const errText = (err: unknown) => (err instanceof Error ? err.message : String(err));

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
    for (const b of BACKENDS) this.select.append(h('option', { value: b }, b));
    this.select.value = this.choice;
    this.select.addEventListener('change', () => void this.switchBackend(this.select.value as BackendChoice));
    const shareId = uniqueId('lab-share');
    this.share = h('input', { id: shareId, class: 'lab-share-input', readonly: true, type: 'text' });
    const help = button('lab-help-btn', '?', 'Keyboard shortcuts', () => o.toggleHelp());
    help.setAttribute('aria-keyshortcuts', 'Shift+?');
    this.root = h(
      'div',
      { class: 'lab-footer' },
      h('span', { class: 'lab-backend' }, h('label', { for: selectId }, 'Backend '), this.select, ' ', this.info),
      h('span', { class: 'lab-files' }, ...this.files()),
      h('span', { class: 'lab-share' }, h('label', { for: shareId }, 'Link '), this.share, button('lab-copy', 'Copy link', 'Copy a link to this run: its settings, iteration, layers and speed', () => void this.copy())),
      this.shareNote,
      help,
    );
    this.shareNote.hidden = true;
  }

  private files(): HTMLElement[] {
    const { ctl, notice, said } = this.o;
    const save = (this.saveButton = button('lab-save', '⤓ Save', 'Save config and weights to a JSON file', async () => {
      const file = await ctl.save();
      const snap: TrainerSnapshot = file.snapshot;
      download(`gan-lab-${snap.config.distribution}-it${snap.iteration}.json`, new Blob([JSON.stringify(file)], { type: 'application/json' }));
      said(`Saved iteration ${fmt(snap.iteration)}.`);
    }));
    const loadId = uniqueId('lab-load');
    const input = h('input', { id: loadId, type: 'file', accept: '.json,application/json', class: 'lab-visually-hidden lab-load-input' });
    input.addEventListener('change', async () => {
      const f = input.files?.[0];
      input.value = '';
      if (!f) return;
      if (f.size > 20 * 1024 * 1024) return notice(`"${f.name}" is too large for a saved lab (over 20 MB).`, 'error');
      try {
        await ctl.loadSaveText(await f.text());
        said(`Loaded "${f.name}" at iteration ${fmt(ctl.iteration)}.`);
      } catch (err) {
        notice(`Could not load "${f.name}": ${errText(err)}`, 'error');
      }
    });
    const load = h('label', { for: loadId, class: 'lab-btn lab-load-label', title: 'Load a saved lab (JSON)' }, '⤒ Load');
    const png = button('lab-export', 'Export PNG', 'Export the view as a PNG image', () => this.o.exportPng((b) => download(`gan-lab-it${ctl.iteration}.png`, b)));
    return [save, load, input, png];
  }

  private async copy() {
    this.updateShare(true);
    this.share.select();
    try {
      await navigator.clipboard.writeText(this.share.value);
      this.o.said(this.o.ctl.replayable || this.o.ctl.iteration === 0 ? LINK_TEXT.copied : LINK_TEXT.copiedFresh);
    } catch {
      this.o.said(LINK_TEXT.selectIt);
    }
  }

  /** Moves the run; if the new backend fails the run stays where it was (the controller says why). */
  private async switchBackend(choice: BackendChoice) {
    const { ctl, root } = this.o;
    root.dataset.backend = 'switching';
    try {
      await ctl.setBackend(choice as BackendName | 'auto');
      this.choice = choice;
    } catch {
      this.select.value = this.choice;
    }
    root.dataset.backend = ctl.state.backend?.backend ?? 'loading';
    this.updateShare();
  }

  showBackend(b: BackendInfo) {
    this.o.root.dataset.backend = b.backend;
    this.info.textContent = `${b.backend}${b.renderer ? ` · GPU: ${b.renderer}` : ''} · ${b.reason}`;
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
    const text = encodePoints(config.points).length > MAX_LINK_POINTS_CHARS ? LINK_TEXT.tooLarge(config.points.length) : LINK_TEXT.notExact;
    const instead = h('button', { type: 'button', class: 'lab-btn lab-save-instead' }, LINK_TEXT.saveInstead);
    instead.addEventListener('click', () => this.saveButton.click());
    this.shareNote.replaceChildren(text, ' ', instead);
    this.share.title = text;
  }
}