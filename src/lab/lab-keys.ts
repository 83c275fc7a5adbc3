// The lab's keyboard: transport keys, slow motion, reset, a new seed, the shortcut list, and one key per view
// layer (from the layer registry).
import type { LabController } from './controller';
import { getLocale, t } from './i18n';
import { LAYERS_BY_KEY, layerForKey, type LayerName } from './view/layers';

/** Consecutive single digits read as a range ("1 – 5"), anything else as a list. */
function keyList(keys: string[]): string {
  const digits = keys.every((k) => /^\d$/.test(k)) && keys.every((k, i) => i === 0 || Number(k) === Number(keys[i - 1]) + 1);
  return digits && keys.length > 2 ? `${keys[0]} – ${keys[keys.length - 1]}` : keys.join(', ');
}

/** The shortcut list the help dialog shows. */
export function shortcuts(): [string, string][] {
  return [
    [t('keys.space'), t('keys.playPause')],
    ['→', t('keys.step')],
    ['↑', t('keys.stepD')],
    ['↓', t('keys.stepG')],
    ['M', t('keys.slow')],
    ['R', t('keys.reset')],
    ['N', t('keys.seed')],
    [keyList(LAYERS_BY_KEY.map((l) => l.key)), t('keys.layers', { layers: LAYERS_BY_KEY.map((l) => l.label[getLocale()].toLowerCase()).join(t('settings.listJoin')) })],
    ['?', t('keys.help')],
  ];
}

export interface KeyActions {
  newSeed(): void;
  toggleLayer(name: LayerName): void;
  toggleHelp(): void;
  /** Closes the shortcut list; false if it was not open. */
  closeHelp(): boolean;
}

/** The keydown handler for a lab in `root` (keys typed into fields and presses on buttons are left alone). */
export function labKeyHandler(root: HTMLElement, ctl: LabController, act: KeyActions): (e: KeyboardEvent) => void {
  const commands: Record<string, () => void> = {
    ' ': () => ctl.toggle(),
    ArrowRight: () => void (ctl.slowMotion ? ctl.nextSubStep() : ctl.step('both')),
    ArrowUp: () => void ctl.step('d'),
    ArrowDown: () => void ctl.step('g'),
    m: () => ctl.toggleSlowMotion(),
    r: () => void ctl.reset(),
    n: () => act.newSeed(),
    '?': () => act.toggleHelp(),
  };
  return (e) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target as HTMLElement | null;
    const tag = t?.tagName;
    if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA' || t?.isContentEditable) return;
    if ((e.key === ' ' || e.key === 'Enter') && (tag === 'BUTTON' || tag === 'SUMMARY' || tag === 'A' || tag === 'LABEL')) return;
    const inLab = !t || t === document.body || root.contains(t);
    if (!inLab) return;
    const key = e.key.length === 1 && e.key !== ' ' && e.key !== '?' ? e.key.toLowerCase() : e.key;
    const layer = layerForKey(e.key);
    let handled = true;
    if (Object.prototype.hasOwnProperty.call(commands, key)) commands[key]();
    else if (e.key === 'Escape') handled = act.closeHelp();
    else if (layer) act.toggleLayer(layer.name);
    else handled = false;
    if (handled) e.preventDefault();
  };
}
