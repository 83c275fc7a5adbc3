// Transport controls (play/pause, reset, step D/G/both, slow motion, speed) and the hyperparameter editors,
// generated from CONFIG_KEYS. Edits are validated with the one schema before anything reaches the trainer.
import { allowedLocal, effectText, enumLabel, fieldDescription, fieldLabel, issuesText } from '../i18n/config-text';
import { t } from '../i18n';
import {
  applyPatch,
  CONFIG_KEYS,
  changeEffect,
  getPath,
  parseAssignments,
  type ChangeEffect,
  type GanConfig,
  type KeyInfo,
  type PartialConfig,
} from '../model/config';
import { fmt, h, uniqueId } from './dom';

/** A key's name as the reader sees it on a keyboard ("Space" is a word). */
const keyName = (keys: string) => (keys === 'Space' ? t('keys.space') : keys.replace('ArrowUp', '↑').replace('ArrowDown', '↓').replace('ArrowRight', '→'));

/** Keys the editor shows (the distribution and its points have their own picker). */
export const EDITABLE_KEYS: readonly KeyInfo[] = CONFIG_KEYS.filter((k) => k.kind !== 'points' && k.path !== 'distribution');

export { effectText };

export const SPEEDS = [1, 2, 5, 10, 20, 50, 100] as const;

export const GROUPS = [
  { prefix: 'generator.', name: 'generator' },
  { prefix: 'discriminator.', name: 'discriminator' },
  { prefix: 'noise.', name: 'noise' },
  { prefix: '', name: 'training' },
] as const;
type GroupName = (typeof GROUPS)[number]['name'];

export function groupOf(path: string): GroupName {
  return GROUPS.find((g) => g.prefix && path.startsWith(g.prefix))?.name ?? 'training';
}

/** The field's label in the page's locale (i18n/config-text.ts). */
export function labelOf(k: KeyInfo): string {
  return fieldLabel(k.path);
}

export type EditResult = { ok: true; patch: PartialConfig; config: GanConfig; effect: ChangeEffect } | { ok: false; message: string };

/** Validates one edited value (as typed) against the current config with the one schema. */
export function validateEdit(config: GanConfig, path: string, raw: string): EditResult {
  const { patch, issues } = parseAssignments([[path, raw]]);
  if (issues.length) return { ok: false, message: issuesText(issues) };
  const r = applyPatch(config, patch);
  if (!r.ok) return { ok: false, message: issuesText(r.issues) };
  return { ok: true, patch, config: r.config, effect: changeEffect(path) };
}

export function inputStep(k: KeyInfo): string {
  return k.kind === 'int' ? '1' : 'any';
}

export interface TransportState {
  playing: boolean;
  status: 'playing' | 'paused' | 'diverged';
  iteration: number;
  speed: number;
  slowMotion: boolean;
}

export interface TransportHandlers {
  togglePlay(): void;
  reset(): void;
  step(which: 'd' | 'g' | 'both'): void;
  toggleSlowMotion(): void;
  setSpeed(n: number): void;
}

/** The transport bar. */
export class Transport {
  readonly root: HTMLElement;
  readonly playButton: HTMLButtonElement;
  private counter: HTMLElement;
  private slowButton: HTMLButtonElement;
  private speed: HTMLSelectElement;
  private stepButtons: HTMLButtonElement[];

  constructor(hd: TransportHandlers) {
    const btn = (cls: string, label: string, text: string, onClick: () => void, keys?: string) => {
      const b = h('button', { type: 'button', class: `lab-btn ${cls}`, 'aria-label': label, title: keys ? t('transport.withKeys', { label, keys: keyName(keys) }) : label, 'aria-keyshortcuts': keys }, text);
      b.addEventListener('click', onClick);
      return b;
    };
    this.playButton = btn('lab-play', t('transport.play'), t('transport.playText'), () => hd.togglePlay(), 'Space');
    const reset = btn('lab-reset', t('transport.reset'), t('transport.resetText'), () => hd.reset(), 'R');
    const sd = btn('lab-step-d', t('transport.stepD'), t('transport.stepDText'), () => hd.step('d'), 'ArrowUp');
    const sg = btn('lab-step-g', t('transport.stepG'), t('transport.stepGText'), () => hd.step('g'), 'ArrowDown');
    const sb = btn('lab-step-both', t('transport.stepBoth'), t('transport.stepBothText'), () => hd.step('both'), 'ArrowRight');
    this.stepButtons = [sd, sg, sb];
    this.slowButton = btn('lab-slowmo-btn', t('transport.slow'), t('transport.slowText'), () => hd.toggleSlowMotion(), 'M');
    this.slowButton.setAttribute('aria-pressed', 'false');
    const speedId = uniqueId('lab-speed');
    this.speed = h('select', { id: speedId, class: 'lab-speed' });
    for (const s of SPEEDS) this.speed.append(h('option', { value: s }, t('transport.speedOption', { n: s })));
    this.speed.addEventListener('change', () => hd.setSpeed(Number(this.speed.value)));
    this.counter = h('output', { class: 'lab-iteration', 'aria-live': 'off' }, '0');
    this.root = h(
      'div',
      { class: 'lab-transport', role: 'toolbar', 'aria-label': t('transport.label') },
      this.playButton,
      reset,
      h('span', { class: 'lab-step-group' }, sd, sg, sb),
      this.slowButton,
      h('label', { class: 'lab-speed-label', for: speedId, title: t('transport.speedTitle') }, t('transport.speed'), this.speed),
      h('span', { class: 'lab-counter' }, h('span', { class: 'lab-counter-label' }, t('transport.iteration')), this.counter),
    );
  }

