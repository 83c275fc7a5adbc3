// Baking on every core. Before bakeAll's serial pass, the runs with checkpoints not yet in the cache are trained
// in worker threads, one run (or runs sharing a first step) per task, longest first; each worker writes the cache
// exactly as the serial baker does (it runs the same bakeRuns). The serial pass then finds every checkpoint in the
// cache and checks the claims, so errors, metrics and snapshots are those of a serial bake (the same trainer on the
// same backend gives the same bits: tests/unit/bake-parallel.test.ts compares the files).
//
// Workers cannot load TypeScript through a loader hook in Node 20 (hooks do not reach worker threads), and inside
// `astro build` this module runs in Vite's module runner; so the worker is bundled once per bake with esbuild
// (astro's own, imported statically: a dynamic import inside the Astro hook fails once the runner has closed),
// packages left external, into .cache/, and started as plain JavaScript. If that fails, baking stays serial.
import { availableParallelism } from 'node:os';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import type { BakeCache } from './bake-cache';
import { stepKeys } from './bake-cache';
import type { ChapterRun } from './directives/index';
import type { Checkpoint } from './directives/step/index';

/** Runs trained together in one worker: their first step is the same checkpoint, so the later ones resume from the cache. */
export interface BakeTask {
  file: string;
  runs: { by: string; checkpoints: Checkpoint[]; keys: string[] }[];
  /** Relative training cost (iterations x batch x network size), for longest-first scheduling. */
  cost: number;
}

/** What the worker is told once (workerData). */
export interface WorkerSetup {
  root: string;
  cacheDir: string;
  backend: 'wasm' | 'cpu';
  fresh: boolean;
}

export type WorkerReply = { id: number; trained: string[] } | { id: number; error: string };

/** LESSONS_BAKE_WORKERS, else one per core. */
export function workerCount(): number {
  const env = Number(process.env.LESSONS_BAKE_WORKERS);
  return Number.isInteger(env) && env > 0 ? env : availableParallelism();
}

function stepCost(s: Pick<Checkpoint, 'config'>, iterations: number): number {
  const c = s.config;
  const size = (n: { layers: number; neurons: number }) => n.layers * n.neurons * n.neurons + n.neurons;
  return iterations * c.batchSize * ((c.dSteps + c.gSteps) * size(c.discriminator) + c.gSteps * size(c.generator)) * (c.minibatchStd || c.gradientPenalty > 0 ? 2 : 1);
}

/**
 * The tasks that have something to train: runs whose last checkpoint is missing (or every run, when fresh), a
 * run that is a prefix of another dropped (the English and Chinese chapters share their scripts), runs with the
 * same first checkpoint grouped into one task.
 */
export function pendingTasks(chapters: { file: string; runs: readonly ChapterRun[] }[], cache: BakeCache, version: string, fresh: boolean): BakeTask[] {
  const all: { file: string; by: string; checkpoints: Checkpoint[]; keys: string[]; cost: number }[] = [];
  for (const ch of chapters) {
    for (const run of ch.runs) {
      const keys = stepKeys(run.checkpoints, version);
      if (!keys.length || (!fresh && cache.has(keys[keys.length - 1]))) continue;
      let cost = 0;
      run.checkpoints.forEach((s, i) => {
        if (!fresh && cache.has(keys[i])) return;
        const from = s.actions.restart || i === 0 ? 0 : run.checkpoints[i - 1].actions.train;
        cost += stepCost(s, Math.max(0, s.actions.train - from));
      });
      all.push({ file: ch.file, by: run.by, checkpoints: run.checkpoints.map(plainCheckpoint), keys, cost });
    }
  }
  const joined = (k: string[]) => k.join(' ');
  const kept = all.filter((r, i) => !all.some((o, j) => j !== i && o.keys.length >= r.keys.length && joined(o.keys).startsWith(joined(r.keys)) && (o.keys.length > r.keys.length || j < i)));
  const byFirst = new Map<string, BakeTask>();
  for (const r of kept) {
    const t = byFirst.get(r.keys[0]);
    const run = { by: r.by, checkpoints: r.checkpoints, keys: r.keys };
    if (t) {
      t.runs.push(run);
      t.cost += r.cost;
    } else byFirst.set(r.keys[0], { file: r.file, runs: [run], cost: r.cost });
  }
  return [...byFirst.values()].sort((a, b) => b.cost - a.cost);
}

/** Only what baking reads (the compiled step also carries HTML): a checkpoint as plain, cloneable data. */
function plainCheckpoint(s: Checkpoint): Checkpoint {
  return { index: s.index, line: s.line, config: s.config, actions: s.actions };
}

async function bundleWorker(root: string): Promise<string> {
  const dir = join(root, '.cache', 'bake-worker');
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, `worker-${process.pid}-${Date.now()}.mjs`);
  await build({
    entryPoints: [join(root, 'src/lessons/bake-worker.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile,
    logLevel: 'error',
  });
  return outfile;
}

export interface PoolResult {
  /** Checkpoint keys the workers trained (now in the cache). */
  trained: Set<string>;
  workers: number;
  /** Tasks that failed in a worker (the serial pass bakes them and reports any error). */
  failures: string[];
}

/** Trains the tasks in up to `workers` worker threads; resolves when every task is done or has failed. */
export async function bakeInWorkers(tasks: BakeTask[], setup: WorkerSetup, workers: number): Promise<PoolResult> {
  const res: PoolResult = { trained: new Set(), workers: 0, failures: [] };
  const n = Math.min(workers, tasks.length);
  if (n < 1) return res;
  let file: string;
  try {
    file = await bundleWorker(setup.root);
  } catch (err) {
    res.failures.push(`the bake worker could not be bundled (${err instanceof Error ? err.message : String(err)}); baking serially`);
    return res;
  }
  res.workers = n;
  let next = 0;
  const runWorker = () =>
    new Promise<void>((resolve) => {
      const w = new Worker(pathToFileURL(file), { workerData: setup satisfies WorkerSetup });
      let current = -1;
      const send = () => {
        if (next >= tasks.length) {
          void w.terminate().then(() => resolve());
          return;
        }
        current = next++;
        w.postMessage({ id: current, task: tasks[current] });
      };
      w.on('message', (m: WorkerReply) => {
        if ('error' in m) res.failures.push(`${tasks[m.id].file}: ${m.error}`);
        else for (const k of m.trained) res.trained.add(k);
        send();
      });
      w.on('error', (err) => {
        if (current >= 0) res.failures.push(`${tasks[current].file}: worker failed (${err.message})`);
        resolve();
      });
      w.on('online', send);
    });
  try {
    await Promise.all(Array.from({ length: n }, runWorker));
  } finally {
    rmSync(file, { force: true });
  }
  return res;
}
