// What a view layer is: one entry of the registry (index.ts), one file each.
import type { PaletteToken } from '../../../styles/palette';
import type { GraphBox } from '../../graph-parts';
import type { TrainerFrame } from '../../model/types';
import type { LocalText } from '../../text';
import type { Colours } from '../palette';
import type { Transform } from '../plot';

/** Everything a layer's draw function gets: the context (clipped to the plot), the frame, the scale, the colours. */
export interface LayerDraw {
  ctx: CanvasRenderingContext2D;
  frame: TrainerFrame;
  t: Transform;
  colours: Colours;
  /** Radius of a sample's dot, CSS px. */
  pointRadius: number;
  /** Longest gradient line, CSS px. */
  gradientLength: number;
}

export interface ViewLayer<N extends string = string> {
  /** The name in the lab's API (`setLayers`) and in the lessons' `show=` / `hide=`. */
  readonly name: N;
  /** The key that shows or hides it (unique among layers). */
  readonly key: string;
  /** The legend chip's text. */
  readonly label: LocalText;
  /** What it shows (the chip's tooltip). */
  readonly description: LocalText;
  /** The model graph's box it shows (hovering or focusing either lights up the other). */
  readonly box?: GraphBox;
  /** Its colour in the palette. */
  readonly colour: PaletteToken;
  /** The legend swatch: its shape, and a CSS background when it is more than the colour. */
  readonly swatch: { shape: 'dot' | 'square' | 'line'; background?: string };
  /** Drawing order, bottom first (unique among layers). */
  readonly depth: number;
  /** Drawn beneath the plot's grid lines (a background that fills the plot). */
  readonly underGrid?: boolean;
  /** Off until something shows it (the others show until something hides them). */
  readonly hidden?: boolean;
  draw(d: LayerDraw): void;
}

/** Keeps the layer's name as a literal type, so the registry's names type-check everywhere they are used. */
export function defineLayer<const N extends string>(layer: ViewLayer<N>): ViewLayer<N> {
  return layer;
}