  update(s: TransportState) {
    const label = s.playing ? t('transport.pause') : t('transport.play');
    if (this.playButton.getAttribute('aria-label') !== label) {
      this.playButton.setAttribute('aria-label', label);
      this.playButton.textContent = s.playing ? t('transport.pauseText') : t('transport.playText');
    }
    this.playButton.disabled = s.status === 'diverged';
    this.counter.textContent = fmt(s.iteration);
    if (this.speed.value !== String(s.speed)) this.speed.value = String(s.speed);
    this.slowButton.setAttribute('aria-pressed', String(s.slowMotion));
    this.slowButton.classList.toggle('is-on', s.slowMotion);
    // In slow motion the step buttons walk the narration to the matching update (the controller's step()).
    for (const b of this.stepButtons) b.disabled = s.status === 'diverged';
  }
}

interface Field {
  key: KeyInfo;
  input: HTMLInputElement | HTMLSelectElement;
  error: HTMLElement;
}

/** The hyperparameter editors: one labelled field per config key, grouped, each saying what a change costs. */
export class ConfigEditor {
  readonly root: HTMLElement;
  private fields = new Map<string, Field>();
  private config: GanConfig;

  constructor(config: GanConfig, private onPatch: (patch: PartialConfig, path: string, effect: ChangeEffect) => void, private onNewSeed: () => void) {
    this.config = config;
    this.root = h('div', { class: 'lab-editor' });
    for (const g of GROUPS) {
      const keys = EDITABLE_KEYS.filter((k) => groupOf(k.path) === g.name);
      if (!keys.length) continue;
      const fs = h('fieldset', { class: `lab-fieldset lab-fieldset-${g.name}` }, h('legend', {}, t(`group.${g.name}`)));
      for (const k of keys) fs.append(this.field(k));
      this.root.append(fs);
    }
    this.update(config);
  }

  private field(k: KeyInfo): HTMLElement {
    const id = uniqueId(`lab-${k.path.replace(/\./g, '-')}`);
    const errId = `${id}-error`;
    const hintId = `${id}-hint`;
    let input: HTMLInputElement | HTMLSelectElement;
    if (k.kind === 'enum') {
      input = h('select', { id, name: k.path, 'aria-describedby': `${hintId} ${errId}` });
      for (const v of k.values!) input.append(h('option', { value: v }, enumLabel(k.path, v)));
    } else if (k.kind === 'boolean') {
      input = h('input', { id, name: k.path, type: 'checkbox', 'aria-describedby': `${hintId} ${errId}` });
    } else {
      input = h('input', { id, name: k.path, type: 'number', inputmode: k.kind === 'int' ? 'numeric' : 'decimal', min: k.min, max: k.max, step: inputStep(k), 'aria-describedby': `${hintId} ${errId}` });
    }
    input.dataset.path = k.path;
    const error = h('span', { id: errId, class: 'lab-field-error', role: 'alert' });
    const effect = changeEffect(k.path);
    const hint = h('span', { id: hintId, class: `lab-field-hint lab-effect-${effect}`, title: t('field.title', { description: fieldDescription(k), allowed: allowedLocal(k, true) }) }, effectText(effect));
    const field: Field = { key: k, input, error };
    this.fields.set(k.path, field);
    input.addEventListener('change', () => this.commit(field));
    const row = h('div', { class: 'lab-field', 'data-path': k.path }, h('label', { for: id, title: fieldDescription(k) }, labelOf(k)), input);
    if (k.path === 'seed') {
      const b = h('button', { type: 'button', class: 'lab-btn lab-new-seed', 'aria-label': t('field.newSeed') }, t('field.newSeedText'));
      b.addEventListener('click', () => this.onNewSeed());
      row.append(b);
    }
    row.append(hint, error);
    return row;
  }

  private commit(f: Field) {
    const raw = f.input instanceof HTMLInputElement && f.input.type === 'checkbox' ? String(f.input.checked) : f.input.value;
    const r = validateEdit(this.config, f.key.path, raw);
    if (!r.ok) {
      f.input.setAttribute('aria-invalid', 'true');
      f.error.textContent = r.message;
      return;
    }
    f.input.removeAttribute('aria-invalid');
    f.error.textContent = '';
    this.onPatch(r.patch, f.key.path, r.effect);
  }

  /** Shows the config's values (a field holding an invalid edit keeps the reader's text). */
  update(config: GanConfig) {
    this.config = config;
    for (const f of this.fields.values()) {
      const v = getPath(config, f.key.path);
      if (f.input instanceof HTMLInputElement && f.input.type === 'checkbox') f.input.checked = Boolean(v);
      else if (f.input.getAttribute('aria-invalid') !== 'true' || document.activeElement !== f.input) {
        if (f.input.value !== String(v)) f.input.value = String(v);
        f.input.removeAttribute('aria-invalid');
        f.error.textContent = '';
      }
    }
  }
}
