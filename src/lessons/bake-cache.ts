// Content addresses for baked checkpoints, and the on-disk cache. Node only; no tfjs (pages import this to
// know each step's snapshot URL without training anything).
//
// A step's key is a hash of everything its checkpoint depends on: the trainer's source and tfjs version, the
// step's resolved config, its train target, and (unless it restarts) the previous step's key. So a key names
// one exact trainer state: prose and `expect` edits keep every key, a change on step 4 keeps steps 1-3 cached
// (step 4 resumes from step 3's snapshot), and a trainer change re-bakes everything.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CHECKPOINT_ACTIONS, pickActions, type Checkpoint } from './directives/step/index';
import type { Metrics, TrainerSnapshot } from '../lab/model/types';

/** Bump when the baked format or the baking procedure (e.g. the measuring cadence) changes. */
export const BAKE_FORMAT = 1;
export const CACHE_DIR = '.cache/bake';
/** Where the assets live in the built site, below the base path: `<base>baked/<key>.json`. */
export const BAKED_DIR = 'baked';

const versions = new Map<string, string>();

/** A hash of the trainer's source (src/lab/model/*.ts), the tfjs version and the bake format. */
export function trainerVersion(root = process.cwd()): string {
  const abs = resolve(root);
  const hit = versions.get(abs);
  if (hit) return hit;
  const h = createHash('sha256').update(`bake-format ${BAKE_FORMAT}\n`);
  // Every source file below src/lab/model, subfolders included (the registries and trainer/ live in them).
  const modelDir = join(abs, 'src/lab/model');
  for (const name of modelSources(modelDir)) h.update(`${name}\n`).update(readFileSync(join(modelDir, name)));
  for (const pkg of ['tfjs-core', 'tfjs-backend-wasm']) {
    try {
      h.update(`${pkg} ${JSON.parse(readFileSync(join(abs, 'node_modules/@tensorflow', pkg, 'package.json'), 'utf8')).version}\n`);
    } catch {
      h.update(`${pkg} ?\n`);
    }
  }
  const v = h.digest('hex').slice(0, 16);
  versions.set(abs, v);
  return v;
}

/** The .ts files below `dir`, as sorted relative paths. */
function modelSources(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...modelSources(dir, rel));
    else if (e.name.endsWith('.ts')) out.push(rel);
  }
  return out.sort();
}

/** Each step's content address, in order. */
export function stepKeys(steps: readonly Pick<Checkpoint, 'config' | 'actions'>[], version: string): string[] {
  const keys: string[] = [];
  let prev = '';
  for (const s of steps) {
    // The actions the step parts mark as shaping the checkpoint (train, restart), in their order.
    const what = JSON.stringify({ config: s.config, ...pickActions(s.actions, CHECKPOINT_ACTIONS) });
    const key = createHash('sha256')
      .update(`${version}\n${s.actions.restart ? '' : prev}\n${what}`)
      .digest('hex')
      .slice(0, 24);
    keys.push(key);
    prev = key;
  }
  return keys;
}

/** The snapshot's URL below the site's base: `baked/<key>.json`. */
export function bakedPath(key: string): string {
  return `${BAKED_DIR}/${key}.json`;
}

/** The shortest decimal that reads back as the same float32 (weights are float32: JSON stays exact and half the size). */
export function shortFloat32(v: number): number {
  if (!Number.isFinite(v) || v === 0) return v;
  for (let p = 6; p < 10; p++) {
    const n = Number(v.toPrecision(p));
    if (Math.fround(n) === v) return n;
  }
  return v;
}

/** Rewrites a snapshot's weight arrays with `shortFloat32` (the values stay bit-identical as float32). */
export function compactSnapshot(s: TrainerSnapshot): TrainerSnapshot {
  const net = (n: TrainerSnapshot['generator']) => ({ params: n.params.map(shortFloat32), slots: n.slots.map((x) => x.map(shortFloat32)), step: n.step });
  return { ...s, generator: net(s.generator), discriminator: net(s.discriminator) };
}

export interface CachedStep {
  /** The snapshot as served (JSON text). */
  text: string;
  /** The metrics measured at the checkpoint. */
  metrics: Metrics;
}

/** The bake cache: `<dir>/<key>.json` (the asset) and `<key>.metrics.json`. */
export class BakeCache {
  readonly dir: string;
  constructor(dir: string) {
    this.dir = resolve(dir);
  }
  file(key: string): string {
    return join(this.dir, `${key}.json`);
  }
  has(key: string): boolean {
    return existsSync(this.file(key)) && existsSync(join(this.dir, `${key}.metrics.json`));
  }
  read(key: string): CachedStep | null {
    if (!this.has(key)) return null;
    try {
      return { text: readFileSync(this.file(key), 'utf8'), metrics: JSON.parse(readFileSync(join(this.dir, `${key}.metrics.json`), 'utf8')) as Metrics };
    } catch {
      return null;
    }
  }
  /** Only the metrics measured at the checkpoint (the page writes them into the prose), or null if not baked. */
  metrics(key: string): Metrics | null {
    try {
      return JSON.parse(readFileSync(join(this.dir, `${key}.metrics.json`), 'utf8')) as Metrics;
    } catch {
      return null;
    }
  }
  write(key: string, text: string, metrics: Metrics): void {
    mkdirSync(this.dir, { recursive: true });
    // the metrics file last: `has` is true only once both are complete
    const put = (name: string, data: string) => {
      const tmp = join(this.dir, `.${name}.${process.pid}.tmp`);
      writeFileSync(tmp, data);
      renameSync(tmp, join(this.dir, name));
    };
    put(`${key}.json`, text);
    put(`${key}.metrics.json`, JSON.stringify(metrics));
  }
}
