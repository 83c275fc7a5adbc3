import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, DEFAULT_CONFIG, MAX_POINTS, parseConfig } from '../../src/lab/model/config';
import { EDITABLE_KEYS, effectText, labelOf, validateEdit } from '../../src/lab/view/controls';
import { MAX_FILE_BYTES, parsePointsFile, sprayPoints } from '../../src/lab/view/distribution-picker';
import { slowMotionPlan } from '../../src/lab/slow-motion-plan';

describe('hyperparameter editors', () => {
  it('cover every config key except the distribution and its points', () => {
    const paths = EDITABLE_KEYS.map((k) => k.path);
    for (const k of CONFIG_KEYS) if (k.path !== 'distribution' && k.path !== 'points') expect(paths).toContain(k.path);
    expect(paths).not.toContain('points');
    for (const k of EDITABLE_KEYS) expect(labelOf(k).length).toBeGreaterThan(0);
  });

  it('accept a valid edit and say what it costs', () => {
    const r = validateEdit(DEFAULT_CONFIG, 'generator.learningRate', '0.01');
    expect(r.ok && r.config.generator.learningRate).toBe(0.01);
    expect(r.ok && r.effect).toBe('live');
    const l = validateEdit(DEFAULT_CONFIG, 'discriminator.layers', '3');
    expect(l.ok && l.effect).toBe('rebuild-d');
    expect(effectText('rebuild-d')).toMatch(/rebuilds the discriminator/);
    expect(validateEdit(DEFAULT_CONFIG, 'seed', '9')).toMatchObject({ ok: true, patch: { seed: 9 }, effect: 'restart' });
    expect(validateEdit(DEFAULT_CONFIG, 'minibatchStd', 'true')).toMatchObject({ ok: true, patch: { minibatchStd: true }, effect: 'rebuild-d' });
  });

  it('refuse bad edits with a message naming what is allowed', () => {
    const r = validateEdit(DEFAULT_CONFIG, 'generator.neurons', '0');
    expect(r).toEqual({ ok: false, message: expect.stringMatching(/integer from 1 to 128/) });
    const n = validateEdit(DEFAULT_CONFIG, 'generator.learningRate', 'abc');
    expect(!n.ok && n.message).toMatch(/not a number/);
    const e = validateEdit(DEFAULT_CONFIG, 'loss', 'hinj');
    expect(!e.ok && e.message).toMatch(/did you mean "hinge"/);
    const pack = validateEdit(parseConfig({ batchSize: 130 }), 'pack', '4');
    expect(!pack.ok && pack.message).toMatch(/multiple of pack/);
  });
});

describe('points upload', () => {
  it('reads CSV with or without a header, several separators', () => {
    const r = parsePointsFile('a.csv', 'x,y\n0.1,0.2\n0.3;0.4\n0.5\t0.6\n# comment\n0.7 0.8\n');
    expect(r.ok && r.points).toEqual([[0.1, 0.2], [0.3, 0.4], [0.5, 0.6], [0.7, 0.8]]);
    expect(r.ok && r.note).toMatch(/header/);
  });

  it('reads JSON pairs, objects and {points}', () => {
    expect(parsePointsFile('a.json', '[[1,2],[3,4],[5,6]]')).toEqual({ ok: true, points: [[1, 2], [3, 4], [5, 6]] });
    expect(parsePointsFile('a.json', '[{"x":1,"y":2},{"x":3,"y":4},{"x":5,"y":6}]')).toEqual({ ok: true, points: [[1, 2], [3, 4], [5, 6]] });
    expect(parsePointsFile('a.txt', '{"points":[[1,2],[3,4],[5,6]]}')).toEqual({ ok: true, points: [[1, 2], [3, 4], [5, 6]] });
  });

  it('says clearly what is wrong with a malformed file', () => {
    const bad = parsePointsFile('bad.csv', '0.1,0.2\nhello,world\n0.3,0.4');
    expect(!bad.ok && bad.error).toMatch(/line 2/);
    const json = parsePointsFile('bad.json', '[[1,2],[3,"x"]]');
    expect(!json.ok && json.error).toMatch(/item 2/);
    expect(parsePointsFile('x.json', '{not json')).toEqual({ ok: false, error: expect.stringMatching(/^"x.json": not valid JSON/) });
    expect(parsePointsFile('e.csv', '   ')).toEqual({ ok: false, error: '"e.csv" is empty.' });
    const few = parsePointsFile('few.csv', '1,2');
    expect(!few.ok && few.error).toMatch(/at least 3/);
    const one = parsePointsFile('one.csv', '1\n2\n3');
    expect(!one.ok && one.error).toMatch(/needs x and y/);
  });

  it('caps the size and the point count', () => {
    const big = parsePointsFile('big.csv', 'x', MAX_FILE_BYTES + 1);
    expect(!big.ok && big.error).toMatch(/limit/);
    const many = Array.from({ length: MAX_POINTS + 1 }, (_, i) => `${i},${i}`).join('\n');
    const r = parsePointsFile('many.csv', many);
    expect(!r.ok && r.error).toMatch(/limit is 5,000/);
    const manyJson = JSON.stringify(Array.from({ length: MAX_POINTS + 1 }, () => [0, 0]));
    expect(parsePointsFile('many.json', manyJson)).toEqual({ ok: false, error: '"many.json" has 5,001 points; the limit is 5,000.' });
  });

  it('sprays brush points inside the brush', () => {
    const pts = sprayPoints(0.5, 0.5, 0.1, 50);
    expect(pts).toHaveLength(50);
    for (const [x, y] of pts) expect(Math.hypot(x - 0.5, y - 0.5)).toBeLessThanOrEqual(0.1 + 1e-9);
  });
});

describe('slow motion', () => {
  it('narrates thirteen sub-steps, D then G, with one D and one G update', () => {
    const plan = slowMotionPlan(DEFAULT_CONFIG);
    expect(plan).toHaveLength(13);
    expect(plan.map((s) => s.phase).join('')).toBe('DDDDDDDDGGGGG');
    expect(plan.map((s) => s.n)).toEqual(plan.map((_, i) => i + 1));
    expect(plan.filter((s) => s.action === 'stepD')).toHaveLength(1);
    expect(plan.filter((s) => s.action === 'stepG')).toHaveLength(1);
    expect(plan.findIndex((s) => s.action === 'stepD')).toBeLessThan(plan.findIndex((s) => s.action === 'stepG'));
    for (const s of plan) {
      expect(s.text.length).toBeGreaterThan(30);
      expect(s.highlight.length).toBeGreaterThan(0);
    }
  });

  it('speaks of the chosen loss, steps and optimizers', () => {
    const plan = slowMotionPlan(parseConfig({ loss: 'wasserstein', dSteps: 5, gradientPenalty: 10, discriminator: { optimizer: 'rmsprop' } }));
    const text = plan.map((s) => s.text).join(' ');
    expect(text).toMatch(/critic/);
    expect(text).toMatch(/5 times per iteration/);
    expect(text).toMatch(/gradient penalty/);
    expect(text).toMatch(/RMSProp/);
  });
});
