// docs/extending.md cannot rot: each example file and registry line it shows is applied to a scratch copy,
// type-checked with the registries patched (tests/unit/extending-harness.ts), and run: the loss trains, the
// distribution samples, the layer draws and is a lesson layer, the directive and the step attribute compile.
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { applyDiff, buildScratch, docExamples, typeCheck, type Scratch } from './extending-harness';
import { recordingContext, syntheticFrame } from './view-fixtures';

const doc = readFileSync('docs/extending.md', 'utf8');
const examples = docExamples(doc);
let scratch: Scratch;

beforeAll(() => {
  scratch = buildScratch(examples);
});
afterAll(() => scratch?.remove());

describe('docs/extending.md', () => {
  it('shows one new file and one registry edit for each kind it documents', () => {
    expect(examples.filter((e) => e.kind === 'ts').map((e) => e.path)).toEqual([
      'src/lab/model/losses/label-smoothing.ts',
      'src/lab/model/distributions/two-moons.ts',
      'src/lab/view/layers/boundary.ts',
      'src/lessons/directives/key.ts',
      'src/lessons/directives/step/speed.ts',
    ]);
    const registries = ['losses/index.ts', 'distributions/index.ts', 'layers/index.ts', 'directives/index.ts', 'step/index.ts'];
    for (const r of registries) {
      const edit = examples.find((e) => e.kind === 'diff' && e.path.endsWith(r))!;
      // the registration: an import and the entry in the list, nothing else
      expect(edit.body.split('\n').filter((l) => l.startsWith('+')), r).toHaveLength(2);
    }
  });

  it('its diff format: context lines found in order, + lines after them, - lines removed; a wrong line is an error', () => {
    expect(applyDiff('a\nb\nc', ' b\n+x\n-c\n+y', 't')).toBe('a\nb\nx\ny');
    expect(() => applyDiff('a\nb', ' z\n+x', 't')).toThrow('the line "z" is not in the file');
    expect(() => applyDiff('a', '+x', 't')).toThrow('before any context line');
  });

  it('type-checks, with the registries patched, together with every file that reads them', () => {
    expect(typeCheck(scratch)).toEqual([]);
  }, 180_000);
});

