// Baking: run each chapter's script with the trainer in Node, store every step's checkpoint as a static asset,
// and check every `expect` against the checkpoint's measured metrics. `astro build` runs it (see
// src/lessons/astro-integration.ts); unchanged steps come from the cache (src/lessons/bake-cache.ts).
import { initNodeBackend, type NodeBackend } from '../lab/model/backend-node';
import { Trainer } from '../lab/model/trainer';
import type { Metrics } from '../lab/model/types';
import { BakeCache, CACHE_DIR, compactSnapshot, stepKeys, trainerVersion } from './bake-cache';
import { bakeInWorkers, pendingTasks, workerCount } from './bake-parallel';
import type { CompiledChapter } from './compile';
import { chapterRuns, type ChapterRun } from './directives/index';
import type { Checkpoint } from './directives/step/index';
import { formatError, holds, MIXTURE_METRICS, type LessonError } from './index';

export interface BakedStep {
  index: number;
  key: string;
  metrics: Metrics;
  /** True when the checkpoint came from the cache. */
  cached: boolean;
}

/** One run a directive asked for (src/lessons/directives/index.ts, `chapterRuns`), baked. */
export interface BakedRun {
  by: string;
  steps: BakedStep[];
}

export interface BakedChapter {
  file: string;
  /** The `:::step` checkpoints. */
  steps: BakedStep[];
  /** Every run baked, the steps' included. */
  runs: BakedRun[];
  errors: LessonError[];
  /** Checkpoints trained in this run (not from the cache). */
  trained: number;
  ms: number;
}

export interface BakeOptions {
  /** The repository root (for the trainer version and the default cache dir). */
  root?: string;
  cacheDir?: string;
  backend?: NodeBackend;
  /** Ignore the cache (still writes it). */
  fresh?: boolean;
  /** bakeAll's worker threads (bake-parallel.ts): default LESSONS_BAKE_WORKERS or one per core; 1 bakes in this thread. */
  workers?: number;
  /**
   * Keys the workers trained in this bake: read from the cache, but counted as trained (once: a translation that
   * shares the script finds them cached), even when `fresh`.
   */
  warmed?: { keys: ReadonlySet<string>; counted: Set<string> };
}

/** Metric cadence on the way to a checkpoint (for the charts' history): a function of the target only. */
export function measureEvery(target: number): number {
  return target <= 2500 ? 100 : target <= 10_000 ? 250 : 1000;
}

const fmtValue = (v: number) => (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4))));

/** Checks a step's claims; one error per failed claim, at the claim's position. */
export function checkExpectations(file: string, step: Pick<Checkpoint, 'actions' | 'config' | 'column'>, m: Metrics): LessonError[] {
  const out: LessonError[] = [];
  for (const e of step.actions.expect) {
    // a claim without a label holds for every column: say which one it failed in
    const where = step.column !== undefined && !e.column ? ` in column "${step.column}"` : '';
    const v = (m as unknown as Record<string, number | undefined>)[e.metric];
    if (typeof v !== 'number' || Number.isNaN(v)) {
      const why = MIXTURE_METRICS.includes(e.metric) ? `distribution ${step.config.distribution}` : `no value at iteration ${m.iteration}`;
      out.push({ file, line: e.line, col: e.col, message: `expect "${e.text}" failed${where}: ${e.metric} was not measured (${why})` });
    } else if (!holds(e, v)) {
      out.push({ file, line: e.line, col: e.col, message: `expect "${e.text}" failed${where}: measured ${e.metric} = ${fmtValue(v)}` });
    }
  }
  return out;
}

/** Trains `t` to the checkpoint's iteration, measuring on the way (the charts' history); null if it diverged. */
async function trainTo(t: Trainer, target: number): Promise<Metrics | null> {
  const every = measureEvery(target);
  while (t.iteration < target && t.status === 'ok') {
    const next = Math.min(target, (Math.floor(t.iteration / every) + 1) * every);
    t.iterate(next - t.iteration);
    if (next < target) await t.measure();
  }
  return t.measure();
}

function divergedError(file: string, step: Checkpoint, t: Trainer): LessonError {
  const d = t.divergence;
  return {
    file,
    line: step.line,
    col: 1,
    message: `the trainer diverged before this step's checkpoint (iteration ${d?.iteration ?? t.iteration}: ${d?.what ?? 'non-finite values'}; ${d?.hint ?? 'lower a learning rate'})`,
  };
}

/**
 * Distinct checkpoints baked over every run: a figure's columns are runs of their own beside the chapter's steps,
 * and a column or a translation that shares a prefix shares its checkpoints (each is trained once).
 */
export function countCheckpoints(chapters: readonly Pick<BakedChapter, 'runs'>[]): number {
  return new Set(chapters.flatMap((c) => c.runs.flatMap((r) => r.steps.map((s) => s.key)))).size;
}

/**
 * Bakes one run: each checkpoint from the cache, or trained from the previous one's state (or fresh, when it
 * restarts). Appends its errors (a divergence stops the run) and trained count to `out`.
 */
