// The legend: one chip per view layer (from the registry, in key order) that shows or hides it.
import { LAYERS_BY_KEY, type LayerName, type LayerVisibility } from './layers';
import { getLocale, t } from '../i18n';
import { h } from './dom';

export class LayerLegend {
  readonly root = h('div', { class: 'lab-legend', role: 'group', 'aria-label': t('view.layers') });
  private chips = new Map<LayerName, HTMLButtonElement>();

  /** `hover` hears a chip hovered or focused (its name) and left (null): the graph lights its box. */
  constructor(toggle: (name: LayerName) => void, hover: (name: LayerName | null) => void = () => undefined) {
    for (const layer of LAYERS_BY_KEY) {
      const swatch = h('span', { class: `lab-swatch lab-swatch-${layer.swatch.shape}`, 'aria-hidden': 'true' });
      swatch.style.setProperty('--swatch', layer.swatch.background ?? `var(--${layer.colour})`);
      const chip = h(
        'button',
        { type: 'button', class: `lab-layer lab-layer-${layer.name}`, 'aria-pressed': 'true', 'data-layer': layer.name, title: t('view.layerTitle', { description: layer.description[getLocale()], key: layer.key }) },
        swatch,
        layer.label[getLocale()],
      );
      chip.addEventListener('click', () => toggle(layer.name));
      for (const t of ['pointerenter', 'focus'] as const) chip.addEventListener(t, () => hover(layer.name));
      for (const t of ['pointerleave', 'blur'] as const) chip.addEventListener(t, () => hover(null));
      this.chips.set(layer.name, chip);
      this.root.append(chip);
    }
  }

  /** Marks the chips of layers a hovered graph box stands for. */
  setLinked(names: Iterable<string>) {
    const set = new Set(names);
    for (const [name, chip] of this.chips) chip.classList.toggle('is-linked', set.has(name));
  }

  update(visible: LayerVisibility) {
    for (const [name, chip] of this.chips) chip.setAttribute('aria-pressed', String(visible[name]));
  }
}
