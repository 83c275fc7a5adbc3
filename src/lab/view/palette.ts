// The palette as the page has it (src/styles/palette.css custom properties, which follow the reader's colour
// scheme), for what draws on canvases: the layered view, the graph's miniatures, the charts, the drawing pad.
import { PALETTE, PALETTE_TOKENS, parseHex, type Colours } from '../../styles/palette';

export type { Colours } from '../../styles/palette';
export type Rgb = readonly [number, number, number];

/** Every token's value for `el` from the stylesheet; the light table where there is none (Node, a detached element). */
export function readColours(el: Element | undefined): Colours {
  if (!el || typeof getComputedStyle !== 'function') return { ...PALETTE.light };
  const style = getComputedStyle(el);
  const out = {} as Colours;
  for (const t of PALETTE_TOKENS) out[t] = style.getPropertyValue(`--${t}`).trim() || PALETTE.light[t];
  return out;
}

/** Calls `cb` when the reader's colour scheme changes; returns the unsubscribe function. */
export function onColourSchemeChange(cb: () => void): () => void {
  if (typeof matchMedia !== 'function') return () => undefined;
  const mq = matchMedia('(prefers-color-scheme: dark)');
  mq.addEventListener('change', cb);
  return () => mq.removeEventListener('change', cb);
}

/** A palette colour as [r, g, b] (black if it is not a hex colour). */
export function rgb(colour: string): Rgb {
  const c = parseHex(colour);
  return c ? [c[0], c[1], c[2]] : [0, 0, 0];
}

/** A palette colour at `alpha` (times its own), as a canvas fill or stroke style. */
export function rgba(colour: string, alpha: number): string {
  const c = parseHex(colour) ?? [0, 0, 0, 1];
  return `rgba(${c[0]},${c[1]},${c[2]},${Number((alpha * c[3]).toFixed(3))})`;
}
