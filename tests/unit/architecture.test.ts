// The dependency direction (docs/architecture.md): pages -> lessons -> lab -> lab/model, and the palette
// (src/styles/palette.ts) below the lab and the lessons. Read from every relative import in src/.
import { readFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The layer a source path belongs to. */
function layer(path: string): string {
  if (path.startsWith('src/lab/model/')) return 'model';
  if (path.startsWith('src/lab/')) return 'lab';
  if (path.startsWith('src/lessons/')) return 'lessons';
  if (path.startsWith('src/styles/')) return 'styles';
  return 'pages'; // src/pages, src/layouts, src/env.d.ts
}

/** What each layer may import besides itself. */
const MAY_IMPORT: Record<string, readonly string[]> = {
  model: [],
  styles: [],
  lab: ['model', 'styles'],
  lessons: ['lab', 'model', 'styles'],
  pages: ['lessons', 'lab', 'model', 'styles'],
};

/** Every relative import in src/ as [importer, imported] repo paths (without extension). */
function srcImports(): [string, string][] {
  const files = execSync('git ls-files src', { encoding: 'utf8' }).trim().split('\n').filter((f) => /\.(ts|astro)$/.test(f));
  const out: [string, string][] = [];
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)'(\.{1,2}\/[^']+)'/g)) out.push([f, normalize(join(dirname(f), m[1]))]);
  }
  return out;
}

function violations(imports: [string, string][]): string[] {
  return imports.filter(([from, to]) => layer(from) !== layer(to) && !MAY_IMPORT[layer(from)].includes(layer(to))).map(([from, to]) => `${from} imports ${to}`);
}

describe('dependencies point one way', () => {
  const imports = srcImports();
  it('reads the imports (and sees each layer import the one below)', () => {
    expect(imports.length).toBeGreaterThan(300);
    const pairs = new Set(imports.map(([a, b]) => `${layer(a)}->${layer(b)}`));
    for (const p of ['pages->lessons', 'lessons->lab', 'lab->model', 'lab->styles']) expect(pairs).toContain(p);
  });
  it('pages -> lessons -> lab -> lab/model; nothing imports upward', () => {
    expect(violations(imports)).toEqual([]);
  });
  it('the check catches an upward import', () => {
    expect(violations([['src/lab/model/config.ts', 'src/lab/view/dom'], ['src/lab/controller.ts', 'src/lessons/vocabulary']])).toEqual([
      'src/lab/model/config.ts imports src/lab/view/dom',
      'src/lab/controller.ts imports src/lessons/vocabulary',
    ]);
  });
  it('the model never touches the DOM', () => {
    const dom = /\b(document|window|HTMLElement|CanvasRenderingContext2D|requestAnimationFrame)\b/;
    const files = execSync('git ls-files src/lab/model', { encoding: 'utf8' }).trim().split('\n');
    const bad = files.filter((f) => dom.test(readFileSync(f, 'utf8').replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '')));
    expect(bad).toEqual([]);
  });
});
