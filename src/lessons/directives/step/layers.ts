// `show=` and `hide=`: which layers of the lab's view are visible, from this step on.
import type { Attr } from '../../attributes';
import { readList } from '../../attribute-checks';
import { DEFAULT_LAYERS, LAYERS, type Layer, type LayerMap } from '../../vocabulary';
import { defineStepPart } from './part';

export interface LayerActions {
  /** Every layer's visibility at this step (show/hide persist from the step that sets them). */
  layers: LayerMap;
}

interface Draft {
  show: Layer[];
  hide: Layer[];
  hideAttr?: Attr;
}

export const layers = defineStepPart<LayerActions>()({
  draft: (): Draft => ({ show: [], hide: [] }),
  attributes: [
    {
      name: 'show',
      value: 'list',
      values: LAYERS,
      allowed: 'a comma list of [layers](#layers)',
      doc: 'show these layers from this step on',
      read(a, d, sink) {
        d.show = readList(a, LAYERS, sink, 'layers');
      },
    },
    {
      name: 'hide',
      value: 'list',
      values: LAYERS,
      allowed: 'a comma list of [layers](#layers)',
      doc: 'hide these layers from this step on (a layer cannot be shown and hidden on the same step)',
      read(a, d, sink) {
        d.hide = readList(a, LAYERS, sink, 'layers');
        d.hideAttr = a;
      },
    },
  ],
  check(d, sink) {
    if (!d.hideAttr) return;
    for (const l of d.hide.filter((x) => d.show.includes(x))) sink.add(d.hideAttr.line, d.hideAttr.col, `layer "${l}" is both shown and hidden on this step`);
  },
  resolve(d, _at, prev): LayerActions {
    const out: LayerMap = { ...(prev?.layers ?? DEFAULT_LAYERS) };
    for (const l of d.show) out[l] = true;
    for (const l of d.hide) if (!d.show.includes(l)) out[l] = false;
    return { layers: out };
  },
  runtime: ['layers'],
  checkpoint: [],
});
