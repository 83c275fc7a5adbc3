import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, parseConfig } from '../../src/lab/model/config';
import { onLinkGrid } from '../../src/lab/points-code';
import { MAX_REPLAY, readUrlState, refusalNotice, snapshotFromHash, urlCarriesAll, urlFromConfig } from '../../src/lab/url-state';
import { DEFAULT_LAYERS } from '../../src/lab/view/layers';

describe('URL state', () => {
  it('round-trips a config', () => {
    const c = parseConfig({ distribution: 'ring', seed: 42, loss: 'hinge', generator: { neurons: 32, learningRate: 0.005 }, minibatchStd: true });
    const s = urlFromConfig(c, 'wasm');
    expect(s).toContain('generator.neurons=32');
    expect(s).toContain('backend=wasm');
    const r = readUrlState(s);
    expect(r.refused).toEqual([]);
    expect(r.config).toEqual(c);
    expect(r.backend).toBe('wasm');
    expect(urlFromConfig(DEFAULT_CONFIG)).toBe('');
  });

  it('round-trips a drawing compactly (quantised base64), exactly once the points are on the link grid', () => {
    const raw: [number, number][] = Array.from({ length: 824 }, (_, i) => [Math.sin(i) * 0.4 + 0.5, Math.cos(i * 1.3) * 0.3 + 0.5]);
    const c = parseConfig({ distribution: 'points', points: onLinkGrid(raw) });
    const s = urlFromConfig(c);
    expect(s).toMatch(/pts=q1_/);
    expect(s.length).toBeLessThan(3600); // JSON would take ~14,000 characters
    const r = readUrlState(s);
    expect(r.refused).toEqual([]);
    expect(r.config.distribution).toBe('points');
    expect(r.config.points).toEqual(c.points); // bit for bit: the link rebuilds the same run
    expect(onLinkGrid(c.points)).toEqual(c.points);
    raw.forEach(([x, y], i) => expect(Math.hypot(x - c.points[i][0], y - c.points[i][1])).toBeLessThan(3e-4));
    expect(urlCarriesAll(c)).toBe(true);
    // points off the grid (an uploaded file's) are carried approximately, so the link carries no iteration
    const off = parseConfig({ distribution: 'points', points: [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]] });
    expect(urlCarriesAll(off)).toBe(false);
    expect(urlFromConfig(off, { iteration: 300 })).not.toContain('it=');
  });

  it('carries the iteration, the layers and the speed, and refuses bad ones with a reason, keeping the rest', () => {
    const layers = { ...DEFAULT_LAYERS, heatmap: false, optimal: true };
    const s = urlFromConfig(DEFAULT_CONFIG, { iteration: 1234, layers, speed: 50, backend: 'wasm' });
    const r = readUrlState(s);
    expect(r).toMatchObject({ iteration: 1234, layers, speed: 50, backend: 'wasm', refused: [] });
    expect(urlFromConfig(DEFAULT_CONFIG, { layers: DEFAULT_LAYERS, speed: 10 })).toBe('');
    const bad = readUrlState('?it=-5&layers=real,%3Cb%3E&speed=7&seed=3&pts=q1_0_1_0_1_!!');
    expect(bad.config.seed).toBe(3);
    expect([bad.iteration, bad.layers, bad.speed]).toEqual([undefined, undefined, undefined]);
    expect(bad.refused.map((x) => x.key).sort()).toEqual(['it', 'layers', 'pts', 'speed']);
    expect(readUrlState(`?it=${MAX_REPLAY + 1}`).refused[0].reason).toMatch(/whole number/);
    expect(readUrlState('?layers=').layers).toEqual(Object.fromEntries(Object.keys(DEFAULT_LAYERS).map((k) => [k, false])));
  });

  it('refuses hostile and invalid values, keeping the good ones', () => {
    const q = '?loss=%3Cscript%3Ealert(1)%3C%2Fscript%3E&generator.neurons=1e308&seed=99999999999999&evil=%3Cimg%20src%3Dx%3E&discriminator.learningRate=0.01&backend=gpu';
    const r = readUrlState(q);
    expect(r.config.loss).toBe(DEFAULT_CONFIG.loss);
    expect(r.config.generator.neurons).toBe(DEFAULT_CONFIG.generator.neurons);
    expect(r.config.seed).toBe(DEFAULT_CONFIG.seed);
    expect(r.config.discriminator.learningRate).toBe(0.01);
    expect(r.backend).toBeUndefined();
    const keys = r.refused.map((x) => x.key).sort();
    expect(keys).toEqual(['backend', 'evil', 'generator.neurons', 'loss', 'seed']);
    const text = refusalNotice(r.refused);
    expect(text).toMatch(/ignored/);
    expect(text).toContain('unknown key');
  });

  it('refuses keys that only fail together, and a "points" distribution without points', () => {
    const r = readUrlState('?batchSize=130&pack=4');
    expect(r.refused.length).toBe(1);
    expect(() => parseConfig(r.config)).not.toThrow();
    const p = readUrlState('?distribution=points');
    expect(p.config.distribution).toBe(DEFAULT_CONFIG.distribution);
    expect(p.refused[0].key).toBe('distribution');
  });

  it('never throws on garbage and clips long values', () => {
    const r = readUrlState('?%E0%A4%A=1&&=&seed=' + 'x'.repeat(500));
    expect(r.refused.some((x) => x.key === 'seed' && x.value.length <= 61)).toBe(true);
    expect(readUrlState('').refused).toEqual([]);
  });
});

describe('snapshot links', () => {
  const origin = 'https://gan.example';
  it('accepts a baked snapshot under the site base', () => {
    expect(snapshotFromHash('#snapshot=%2Fbaked%2F0123abcd.json', '/', origin)).toEqual({ url: '/baked/0123abcd.json' });
    expect(snapshotFromHash('#snapshot=/sub/baked/0123abcdef.json', '/sub/', origin)).toEqual({ url: '/sub/baked/0123abcdef.json' });
    expect(snapshotFromHash('', '/', origin)).toBeNull();
  });
  it('refuses other origins, other paths and tricks, with a message', () => {
    for (const bad of [
      '#snapshot=https://evil.example/baked/0123abcd.json',
      '#snapshot=//evil.example/baked/0123abcd.json',
      '#snapshot=/baked/../secrets.json',
      '#snapshot=/lab/',
      '#snapshot=javascript:alert(1)',
      '#snapshot=/baked/0123abcd.json?x=1',
      '#snapshot=/other/baked/0123abcd.json',
    ]) {
      const r = snapshotFromHash(bad, '/', origin);
      expect(r && 'error' in r, bad).toBe(true);
    }
  });
});
