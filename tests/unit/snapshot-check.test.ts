// The one schema for snapshots and save files (issue 13): each hostile file the probe loaded is refused, before
// anything is replaced, with what is wrong in words; the run it was loaded into carries on.
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../src/lab/model/backend-node';
import type { PartialConfig } from '../../src/lab/model/config';
import { Trainer } from '../../src/lab/model/trainer';
import type { TrainerSnapshot } from '../../src/lab/model/types';
import { setLocale } from '../../src/lab/i18n';
import { MAX_SAVE_BYTES, makeSaveFile, parseSaveText, readSaveResponse } from '../../src/lab/save-file';

beforeAll(() => initNodeBackend('wasm'));

const small: PartialConfig = { distribution: 'ring8', batchSize: 16, generator: { layers: 1, neurons: 6 }, discriminator: { layers: 1, neurons: 5 } };
const INF = '"__INF__"';

let snap: TrainerSnapshot;
beforeAll(async () => {
  const t = new Trainer(small);
  t.iterate(3);
  snap = JSON.parse(JSON.stringify(await t.snapshot()));
  t.dispose();
});

/** A save file's text with `edit` applied to its snapshot; INF in the JSON becomes 1e999 (JSON.parse: Infinity). */
function fileText(edit: (s: any) => void, fileEdit: (f: any) => void = () => {}): string {
  const s = structuredClone(snap) as any;
  edit(s);
  const f = makeSaveFile(s) as any;
  fileEdit(f);
  return JSON.stringify(f).replaceAll(INF, '1e999');
}

const refused = (text: string, bytes?: number) => {
  const r = parseSaveText(text, bytes);
  return r.ok ? 'accepted' : r.error;
};

const WHOLE = 'it must be a whole number from 0 to 1,000,000,000,000';

describe('the snapshot schema', () => {
  it('accepts a real save', () => {
    expect(parseSaveText(fileText(() => {})).ok).toBe(true);
  });

  it.each([
    ['null weights', (s: any) => (s.generator.params[3] = null), "the generator's weights: number 4 is null; every value must be a finite number"],
    ['Infinity in weights', (s: any) => (s.discriminator.params[0] = '__INF__'), "the discriminator's weights: number 1 is Infinity (too large); every value must be a finite number"],
    ['Infinity in optimizer slots', (s: any) => (s.generator.slots[1][2] = '__INF__'), "the generator's optimizer slot 2: number 3 is Infinity (too large); every value must be a finite number"],
    ['Infinity in the optimizer step', (s: any) => (s.generator.step = '__INF__'), `the generator's optimizer step is Infinity (too large); ${WHOLE}`],
    ['"NaN" strings', (s: any) => (s.generator.params[0] = 'NaN'), `the generator's weights: number 1 is the text "NaN"; every value must be a finite number`],
    ['slots: []', (s: any) => (s.discriminator.slots = []), "the discriminator's optimizer state has 0 optimizer slots; adam keeps 2"],
    ['a short slot', (s: any) => s.generator.slots[0].pop(), /^the generator's optimizer slot 1 has \d+ numbers; this config's networks need \d+$/],
    ['weights of another config', (s: any) => s.generator.params.push(0), /^the generator's weights has \d+ numbers; this config's networks need \d+$/],
    ['iteration "x"', (s: any) => (s.iteration = 'x'), `the iteration is the text "x"; ${WHOLE}`],
    ['iteration -5', (s: any) => (s.iteration = -5), `the iteration is -5; ${WHOLE}`],
    ['iteration 1e308', (s: any) => (s.iteration = 1e308), `the iteration is 1e+308; ${WHOLE}`],
    ['iteration 2.5', (s: any) => (s.iteration = 2.5), `the iteration is 2.5; ${WHOLE}`],
    ['three RNG words', (s: any) => s.rng.pop(), /^the random state is \[\d+, \d+, \d+\]; it must be a list of 4 whole numbers/],
    ['an RNG word past 32 bits', (s: any) => (s.rng[2] = 2 ** 32), /^the random state is \[\d+, \d+, 4294967296, \d+\]; it must be a list of 4 whole numbers from 0 to 4,294,967,295$/],
    ['snapshot version 99', (s: any) => (s.version = 99), 'its snapshot version is 99; this lab reads version 1'],
    ['a text in the history', (s: any) => (s.history = [{ iteration: 1, dLoss: 'NaN' }]), 'the metric history\'s row 1 has dLoss = the text "NaN"; metrics must be numbers (or null where not measured)'],
    ['a bad config', (s: any) => (s.config.generator.neurons = 1000), /generator\.neurons/],
    ['no generator', (s: any) => delete s.generator, 'the generator is missing'],
  ])('refuses %s, saying what is wrong', (_what, edit, message) => {
    const r = refused(fileText(edit));
    if (typeof message === 'string') expect(r).toBe(message);
    else expect(r).toMatch(message);
  });

  it('says it in the page\'s language', () => {
    setLocale('zh');
    try {
      expect(refused(fileText((s) => (s.generator.slots = [])))).toBe('生成器的优化器状态有 0 个优化器槽；adam 需要 2 个');
      expect(refused('', 63 * 1024 * 1024)).toBe('文件有 63.0 MB；保存的实验最多 20 MB');
    } finally {
      setLocale('en');
    }
  });

  it('refuses a file of another format or version', () => {
    expect(refused(fileText(() => {}, (f) => (f.version = 99)))).toBe('it was saved as version 99; this lab reads version 1');
    expect(refused(fileText(() => {}, (f) => (f.format = 'tf-lab')))).toBe('its format is "tf-lab"; expected "gan-lab"');
  });

  it('refuses a file over 20 MB by its size, as Load and #snapshot= links both do', async () => {
    expect(refused('', 63 * 1024 * 1024)).toBe('it is 63.0 MB; a saved lab is at most 20 MB');
    const declared = await readSaveResponse(new Response('{}', { headers: { 'content-length': String(63 * 1024 * 1024) } }));
    expect(declared).toEqual({ ok: false, error: 'it is 63.0 MB; a saved lab is at most 20 MB' });
    // Undeclared length: read until past the cap, then stop pulling.
    let pulled = 0;
    const chunk = new Uint8Array(1024 * 1024).fill(32);
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled++;
        if (pulled > 63) c.close();
        else c.enqueue(chunk);
      },
    });
    const streamed = await readSaveResponse(new Response(stream));
    expect(streamed).toEqual({ ok: false, error: 'it is larger than 20 MB, the most a saved lab may be' });
    expect(pulled).toBeLessThan(30);
    expect(MAX_SAVE_BYTES).toBe(20 * 1024 * 1024);
    const fine = await readSaveResponse(new Response(fileText(() => {})));
    expect(fine.ok).toBe(true);
  });

  it('a refused snapshot changes nothing: the trainer keeps its run and trains on', async () => {
    const t = new Trainer(small);
    t.iterate(5);
    const before = t.parameters();
    const bad = JSON.parse(fileText((s) => (s.generator.slots = []))).snapshot;
    expect(() => t.restore(bad)).toThrow("the generator's optimizer state has 0 optimizer slots; adam keeps 2");
    const nullWeights = JSON.parse(fileText((s) => (s.discriminator.params[0] = null))).snapshot;
    expect(() => t.restore(nullWeights)).toThrow(/number 1 is null/);
    expect(t.parameters()).toEqual(before);
    expect(t.iteration).toBe(5);
    t.iterate(2);
    expect(t.iteration).toBe(7);
    expect(t.status).toBe('ok');
    t.dispose();
  });
});
