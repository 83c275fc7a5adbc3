// The site's one palette, light and dark. Every colour the site shows comes from here: the CSS custom properties
// in palette.css (generated from this table; tests/unit/view-palette.test.ts fails if they differ, and rewrites
// the file with UPDATE_PALETTE=1), the lab's canvas and charts (which read the custom properties at run time, so
// they follow the page's colour scheme) and the build-time table-of-contents thumbnails (Node, no DOM: they import
// this table). A TS table rather than parsing the CSS at build time: the thumbnails and the Node tests need the
// values without a stylesheet, and the compiler checks every token is defined in both schemes.
//
// Meaning is fixed: real samples green, fake samples purple, gradients pink. Values are #rrggbb or #rrggbbaa.

export const PALETTE = {
  light: {
    real: '#1b9e4b', // real samples; D says "real"
    fake: '#7b3fbf', // generated samples; D says "fake"
    grad: '#e7298a', // gradients on the fakes
    undecided: '#e2e2e2', // the heatmap where D cannot tell (p = 0.5)
    'plot-bg': '#ffffff', // behind the lab's canvas and the drawing pad
    axis: '#555555', // plot frames, tick labels, neutral marks
    grid: '#0000000f', // plot grid lines
    kl: '#d95f02', // the KL divergence series
    js: '#1f78b4', // the JS divergence series
    'thumb-bg': '#f6f6f4', // behind the table-of-contents thumbnails
    bg: '#fcfcfb',
    surface: '#f3f3f1',
    fg: '#1d1d1f',
    muted: '#5f6368',
    border: '#dcdcd8',
    link: '#5a2ea6',
    'link-hover': '#7b3fbf',
    focus: '#e7298a',
    'on-accent': '#ffffff', // text on a --fake filled button
    'code-bg': '#efeff0',
    error: '#b00020',
    warn: '#d9a400', // notices that need attention
    cost: '#a15c00', // a settings change that rebuilds or restarts
    shadow: '#00000033',
  },
  dark: {
    real: '#3cbf6a',
    fake: '#a27ee0',
    grad: '#f2559f',
    undecided: '#3a3a40',
    'plot-bg': '#1b1b1f',
    axis: '#a0a0a8',
    grid: '#ffffff14',
    kl: '#f08a3c',
    js: '#5aa8e0',
    'thumb-bg': '#1e1e22',
    bg: '#141416',
    surface: '#1e1e22',
    fg: '#e8e8ea',
    muted: '#a0a0a8',
    border: '#34343a',
    link: '#c2a6f2',
    'link-hover': '#dccaff',
    focus: '#f2559f',
    'on-accent': '#141416',
    'code-bg': '#26262b',
    error: '#ff6b7a',
    warn: '#e0b020',
    cost: '#e0a050',
    shadow: '#00000080',
  },
} as const satisfies Record<'light' | 'dark', Record<string, `#${string}`>>;

export type PaletteToken = keyof typeof PALETTE.light;
export type ColourScheme = keyof typeof PALETTE;
/** One scheme's colours by token. */
export type Colours = Record<PaletteToken, string>;

// Both schemes define the same tokens (a compile error otherwise).
const _sameTokens: Record<keyof typeof PALETTE.dark, unknown> = PALETTE.light;
void _sameTokens;

export const PALETTE_TOKENS = Object.keys(PALETTE.light) as PaletteToken[];

/** `var(--token)`, for CSS values built in TypeScript (legend swatches). */
export const cssVar = (token: PaletteToken): string => `var(--${token})`;

/** '#rrggbb' or '#rrggbbaa' -> [r, g, b, a] with a in 0..1; null for anything else. */
export function parseHex(hex: string): [number, number, number, number] | null {
  const m = /^#([0-9a-f]{6})([0-9a-f]{2})?$/i.exec(hex.trim());
  if (!m) return null;
  const n = parseInt(m[1], 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255, m[2] ? parseInt(m[2], 16) / 255 : 1];
}

/** The text of palette.css. */
export function paletteCss(): string {
  const block = (scheme: ColourScheme, indent: string) => PALETTE_TOKENS.map((t) => `${indent}--${t}: ${PALETTE[scheme][t]};`).join('\n');
  return [
    '/* Generated from src/styles/palette.ts: edit that table, then run',
    '   UPDATE_PALETTE=1 npx vitest run tests/unit/view-palette.test.ts */',
    ':root {',
    '  color-scheme: light dark;',
    block('light', '  '),
    '}',
    '',
    '@media (prefers-color-scheme: dark) {',
    '  :root {',
    block('dark', '    '),
    '  }',
    '}',
    '',
  ].join('\n');
}
