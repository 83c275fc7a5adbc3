import { describe, expect, it } from 'vitest';
import { measureRate, raceKey, raceReason, readRace, winnerOf, writeRace } from '../../src/lab/backend-race';
import { parseConfig } from '../../src/lab/model/config';
import type { TrainerLike } from '../../src/lab/trainer-like';

/** A store like localStorage, over a Map. */
function store() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), m };
}

describe('the auto backend race', () => {
  it('times iterations after a warm-up, the way the play loop trains (chunks, then a frame read)', async () => {
    let clock = 0;
    const calls: string[] = [];
    const t = {
      iterate: async (n = 1) => {
        calls.push(`it ${n}`);
        clock += n * 2; // 2 ms an iteration: 500 it/s
      },
      frame: async () => {
        calls.push('frame');
        return null;
      },
    } as unknown as TrainerLike;
    const rate = await measureRate(t, () => clock, 100);
    expect(calls.slice(0, 2)).toEqual(['it 2', 'frame']); // the warm-up is not timed
    expect(rate).toBe(500);
  });

  it('keeps the faster (a tie to WASM) and caches it per GPU and network size; a damaged cache is ignored', () => {
    expect(winnerOf({ webgl: 900, wasm: 1750 })).toBe('wasm');
    expect(winnerOf({ webgl: 2400, wasm: 1750 })).toBe('webgl');
    expect(winnerOf({ webgl: 5, wasm: 5 })).toBe('wasm');
    const c = parseConfig({});
    const k = raceKey('ANGLE (GPU X)', c);
    expect(raceKey('ANGLE (GPU X)', parseConfig({ generator: { neurons: 64 } }))).not.toBe(k);
    expect(raceKey('ANGLE (GPU Y)', c)).not.toBe(k);
    expect(raceKey('ANGLE (GPU X)', parseConfig({ seed: 9 }))).toBe(k); // the seed does not change the cost
    const s = store();
    expect(readRace(s, k)).toBeNull();
    const r = { winner: 'webgl' as const, rates: { webgl: 2400, wasm: 1750 }, at: 1 };
    writeRace(s, k, r);
    expect(readRace(s, k)).toEqual(r);
    s.setItem(k, '{"winner":"<b>","rates":{}}');
    expect(readRace(s, k)).toBeNull();
    s.setItem(k, 'not json');
    expect(readRace(s, k)).toBeNull();
    expect(raceReason(r, true)).toBe('WebGL won a short race on this network (measured earlier in this browser): WebGL 2,400 it/s, WASM 1,750 it/s in a worker');
    // WebGL raced in a worker (OffscreenCanvas): the line says both trained off the page.
    expect(raceReason({ ...r, webglIn: 'worker' }, false)).toBe('WebGL won a short race on this network (measured just now): WebGL 2,400 it/s, WASM 1,750 it/s, both in a worker');
  });
});