describe('the examples, run with the registries patched', () => {
  beforeAll(() => {
    vi.resetModules();
    for (const [real, copy] of scratch.patched) vi.doMock(real, () => import(copy));
  });
  afterAll(() => {
    for (const real of scratch.patched.keys()) vi.doUnmock(real);
    vi.resetModules();
  });

  it('the loss is a config value, its gradients match autodiff, and a trainer trains with it', async () => {
    const { initNodeBackend } = await import('../../src/lab/model/backend-node');
    await initNodeBackend('cpu');
    const { parseConfig } = await import('../../src/lab/model/config');
    const { lossKit } = await import('../../src/lab/model/losses/kit');
    const { Trainer } = await import('../../src/lab/model/trainer');
    const kit = lossKit('labelSmoothing' as never, 2);
    const l = tf.tensor2d([2, -1, 0.5, -3], [4, 1]);
    const softplus = (x: number) => Math.log1p(Math.exp(x));
    // real targets 0.9: softplus(l) - 0.9 l on real rows, softplus(l) on fake rows, each side's mean
    const want = (softplus(2) - 1.8 + softplus(-1) + 0.9) / 2 + (softplus(0.5) + softplus(-3)) / 2;
    expect(kit.dValue(l).dataSync()[0]).toBeCloseTo(want, 5);
    const auto = tf.grad((x: tf.Tensor) => kit.dValue(x))(l);
    Array.from(kit.dGrad(l).dataSync()).forEach((g, i) => expect(g).toBeCloseTo(auto.dataSync()[i], 5));
    const t = new Trainer(parseConfig({ loss: 'labelSmoothing', batchSize: 32 }));
    t.iterate(5);
    expect(t.iteration).toBe(5);
    expect(Number.isFinite((await t.frame())!.dLoss)).toBe(true);
    t.dispose();
    kit.dispose();
  });

  it('the distribution is a config value, not a mixture, and its samples lie in its bounds', async () => {
    const { parseConfig } = await import('../../src/lab/model/config');
    const { dataSource, isMixture, samplePoints } = await import('../../src/lab/model/distributions');
    const { Rng } = await import('../../src/lab/model/random');
    const src = dataSource(parseConfig({ distribution: 'twoMoons' }));
    expect(isMixture('twoMoons' as never)).toBe(false);
    const p = samplePoints(src, new Rng(1), 2000);
    const { xMin, xMax, yMin, yMax } = src.bounds;
    let inside = 0;
    for (let i = 0; i < p.length; i += 2) if (p[i] > xMin && p[i] < xMax && p[i + 1] > yMin && p[i + 1] < yMax) inside++;
    expect(inside).toBe(2000);
    expect(Array.from(samplePoints(src, new Rng(1), 10))).toEqual(Array.from(p.slice(0, 20)));
  });

  it('the layer has its key, draws the 1/2 contour, and lessons may show or hide it', async () => {
    const layers = await import('../../src/lab/view/layers');
    const { compileChapter, formatError } = await import('../../src/lessons/index');
    expect(layers.LAYER_NAMES).toContain('boundary');
    expect(layers.layerForKey('7')?.name).toBe('boundary');
    const frame = syntheticFrame(); // heatmap 0 on the left to 1 on the right: the 1/2 contour is x = 0.5
    const { contourSegments } = await import(scratch.files.get('src/lab/view/layers/boundary.ts')!);
    const seg: number[] = contourSegments(frame);
    expect(seg.length).toBe(4 * (frame.heatmap.res - 1));
    for (let k = 0; k < seg.length; k += 4) expect([seg[k], seg[k + 2]]).toEqual([0.5, 0.5]);
    const rec = recordingContext();
    layers.layerForKey('7')!.draw({ ctx: rec.ctx, frame, t: { x: (v: number) => v * 100, y: (v: number) => 100 - v * 100 } as never, colours: (await import('../../src/styles/palette')).PALETTE.light, pointRadius: 2, gradientLength: 20 });
    expect(rec.count('lineTo')).toBe(frame.heatmap.res - 1);
    const md = '---\ntitle: T\nsummary: S\norder: 1\n---\n::lab\n:::step{hide=boundary}\n:::\n';
    const r = compileChapter(md, { file: 'x.md' });
    expect(r.errors.map(formatError)).toEqual([]);
    expect(r.steps[0].actions.layers).toMatchObject({ boundary: false, heatmap: true });
  });

  it('the directive renders the layer key from the registry, and reports an unknown layer', async () => {
    const { compileChapter } = await import('../../src/lessons/index');
    const md = (body: string) => `---\ntitle: T\nsummary: S\norder: 1\n---\n${body}\n`;
    const ok = compileChapter(md('Press :key[heatmap] to hide it.'), { file: 'x.md' });
    expect(ok.errors).toEqual([]);
    expect(ok.html).toContain('<kbd class="layer-key" title="shows or hides: Discriminator">1</kbd>');
    const typo = compileChapter(md('Press :key[heatmp].'), { file: 'x.md' });
    expect(typo.errors.map((e) => [e.message, e.suggestion])).toEqual([['unknown layer "heatmp"', 'heatmap']]);
  });

  it("the step attribute is read, checked, offered, and in the page's step script; the runtime acts on it", async () => {
    const { compileChapter } = await import('../../src/lessons/index');
    const { runtimeStep } = await import('../../src/lessons/page-data');
    const md = (attrs: string) => `---\ntitle: T\nsummary: S\norder: 1\n---\n::lab\n:::step{${attrs}}\n:::\n`;
    const r = compileChapter(md('play speed=5'), { file: 'x.md' });
    expect(r.errors).toEqual([]);
    const rs = runtimeStep(r.steps[0], '/baked/k.json') as { speed?: number };
    expect(rs.speed).toBe(5);
    expect(compileChapter(md('speed=0'), { file: 'x.md' }).errors.map((e) => e.message)).toEqual(['speed=0 is not an integer from 1 to 50']);
    expect(compileChapter(md('sped=3'), { file: 'x.md' }).errors.map((e) => e.suggestion)).toEqual(['speed']);
    const { arrive } = await import('../../src/lessons/runtime/arrival');
    const { stepState } = await import('../../src/lessons/runtime/step-state');
    const { Turns } = await import('../../src/lessons/runtime/turns');
    const calls: string[] = [];
    const lab = { setSpeed: (n: number) => calls.push(`speed ${n}`), play: () => calls.push('play') };
    await arrive(lab as never, stepState([rs as never], 0)!, new Turns().next(), false);
    expect(calls).toEqual(['speed 5', 'play']);
  });
});
