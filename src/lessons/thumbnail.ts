// A chapter's picture for the table of contents: its last step's state (real points green, fakes purple), drawn
// at build time from the baked snapshot as a small static SVG. Pure string building; numbers only. Its colours are
// the site palette's (src/styles/palette.ts), both schemes: the SVG follows the reader's, as the page does.
//
// The file is named by the snapshot's key and the picture's version (thumbnailFile): a hash of what this module
// draws for a fixed probe frame, so a palette or drawing change gives new files (the build cache keeps old ones
// under their old names, and browsers never see a stale picture under a name they have cached).
import type { TrainerFrame } from '../lab/model/types';
import { PALETTE } from '../styles/palette';

const SIZE = 120;
const STYLE =
  `.bg{fill:${PALETTE.light['thumb-bg']}}.real{fill:${PALETTE.light.real}}.fake{fill:${PALETTE.light.fake}}` +
  `@media (prefers-color-scheme:dark){.bg{fill:${PALETTE.dark['thumb-bg']}}.real{fill:${PALETTE.dark.real}}.fake{fill:${PALETTE.dark.fake}}}`;

function dots(points: Float32Array, frame: TrainerFrame, cls: 'real' | 'fake', r: number, max: number): string {
  const { xMin, xMax, yMin, yMax } = frame.bounds;
  const out: string[] = [];
  for (let i = 0; i + 1 < points.length && out.length < max; i += 2) {
    const x = ((points[i] - xMin) / (xMax - xMin)) * SIZE;
    const y = SIZE - ((points[i + 1] - yMin) / (yMax - yMin)) * SIZE;
    if (!(x >= 0 && x <= SIZE && y >= 0 && y <= SIZE)) continue;
    out.push(`<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${r}"/>`);
  }
  return `<g class="${cls}" fill-opacity="0.7">${out.join('')}</g>`;
}

/** The SVG text for a frame: the real cloud under the fakes, in the view's bounds. */
export function thumbnailSvg(frame: TrainerFrame, label: string): string {
  const esc = label.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${SIZE} ${SIZE}" width="${SIZE}" height="${SIZE}" role="img" aria-label="${esc}">` +
    `<style>${STYLE}</style>` +
    `<rect class="bg" width="${SIZE}" height="${SIZE}"/>` +
    dots(frame.real, frame, 'real', 1.3, 300) +
    dots(frame.fake, frame, 'fake', 1.3, 300) +
    `</svg>`
  );
}

/** FNV-1a, 32 bits, as 8 hex digits. */
function hash8(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

const PROBE = {
  bounds: { xMin: 0, xMax: 1, yMin: 0, yMax: 1 },
  real: new Float32Array([0.25, 0.25, 0.5, 0.5]),
  fake: new Float32Array([0.75, 0.75]),
} as unknown as TrainerFrame;

/** The picture's version: changes whenever the palette or the drawing does. */
export const THUMBNAIL_VERSION = hash8(thumbnailSvg(PROBE, 'probe'));

/** A chapter's picture's file name (in the bake cache and under baked/ in the site), from its last step's key. */
export function thumbnailFile(key: string): string {
  return `${key}-${THUMBNAIL_VERSION}.svg`;
}
