// A chapter's picture for the table of contents: its last step's state (real points green, fakes purple), drawn
// at build time from the baked snapshot as a small static SVG. Pure string building; numbers only. Its colours are
// the site palette's (src/styles/palette.ts), both schemes: the SVG follows the reader's, as the page does.
import type { TrainerFrame } from '../lab/model/types';
import { PALETTE } from '../styles/palette';
import { initNodeBackend } from '../lab/model/backend-node';
import { Trainer } from '../lab/model/trainer';
import type { TrainerSnapshot } from '../lab/model/types';

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

/** Renders a baked snapshot's thumbnail (trains nothing: one frame of the restored state). */
export async function thumbnailFromSnapshot(snapshot: TrainerSnapshot, label: string): Promise<string> {
  await initNodeBackend('wasm');
  const t = Trainer.fromSnapshot(snapshot);
  try {
    const f = await t.frame();
    if (!f) throw new Error('the baked state has diverged');
    return thumbnailSvg(f, label);
  } finally {
    t.dispose();
  }
}
