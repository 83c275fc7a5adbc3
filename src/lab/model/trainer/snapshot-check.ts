// The one schema of a snapshot (a save file's, a baked lesson state's, a backend switch's): every field is checked
// before anything is replaced, so a bad file is refused with what is wrong in words and the current run is kept.
import { formatIssue, validateConfig, type GanConfig, type NetworkConfig } from '../config';
import { slotCount } from '../optimizers';
import { netLayout } from './nets';

/** Largest iteration (and optimizer step) a snapshot may hold: far past any run, well inside exact integers. */
export const MAX_ITERATION = 1e12;

/** What a refusal says (one place for the text). */
const SAY = {
  notSnapshot: 'it holds no lab snapshot (expected an object with "version", "config", "iteration", "generator", ...)',
  version: (v: string) => `its snapshot version is ${v}; this lab reads version 1`,
  config: (issues: string) => `its config is not valid: ${issues}`,
  iteration: (what: string, v: string) => `${what} is ${v}; it must be a whole number from 0 to ${MAX_ITERATION.toLocaleString('en-US')}`,
  rng: (v: string) => `the random state is ${v}; it must be a list of 4 whole numbers from 0 to 4,294,967,295`,
  missing: (what: string) => `${what} is missing`,
  count: (what: string, got: number, want: number) => `${what} has ${got.toLocaleString('en-US')} numbers; this config's networks need ${want.toLocaleString('en-US')}`,
  item: (what: string, i: number, v: string) => `${what}: number ${(i + 1).toLocaleString('en-US')} is ${v}; every value must be a finite number`,
  slots: (what: string, got: number, want: number, optimizer: string) => `${what} has ${got} optimizer slot${got === 1 ? '' : 's'}; ${optimizer} keeps ${want}`,
  history: (i: number, key: string, v: string) => `the metric history's row ${i + 1} has ${key} = ${v}; metrics must be numbers (or null where not measured)`,
  historyList: 'the metric history is not a list of rows',
  losses: (key: string, v: string) => `the last ${key} is ${v}; it must be a finite number or null`,
};

export class SnapshotError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SnapshotError';
  }
}

/** A value as a person reads it in a refusal. */
function shown(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'missing';
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : v === Infinity ? 'Infinity (too large)' : v === -Infinity ? '-Infinity (too large)' : String(v);
  if (typeof v === 'string') return `the text ${JSON.stringify(v.length > 24 ? `${v.slice(0, 24)}…` : v)}`;
  return Array.isArray(v) ? `a list of ${v.length}` : `a ${typeof v}`;
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function checkCount(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > MAX_ITERATION) throw new SnapshotError(SAY.iteration(what, shown(v)));
  return v;
}

function checkNumbers(v: unknown, total: number, what: string): void {
  if (!Array.isArray(v)) throw new SnapshotError(v === undefined ? SAY.missing(what) : SAY.item(what, 0, shown(v)));
  if (v.length !== total) throw new SnapshotError(SAY.count(what, v.length, total));
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) throw new SnapshotError(SAY.item(what, i, shown(x)));
  }
}

function checkNet(v: unknown, total: number, net: NetworkConfig, name: string): void {
  if (!isRecord(v)) throw new SnapshotError(SAY.missing(`the ${name}`));
  checkNumbers(v.params, total, `the ${name}'s weights`);
  const want = slotCount(net.optimizer);
  if (!Array.isArray(v.slots)) throw new SnapshotError(SAY.missing(`the ${name}'s optimizer state`));
  if (v.slots.length !== want) throw new SnapshotError(SAY.slots(`the ${name}'s optimizer state`, v.slots.length, want, net.optimizer));
  v.slots.forEach((s, i) => checkNumbers(s, total, `the ${name}'s optimizer slot ${i + 1}`));
  checkCount(v.step, `the ${name}'s optimizer step`);
}

function checkHistory(v: unknown): void {
  if (v === undefined) return;
  if (!Array.isArray(v)) throw new SnapshotError(SAY.historyList);
  v.forEach((row, i) => {
    if (!isRecord(row)) throw new SnapshotError(SAY.history(i, 'row', shown(row)));
    for (const [k, x] of Object.entries(row)) {
      if (x !== null && (typeof x !== 'number' || !Number.isFinite(x))) throw new SnapshotError(SAY.history(i, k, shown(x)));
    }
  });
}

/**
 * The snapshot's config, once every field is checked: a known version, a valid config, weights and optimizer slots
 * of the lengths that config's networks and optimizers need, all finite; whole-number iteration and steps in range;
 * four 32-bit words of random state; finite metrics. Throws SnapshotError saying what is wrong.
 */
export function checkSnapshot(s: unknown): GanConfig {
  if (!isRecord(s)) throw new SnapshotError(SAY.notSnapshot);
  if (s.version !== 1) throw new SnapshotError(s.version === undefined ? SAY.notSnapshot : SAY.version(shown(s.version)));
  const cfg = validateConfig(s.config);
  if (!cfg.ok) throw new SnapshotError(SAY.config(cfg.issues.map(formatIssue).join('; ')));
  const config = cfg.config;
  checkCount(s.iteration, 'the iteration');
  const rng = s.rng;
  if (!Array.isArray(rng) || rng.length !== 4 || rng.some((w) => typeof w !== 'number' || !Number.isInteger(w) || w < 0 || w > 0xffffffff)) {
    throw new SnapshotError(SAY.rng(Array.isArray(rng) ? `[${rng.slice(0, 5).map(shown).join(', ')}${rng.length > 5 ? ', …' : ''}]` : shown(rng)));
  }
  checkNet(s.generator, netLayout('g', config).total, config.generator, 'generator');
  checkNet(s.discriminator, netLayout('d', config).total, config.discriminator, 'discriminator');
  checkHistory(s.history);
  if (s.lastLosses !== undefined) {
    if (!isRecord(s.lastLosses)) throw new SnapshotError(SAY.losses('losses', shown(s.lastLosses)));
    for (const k of ['dLoss', 'gLoss'] as const) {
      const x = s.lastLosses[k];
      if (x !== null && x !== undefined && (typeof x !== 'number' || !Number.isFinite(x))) throw new SnapshotError(SAY.losses(k, shown(x)));
    }
  }
  return config;
}