async function bakeRun(file: string, run: readonly Checkpoint[], cache: BakeCache, version: string, opts: BakeOptions, out: BakedChapter): Promise<BakedStep[]> {
  const keys = stepKeys(run, version);
  const baked: BakedStep[] = [];
  let trainer: Trainer | null = null;
  let trainerAt = ''; // the key of the state `trainer` holds
  try {
    for (const [i, step] of run.entries()) {
      const key = keys[i];
      const warmed = opts.warmed?.keys.has(key) ?? false;
      const hit = opts.fresh && !warmed ? null : cache.read(key);
      const trainedHere = !!hit && warmed && !opts.warmed!.counted.has(key);
      let metrics: Metrics;
      if (hit) {
        metrics = hit.metrics;
      } else {
        if (step.actions.restart) {
          trainer?.dispose();
          trainer = new Trainer(step.config);
        } else {
          const prevKey = i > 0 ? keys[i - 1] : '';
          if (!trainer || trainerAt !== prevKey) {
            const prev = cache.read(prevKey);
            if (!prev) throw new Error(`internal: step ${step.index} has no previous checkpoint`);
            trainer?.dispose();
            trainer = Trainer.fromSnapshot(JSON.parse(prev.text));
          }
          trainer.setConfig(step.config as unknown as Record<string, unknown>);
        }
        const m = await trainTo(trainer, step.actions.train);
        if (!m) {
          out.errors.push(divergedError(file, step, trainer));
          break;
        }
        metrics = JSON.parse(JSON.stringify(m)) as Metrics; // as the cache stores it (NaN -> null)
        cache.write(key, JSON.stringify(compactSnapshot(await trainer.snapshot())), metrics);
        trainerAt = key;
        out.trained += 1;
      }
      if (trainedHere) {
        out.trained += 1;
        opts.warmed!.counted.add(key);
      }
      baked.push({ index: step.index, key, metrics, cached: !!hit && !trainedHere });
      out.errors.push(...checkExpectations(file, step, metrics));
    }
  } finally {
    trainer?.dispose();
  }
  return baked;
}

/** Bakes every run of one compiled chapter (it must have no compile errors). */
export async function bakeChapter(chapter: CompiledChapter, opts: BakeOptions = {}): Promise<BakedChapter> {
  return bakeRuns(chapter.file, chapterRuns(chapter), opts);
}

/** Bakes runs of one chapter file, in order; `steps` is the `:::step` run's result. */
export async function bakeRuns(file: string, runs: readonly ChapterRun[], opts: BakeOptions = {}): Promise<BakedChapter> {
  const t0 = performance.now();
  const root = opts.root ?? process.cwd();
  await initNodeBackend(opts.backend ?? 'wasm');
  const cache = new BakeCache(opts.cacheDir ?? `${root}/${CACHE_DIR}`);
  const version = trainerVersion(root);
  const out: BakedChapter = { file, steps: [], runs: [], errors: [], trained: 0, ms: 0 };
  for (const run of runs) {
    const steps = await bakeRun(file, run.checkpoints, cache, version, opts, out);
    out.runs.push({ by: run.by, steps });
    if (run.by === 'step') out.steps = steps;
  }
  out.ms = performance.now() - t0;
  return out;
}

export interface BakeAllResult {
  chapters: BakedChapter[];
  errors: LessonError[];
  /** Every key baked (the assets to publish). */
  keys: string[];
  /** Worker threads that trained (0: all in this thread). */
  workers: number;
  /** Worker failures (their runs were baked in this thread instead). */
  notes: string[];
}

/**
 * Bakes every chapter, collecting every error. What is not in the cache yet is first trained on every core
 * (bake-parallel.ts); the chapters are then baked one after another from the cache, in this thread.
 */
export async function bakeAll(chapters: CompiledChapter[], opts: BakeOptions = {}): Promise<BakeAllResult> {
  const res: BakeAllResult = { chapters: [], errors: [], keys: [], workers: 0, notes: [] };
  const workers = opts.workers ?? workerCount();
  let serialOpts = opts;
  if (workers > 1) {
    const root = opts.root ?? process.cwd();
    const cacheDir = opts.cacheDir ?? `${root}/${CACHE_DIR}`;
    const tasks = pendingTasks(
      chapters.map((c) => ({ file: c.file, runs: chapterRuns(c) })),
      new BakeCache(cacheDir),
      trainerVersion(root),
      !!opts.fresh,
    );
    if (tasks.length > 1) {
      const pool = await bakeInWorkers(tasks, { root, cacheDir, backend: opts.backend ?? 'wasm', fresh: !!opts.fresh }, workers);
      res.workers = pool.workers;
      res.notes.push(...pool.failures);
      serialOpts = { ...opts, warmed: { keys: pool.trained, counted: new Set() } };
    }
  }
  for (const c of chapters) {
    try {
      const b = await bakeChapter(c, serialOpts);
      res.chapters.push(b);
      res.errors.push(...b.errors);
      res.keys.push(...b.runs.flatMap((r) => r.steps.map((s) => s.key)));
    } catch (err) {
      res.errors.push({ file: c.file, line: 1, col: 1, message: `baking failed: ${err instanceof Error ? err.message : String(err)}` });
    }
  }
  return res;
}

/** All errors as one message, one `file:line:col: ...` per line. */
export function errorReport(errors: LessonError[], what = 'lessons'): string {
  return `${errors.length} error${errors.length === 1 ? '' : 's'} in the ${what}:\n${errors.map(formatError).join('\n')}`;
}
