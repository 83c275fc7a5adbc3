// The author's and reader's helpers that need no browser: the step keys' choice and announcement text, the debug
// view's labels (checkpoint and config diff), `?debug`, and the catalog's broken chapters (the dev server shows
// their errors at their URL). In the browser, against `astro dev`: tests/e2e/dev-author.e2e.ts.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/lab/model/config';
import { loadCatalog } from '../../src/lessons/catalog';
import { chapterErrors, errorBlocks } from '../../src/lessons/dev-report';
import { configDiff, stepLabels } from '../../src/lessons/runtime/debug';
import { debugRequested } from '../../src/lessons/runtime/page';
import { stepForKey } from '../../src/lessons/runtime/step-keys';
import type { RuntimeStep } from '../../src/lessons/page-data';

describe('step keys', () => {
  it('J goes to the next step and K to the previous, within the chapter', () => {
    expect(stepForKey('j', 0, 5)).toBe(1);
    expect(stepForKey('J', 3, 5)).toBe(4);
    expect(stepForKey('j', 4, 5)).toBeNull();
    expect(stepForKey('j', -1, 5)).toBe(0);
    expect(stepForKey('k', 2, 5)).toBe(1);
    expect(stepForKey('k', 0, 5)).toBeNull();
    expect(stepForKey('ArrowDown', 1, 5)).toBeNull();
    expect(stepForKey(' ', 1, 5)).toBeNull();
  });
});

describe('the debug view', () => {
  it('is asked for with ?debug', () => {
    expect(debugRequested('?debug')).toBe(true);
    expect(debugRequested('?backend=wasm&debug=1')).toBe(true);
    expect(debugRequested('?debug=0')).toBe(false);
    expect(debugRequested('?backend=wasm')).toBe(false);
  });

  it('diffs configs by dotted path', () => {
    const a = { loss: 'minimax', generator: { neurons: 16, learningRate: 0.001 } };
    const b = { loss: 'minimax', generator: { neurons: 32, learningRate: 0.001 }, seed: 3 };
    expect(configDiff(a, b)).toEqual(['generator.neurons: 16 → 32', 'seed: (unset) → 3']);
    expect(configDiff(b, a)).toEqual(['generator.neurons: 32 → 16', 'seed: 3 → (unset)']);
    expect(configDiff(a, a)).toEqual([]);
  });

  it('labels each step with its checkpoint and its changes against the step before', () => {
    const lr = { ...DEFAULT_CONFIG, discriminator: { ...DEFAULT_CONFIG.discriminator, learningRate: 0.005 } };
    const step = (index: number, train: number, config = DEFAULT_CONFIG) => ({ index, id: `step-${index + 1}`, train, config }) as unknown as RuntimeStep;
    const labels = stepLabels({ config: DEFAULT_CONFIG, steps: [step(0, 0), step(1, 400, lr)] });
    expect(labels[0]).toBe("step 1 (#step-1) · checkpoint at iteration 0 · config against the chapter's ::lab: no change");
    expect(labels[1]).toBe(`step 2 (#step-2) · checkpoint at iteration 400 · config against step 1: discriminator.learningRate: ${DEFAULT_CONFIG.discriminator.learningRate} → 0.005`);
  });
});

describe('broken chapters in the catalog', () => {
  it('keeps their URL and errors, for the dev server\'s error page', () => {
    const root = mkdtempSync(join(tmpdir(), 'lessons-author-'));
    try {
      const dir = join(root, 'content/lessons/en/demo');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, '01-ok.md'), '---\ntitle: OK\nsummary: fine\norder: 1\n---\n\nText.\n');
      writeFileSync(join(dir, '02-broken.md'), '---\ntitle: Broken\nsummary: not fine\norder: 2\n---\n\n::lab{seed=x}\n');
      const catalog = loadCatalog({ root, fixtures: false });
      expect(catalog.chapters.map((c) => c.slug)).toEqual(['en/demo/ok']);
      expect(catalog.broken).toEqual([{ file: 'content/lessons/en/demo/02-broken.md', slug: 'en/demo/broken' }]);
      const errors = chapterErrors(catalog, 'content/lessons/en/demo/02-broken.md');
      expect(errors.length).toBe(1);
      expect(errorBlocks(errors, root)[0]).toMatch(/^content\/lessons\/en\/demo\/02-broken\.md:7:7: .*\n {2}7 \| ::lab\{seed=x\}\n {4}\| {7}\^$/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
