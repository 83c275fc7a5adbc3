// The view-layer registry: every layer of the distribution view, one file each in this folder. The canvas
// (layered-canvas.ts) draws them by depth, the legend chips and the keyboard follow their keys, and the lessons'
// `show=` / `hide=` vocabulary (src/lessons/vocabulary.ts) is their names, listed in this order (which is also
// the order lesson errors and the authoring docs list them in).
//
// Adding a layer: a file here (name, key, label, colour, depth, draw) and one entry below.
import { fake } from './fake';
import { gradients } from './gradients';
import { heatmap } from './heatmap';
import type { ViewLayer } from './layer';
import { manifold } from './manifold';
import { optimal } from './optimal';
import { real } from './real';

export const VIEW_LAYERS = [real, fake, manifold, heatmap, gradients, optimal] as const;

export type LayerName = (typeof VIEW_LAYERS)[number]['name'];
export type LayerVisibility = Record<LayerName, boolean>;
export type { LayerDraw, ViewLayer } from './layer';

export const LAYER_NAMES: readonly LayerName[] = VIEW_LAYERS.map((l) => l.name);

/** Every layer shows until something hides it, except a `hidden` one, which waits to be shown. */
export const DEFAULT_LAYERS: LayerVisibility = Object.fromEntries(VIEW_LAYERS.map((l) => [l.name, !('hidden' in l && l.hidden)])) as LayerVisibility;

/** Bottom first. */
export const LAYERS_BY_DEPTH: readonly ViewLayer<LayerName>[] = [...VIEW_LAYERS].sort((a, b) => a.depth - b.depth);

/** The legend's order: by key. */
export const LAYERS_BY_KEY: readonly ViewLayer<LayerName>[] = [...VIEW_LAYERS].sort((a, b) => a.key.localeCompare(b.key, 'en', { numeric: true }));

const byKey = new Map<string, ViewLayer<LayerName>>(VIEW_LAYERS.map((l) => [l.key, l]));

/** The layer a key toggles, if any. */
export function layerForKey(key: string): ViewLayer<LayerName> | undefined {
  return byKey.get(key);
}

export function isLayerName(name: string): name is LayerName {
  return (LAYER_NAMES as readonly string[]).includes(name);
}

/** The layers that show what a model-graph box stands for (the generator's box: the manifold). */
export function layersOfBox(box: string): LayerName[] {
  return VIEW_LAYERS.filter((l) => 'box' in l && l.box === box).map((l) => l.name);
}
