// The legend: one chip per view layer (from the registry, in key order) that shows or hides it.
import { LAYERS_BY_KEY, type LayerName, type LayerVisibility } from './layers';
import { getLocale, t } from '../i18n';
import { h } from './dom';

export class LayerLegend {
  readonly root = h('div', { class: 'lab-legend', role: 'group', 'aria-label': t('view.layers') });
  private chips = new Map<LayerName, HTMLButtonElement>();

  constructor(toggle: (name: LayerName) => void) {
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
      this.chips.set(layer.name, chip);
      this.root.append(chip);
    }
  }

  update(visible: LayerVisibility) {
    for (const [name, chip] of this.chips) chip.setAttribute('aria-pressed', String(visible[name]));
  }
}
