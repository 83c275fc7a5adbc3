// `auto` as a measured choice: on a machine with a hardware GPU, a short race on the lab's actual network between
// WebGL (in a worker where the browser can, else in the page) and WASM (in a worker), each timed over a fixed
// budget after a warm-up, the way the play loop trains (a chunk of iterations, then a frame read). The winner is cached per browser, GPU and network size
// in localStorage, so the race runs once. A software-rendered WebGL is not raced: a CPU pretending to be a GPU
// loses to WASM on these networks (measured here: 7-50 iterations/s against ~1,750), and its warm-up alone takes
// longer than the race's budget.
import type { GanConfig } from './model/config';
import type { TrainerLike } from './trainer-like';
import { formatNumber, t } from './i18n';

export type Racer = 'webgl' | 'wasm';

export interface RaceResult {
  winner: Racer;
  /** Iterations per second each candidate reached. */
  rates: Record<Racer, number>;
  /** When it was measured (ms since the epoch). */
  at: number;
  /** Where WebGL trained for it: in a worker (OffscreenCanvas) or in the page (results cached before it say neither). */
  webglIn?: 'worker' | 'page';
}

/** Milliseconds each candidate trains for the timing, after its warm-up. */
export const RACE_BUDGET_MS = 250;
const CHUNK = 10;
const CACHE_PREFIX = 'gan-lab:backend-race:v1:';

/** What the result depends on: the GPU and the network's size (layers, widths, batch, the costly extras). */
export function raceKey(renderer: string, c: GanConfig): string {
  const net = (n: GanConfig['generator']) => `${n.layers}x${n.neurons}`;
  return `${CACHE_PREFIX}${renderer}|g${net(c.generator)}|d${net(c.discriminator)}|b${c.batchSize}|z${c.noise.dim}|p${c.pack}|m${c.minibatchStd ? 1 : 0}|gp${c.gradientPenalty > 0 ? 1 : 0}`;
}

type Store = Pick<Storage, 'getItem' | 'setItem'>;

/** The cached result, if any and well-formed (localStorage is the reader's to edit). */
export function readRace(store: Store | null, key: string): RaceResult | null {
  try {
    const v = JSON.parse(store?.getItem(key) ?? 'null') as RaceResult | null;
    if (!v || (v.winner !== 'webgl' && v.winner !== 'wasm') || !Number.isFinite(v.rates?.webgl) || !Number.isFinite(v.rates?.wasm)) return null;
    return v;
  } catch {
    return null;
  }
}

export function writeRace(store: Store | null, key: string, r: RaceResult): void {
  try {
    store?.setItem(key, JSON.stringify(r));
  } catch {
    // private mode or a full store: the race runs again next time
  }
}

/** localStorage where the browser allows it. */
export function raceStore(): Store | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** Iterations per second of one trainer: a warm-up (shader compiles, WASM start), then chunks for `budgetMs`. */
export async function measureRate(t: TrainerLike, now: () => number, budgetMs = RACE_BUDGET_MS): Promise<number> {
  await t.iterate(2);
  await t.frame();
  const t0 = now();
  let n = 0;
  while (now() - t0 < budgetMs) {
    await t.iterate(CHUNK);
    await t.frame();
    n += CHUNK;
  }
  const s = (now() - t0) / 1000;
  return s > 0 ? n / s : 0;
}

/** The faster; a tie goes to WASM (in a worker it leaves the page's thread to drawing). */
export function winnerOf(rates: Record<Racer, number>): Racer {
  return rates.webgl > rates.wasm ? 'webgl' : 'wasm';
}

/** The backend line's explanation. */
export function raceReason(r: RaceResult, cached: boolean): string {
  const rate = (v: number) => formatNumber(Math.round(v), 6);
  return t(r.webglIn === 'worker' ? 'backend.raceWorkers' : 'backend.race', { winner: r.winner === 'webgl' ? 'WebGL' : 'WASM', how: t(cached ? 'backend.raceEarlier' : 'backend.raceNow'), webgl: rate(r.rates.webgl), wasm: rate(r.rates.wasm) });
}
