import { describe, expect, it } from 'vitest';
import {
  CONFIG_KEYS,
  ConfigError,
  DEFAULT_CONFIG,
  applyPatch,
  changeEffect,
  diffFromDefaults,
  parseAssignments,
  parseConfig,
  validateConfig,
} from '../../src/lab/model/config';

function issuesOf(input: unknown) {
  const r = validateConfig(input);
  if (r.ok) throw new Error('expected issues');
  return r.issues;
}

describe('config schema', () => {
  it('fills defaults: the standard network', () => {
    expect(DEFAULT_CONFIG.generator).toMatchObject({ layers: 2, neurons: 16, activation: 'relu', optimizer: 'adam', learningRate: 1e-3 });
    expect(DEFAULT_CONFIG.batchSize).toBe(128);
    expect(DEFAULT_CONFIG.loss).toBe('nonsaturating');
  });

  it('refuses 0 neurons with the path, the value and what is allowed', () => {
    const [i] = issuesOf({ generator: { neurons: 0 } });
    expect(i.path).toBe('generator.neurons');
    expect(i.value).toBe(0);
    expect(i.allowed).toBe('an integer from 1 to 128');
  });

  it('suggests the closest key for an unknown one', () => {
    const [i] = issuesOf({ generator: { nuerons: 8 } });
    expect(i.path).toBe('generator.nuerons');
    expect(i.message).toBe('unknown key');
    expect(i.suggestion).toBe('generator.neurons');
    expect(issuesOf({ lerningRate: 1 })[0].suggestion).toBe('generator.learningRate');
  });

  it('suggests the closest enum value', () => {
    const [i] = issuesOf({ loss: 'hinje' });
    expect(i.suggestion).toBe('hinge');
    expect(i.allowed).toContain('wasserstein');
  });

  it('reports every problem at once', () => {
    expect(issuesOf({ seed: -1, dSteps: 11, loss: 'x', generator: { layers: 7 } }).map((i) => i.path).sort()).toEqual([
      'dSteps',
      'generator.layers',
      'loss',
      'seed',
    ]);
  });

  it('needs batchSize to be a multiple of pack, and points for the points distribution', () => {
    expect(issuesOf({ batchSize: 130, pack: 4 })[0].path).toBe('batchSize');
    expect(issuesOf({ distribution: 'points' })[0].path).toBe('points');
  });

  it('throws ConfigError with readable text', () => {
    expect(() => parseConfig({ pack: 9 })).toThrow(ConfigError);
    expect(() => parseConfig({ pack: 9 })).toThrow(/pack: .*got 9.*allowed: an integer from 1 to 4/);
  });
});

describe('dotted assignments', () => {
  it('coerces text by the key kind', () => {
    const { patch, issues } = parseAssignments([
      ['generator.neurons', '32'],
      ['loss', 'hinge'],
      ['minibatchStd', 'true'],
      ['discriminator.learningRate', '0.0005'],
    ]);
    expect(issues).toEqual([]);
    const r = applyPatch(DEFAULT_CONFIG, patch);
    expect(r.ok && r.config.generator.neurons).toBe(32);
    expect(r.ok && r.config.minibatchStd).toBe(true);
    expect(r.ok && r.config.discriminator.learningRate).toBe(0.0005);
  });

  it('rejects non-numbers and unknown keys', () => {
    const { issues } = parseAssignments([
      ['seed', 'abc'],
      ['generator.neuron', '3'],
    ]);
    expect(issues.map((i) => i.path)).toEqual(['seed', 'generator.neuron']);
    expect(issues[1].suggestion).toBe('generator.neurons');
  });

  it('range-checks on apply', () => {
    const { patch } = parseAssignments([['generator.neurons', '1e9']]);
    const r = applyPatch(DEFAULT_CONFIG, patch);
    expect(r.ok).toBe(false);
  });

  it('round-trips through diffFromDefaults', () => {
    const c = parseConfig({ seed: 9, generator: { neurons: 7 }, loss: 'hinge' });
    const { patch } = parseAssignments(diffFromDefaults(c));
    const r = applyPatch(DEFAULT_CONFIG, patch);
    expect(r.ok && r.config).toEqual(c);
  });

  it('lists every leaf with kind and range', () => {
    const paths = CONFIG_KEYS.map((k) => k.path);
    expect(paths).toContain('noise.dim');
    expect(paths).toContain('discriminator.beta2');
    expect(CONFIG_KEYS.find((k) => k.path === 'pack')).toMatchObject({ kind: 'int', min: 1, max: 4, default: 1 });
  });

  it('says which changes rebuild the networks', () => {
    expect(changeEffect('generator.neurons')).toBe('rebuild-g');
    expect(changeEffect('pack')).toBe('rebuild-d');
    expect(changeEffect('discriminator.learningRate')).toBe('live');
    expect(changeEffect('seed')).toBe('restart');
    expect(changeEffect('generator.optimizer')).toBe('reset-optimizer');
  });
});
