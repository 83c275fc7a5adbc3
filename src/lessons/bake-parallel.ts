// Baking on every core. Before bakeAll's serial pass, the checkpoints not yet in the cache are trained in worker
// threads, in stretches cut from the tree of every run's keys (pendingTasks), each once the stretch it starts from
// is done; each worker writes the cache exactly as the serial baker does (it runs the same bakeRuns). The serial pass then finds every checkpoint in the
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

/**
 * A stretch of checkpoints one worker trains: the run from its start to the stretch's end (the checkpoints before
 * the stretch are cache hits by then). Runs share their first checkpoints when they share a history (a
 * comparison figure's columns start from the chapter's steps; a translation has the English script): the shared
 * part is one task, and the stretches after it wait for it (`after`), then train in parallel.
 */
export interface BakeTask {
  id: number;
  file: string;
  by: string;
  checkpoints: Checkpoint[];
  keys: string[];
  /** How many checkpoints at the end this task trains. */
  trains: number;
  /** The task that trains the checkpoint just before this stretch (null: it is cached, or there is none). */
  after: number | null;
  /** Relative training cost of this stretch and of the longest chain of tasks waiting on it (schedule first). */
  cost: number;
  priority: number;
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

interface Node {
  key: string;
  file: string;
  by: string;
  path: Checkpoint[];
  keys: string[];
  parent: string | null;
  children: string[];
  cost: number;
  done: boolean;
}

/**
 * The tasks that have something to train: every run's checkpoints as a tree of keys (a key names its whole
 * history, so runs that share a key share everything before it), cut into stretches at each branch. Cached
 * checkpoints (all, unless fresh) are done already.
 */
export function pendingTasks(chapters: { file: string; runs: readonly ChapterRun[] }[], cache: BakeCache, version: string, fresh: boolean): BakeTask[] {
  const nodes = new Map<string, Node>();
  const roots: string[] = [];
  for (const ch of chapters) {
    for (const run of ch.runs) {
      const keys = stepKeys(run.checkpoints, version);
      const path = run.checkpoints.map(plainCheckpoint);
      keys.forEach((key, i) => {
        if (nodes.has(key)) return;
        const s = path[i];
        const from = s.actions.restart || i === 0 ? 0 : path[i - 1].actions.train;
        const parent = i > 0 ? keys[i - 1] : null;
        nodes.set(key, { key, file: ch.file, by: run.by, path: path.slice(0, i + 1), keys: keys.slice(0, i + 1), parent, children: [], cost: stepCost(s, Math.max(0, s.actions.train - from)), done: !fresh && cache.has(key) });
        if (parent) nodes.get(parent)!.children.push(key);
        else roots.push(key);
      });
    }
  }
  const tasks: BakeTask[] = [];
  // A stretch starts at a checkpoint to train whose parent is done, missing, or a branch; it runs on while there
  // is exactly one checkpoint after it.
  const walk = (key: string, after: number | null) => {
    let n = nodes.get(key)!;
    if (n.done) {
      for (const c of n.children) walk(c, null);
      return;
    }
    let cost = n.cost, trains = 1;
    while (n.children.length === 1 && !nodes.get(n.children[0])!.done) {
      n = nodes.get(n.children[0])!;
      cost += n.cost;
      trains++;
    }
    const task: BakeTask = { id: tasks.length, file: n.file, by: n.by, checkpoints: n.path, keys: n.keys, trains, after, cost, priority: cost };
    tasks.push(task);
    for (const c of n.children) walk(c, task.id);
  };
  for (const r of roots) walk(r, null);
  // priority: the stretch's cost plus the costliest chain waiting on it (children come after their parent)
  for (let i = tasks.length - 1; i >= 0; i--) {
    const t = tasks[i];
    if (t.after !== null) tasks[t.after].priority = Math.max(tasks[t.after].priority, tasks[t.after].cost + t.priority);
  }
  return tasks;
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

/**
 * Trains the tasks in up to `workers` worker threads, each task once the one it waits on is done, the highest
 * priority first; resolves when every task is done, has failed, or waits on one that failed (the serial pass
 * bakes those).
 */
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
  const state = new Map<number, 'waiting' | 'running' | 'done' | 'failed'>(tasks.map((t) => [t.id, 'waiting']));
  const ready = () =>
    tasks.filter((t) => state.get(t.id) === 'waiting' && (t.after === null || state.get(t.after) === 'done')).sort((a, b) => b.priority - a.priority)[0];
  const idle: Worker[] = [];
  const pool: Worker[] = [];
  let running = 0;
  try {
    await new Promise<void>((resolve) => {
      const dispatch = () => {
        while (idle.length) {
          const t = ready();
          if (!t) break;
          const w = idle.pop()!;
          state.set(t.id, 'running');
          running++;
          (w as Worker & { task?: number }).task = t.id;
          w.postMessage({ id: t.id, task: t });
        }
        if (running === 0) resolve();
      };
      const finish = (id: number, ok: boolean) => {
        state.set(id, ok ? 'done' : 'failed');
        running--;
      };
      for (let i = 0; i < n; i++) {
        const w = new Worker(pathToFileURL(file), { workerData: setup satisfies WorkerSetup }) as Worker & { task?: number };
        pool.push(w);
        w.on('message', (m: WorkerReply) => {
          if ('error' in m) res.failures.push(`${tasks[m.id].file}: ${m.error}`);
          else for (const k of m.trained) res.trained.add(k);
          finish(m.id, !('error' in m));
          w.task = undefined;
          idle.push(w);
          dispatch();
        });
        w.on('error', (err) => {
          if (w.task !== undefined) {
            res.failures.push(`${tasks[w.task].file}: worker failed (${err.message})`);
            finish(w.task, false);
            w.task = undefined;
          }
          dispatch(); // this worker is gone; the others carry on
        });
        idle.push(w);
      }
      dispatch();
    });
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
    rmSync(file, { force: true });
  }
  return res;
}
