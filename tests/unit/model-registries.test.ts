// Every loss and distribution file is registered, and every entry is complete; the metric catalog covers what
// the trainer measures. The text checks against today's consumers pin that moving the text changed no word.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../src/lab/model/backend-node';
import { keyInfo, parseConfig } from '../../src/lab/model/config';
import { DISTRIBUTIONS, DISTRIBUTION_NAMES, isMixture, type DistributionEntry } from '../../src/lab/model/distributions';
import { LOCALES } from '../../src/lab/model/locale';
import { LOSSES, LOSS_NAMES, type LossEntry } from '../../src/lab/model/losses';
import { lossMath } from '../../src/lab/model/losses/kit';
import { METRIC_CATALOG, METRIC_NAMES, MIXTURE_METRIC_NAMES } from '../../src/lab/model/metrics';
import { Rng } from '../../src/lab/model/random';
import { Trainer } from '../../src/lab/model/trainer';
import { slowMotionPlan } from '../../src/lab/slow-motion-plan';
import { METRICS, MIXTURE_DISTRIBUTIONS, MIXTURE_METRICS } from '../../src/lessons/vocabulary';
import { formatLive } from '../../src/lessons/live-value';

beforeAll(() => initNodeBackend('cpu'));

const MODEL = fileURLToPath(new URL('../../src/lab/model/', import.meta.url));

/** The entry objects exported by each file of a registry folder, apart from its infrastructure files. */
async function exportedEntries(folder: string, infrastructure: string[], isEntry: (v: unknown) => boolean) {
  const files = readdirSync(MODEL + folder).filter((f) => f.endsWith('.ts') && !infrastructure.includes(f));
  const out: [string, unknown][] = [];
  for (const f of files) {
    const mod = (await import(/* @vite-ignore */ MODEL + folder + '/' + f)) as Record<string, unknown>;
    const entries = Object.values(mod).filter(isEntry);
    expect(entries.length, `${folder}/${f} exports no entry`).toBeGreaterThan(0);
    for (const e of entries) out.push([f, e]);
  }
  return out;
}

const nonEmpty = (s: unknown) => typeof s === 'string' && s.trim().length > 0;

describe('losses', () => {
  it('every file in losses/ is registered', async () => {
    const isEntry = (v: unknown) => typeof v === 'object' && v !== null && 'math' in v && 'text' in v;
    const registered = new Set<unknown>(Object.values(LOSSES));
    for (const [file, e] of await exportedEntries('losses', ['index.ts', 'entry.ts', 'kit.ts'], isEntry)) expect(registered.has(e), file).toBe(true);
  });
  it('every entry has its text in every locale, a summary and the whole math', () => {
    expect(LOSS_NAMES.length).toBeGreaterThan(0);
    for (const name of LOSS_NAMES) {
      const e: LossEntry = LOSSES[name];
      for (const l of LOCALES) for (const key of ['label', 'd', 'g'] as const) expect(nonEmpty(e.text[l]?.[key]), `${name}.text.${l}.${key}`).toBe(true);
      expect(nonEmpty(e.summary), name).toBe(true);
      const m = lossMath(name);
      for (const f of ['dValue', 'dGrad', 'gValue', 'gGrad', 'probability'] as const) expect(typeof m[f], `${name}.${f}`).toBe('function');
    }
  });
  it("is the config's `loss` enum, in order", () => {
    expect(keyInfo('loss')!.values).toEqual(LOSS_NAMES);
    expect(() => parseConfig({ loss: 'nope' })).toThrow(/loss/);
  });
  it("carries the slow-motion narration of D's and G's loss word for word", () => {
    for (const loss of LOSS_NAMES) {
      const plan = slowMotionPlan(parseConfig({ loss }));
      expect(plan.find((s) => s.title === "D's loss")!.text).toBe(LOSSES[loss].text.en.d);
      expect(plan.find((s) => s.title === "G's loss")!.text).toBe(LOSSES[loss].text.en.g);
    }
  });
});

describe('distributions', () => {
  it('every file in distributions/ is registered', async () => {
    const isEntry = (v: unknown) => typeof v === 'object' && v !== null && 'sampler' in v && 'text' in v;
    const registered = new Set<unknown>(Object.values(DISTRIBUTIONS));
    for (const [file, e] of await exportedEntries('distributions', ['index.ts', 'entry.ts'], isEntry)) expect(registered.has(e), file).toBe(true);
  });
  it('every entry has its text in every locale, bounds, a sampler, and modes inside its bounds when it is a mixture', () => {
    const pts: [number, number][] = [[0.5, 0.5], [0.1, 0.9]];
    for (const name of DISTRIBUTION_NAMES) {
      const e: DistributionEntry = DISTRIBUTIONS[name];
      for (const l of LOCALES) for (const key of ['label', 'summary'] as const) expect(nonEmpty(e.text[l]?.[key]), `${name}.text.${l}.${key}`).toBe(true);
      const { bounds: b, sample } = e.sampler(pts);
      expect(b.xMin < b.xMax && b.yMin < b.yMax, name).toBe(true);
      const out = new Float32Array(200).fill(NaN);
      sample(new Rng(1), out);
      expect(out.every(Number.isFinite), name).toBe(true);
      expect(isMixture(name), name).toBe(e.modes !== undefined);
      if (e.modes) {
        expect(e.modes.length, name).toBeGreaterThan(0);
        for (const m of e.modes) expect(m.x > b.xMin && m.x < b.xMax && m.y > b.yMin && m.y < b.yMax && m.sx > 0 && m.sy > 0, name).toBe(true);
      }
    }
  });
  it("is the config's `distribution` enum, in order, and the lessons' mixtures are the entries with modes", () => {
    expect(keyInfo('distribution')!.values).toEqual(DISTRIBUTION_NAMES);
    expect([...MIXTURE_DISTRIBUTIONS].sort()).toEqual(['disjoint', 'gaussians', 'grid25', 'ring8']);
  });
});

describe('metric catalog', () => {
  it("is the lessons' metric vocabulary, with its mixture metrics and display digits", () => {
    expect(METRICS).toBe(METRIC_NAMES);
    expect([...MIXTURE_METRICS].sort()).toEqual(['highQuality', 'modes', 'reverseKL']);
    for (const m of METRIC_NAMES) {
      const d = METRIC_CATALOG[m].digits;
      expect(formatLive(m, 1234.56789, undefined, 5), m).toBe((1234.56789).toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }));
      for (const l of LOCALES) expect(nonEmpty(METRIC_CATALOG[m].text[l].label) && nonEmpty(METRIC_CATALOG[m].text[l].summary), m).toBe(true);
    }
  });
  it('defines every metric the trainer measures, and the mixture ones are measured exactly on mixtures', async () => {
    const context = ['bins', 'samples', 'modesTotal'];
    for (const distribution of ['ring8', 'line'] as const) {
      const t = new Trainer({ distribution, batchSize: 16, generator: { neurons: 4 }, discriminator: { neurons: 4 } });
      t.iterate(2);
      const m = (await t.measure())!;
      const measured = Object.keys(m).filter((k) => !context.includes(k));
      const expected = METRIC_NAMES.filter((n) => distribution === 'ring8' || !METRIC_CATALOG[n].mixture);
      expect(measured.sort(), distribution).toEqual([...expected].sort());
      t.dispose();
    }
  });
});
