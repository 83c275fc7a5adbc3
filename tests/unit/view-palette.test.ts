// The one palette: palette.css is generated from src/styles/palette.ts, and nothing else in the site's styles or
// the lab's code spells a colour of its own.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PALETTE, PALETTE_TOKENS, paletteCss, parseHex } from '../../src/styles/palette';
import { readColours } from '../../src/lab/view/palette';

const ROOT = join(__dirname, '..', '..');
const CSS = join(ROOT, 'src/styles/palette.css');

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && ext.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

describe('palette', () => {
  it('palette.css is generated from palette.ts', () => {
    if (process.env.UPDATE_PALETTE) writeFileSync(CSS, paletteCss());
    expect(readFileSync(CSS, 'utf8'), 'run UPDATE_PALETTE=1 npx vitest run tests/unit/view-palette.test.ts').toBe(paletteCss());
  });

  it('defines every token as a colour in both schemes, with real green, fake purple and gradients pink', () => {
    for (const scheme of ['light', 'dark'] as const)
      for (const t of PALETTE_TOKENS) expect(parseHex(PALETTE[scheme][t]), `${scheme} ${t}`).not.toBeNull();
    for (const scheme of ['light', 'dark'] as const) {
      const [rr, rg, rb] = parseHex(PALETTE[scheme].real)!;
      const [fr, fg, fb] = parseHex(PALETTE[scheme].fake)!;
      const [gr, gg, gb] = parseHex(PALETTE[scheme].grad)!;
      expect(rg).toBeGreaterThan(Math.max(rr, rb)); // green
      expect(Math.min(fr, fb)).toBeGreaterThan(fg); // purple: red and blue over green
      expect(fb).toBeGreaterThan(fr);
      expect(gr).toBeGreaterThan(Math.max(gg, gb)); // pink: red first, then blue
      expect(gb).toBeGreaterThan(gg);
    }
    expect(parseHex('#0000000f')).toEqual([0, 0, 0, 15 / 255]);
    expect(parseHex('red')).toBeNull();
  });

  it('falls back to the light table where no stylesheet is there (Node)', () => {
    expect(readColours(undefined)).toEqual(PALETTE.light);
  });

  it('leaves no colour literal in the styles or the lab (only the palette spells colours)', () => {
    const offenders: string[] = [];
    const literal = /#[0-9a-f]{3,8}\b|rgba?\(\s*\d/gi;
    const lab = files('src/lab', /\.(ts|css)$/).filter((f) => !f.includes(`${join('src', 'lab', 'model')}`)); // the model draws nothing
    for (const f of [...files('src/styles', /\.css$/), ...lab, join(ROOT, 'src/lessons/thumbnail.ts')]) {
      if (f.endsWith('palette.css')) continue;
      const text = readFileSync(f, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');
      for (const m of text.matchAll(literal)) offenders.push(`${f.slice(ROOT.length + 1)}: ${m[0]}`);
    }
    expect(offenders).toEqual([]);
  });
});
