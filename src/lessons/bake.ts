// Baking: run each chapter's script with the trainer in Node, store every step's checkpoint as a static asset,
// and check every `expect` against the checkpoint's measured metrics. `astro build` runs it (see
// src/lessons/astro-integration.ts); unchanged steps come from the cache (src/lessons/bake-cache.ts).
import { initNodeBackend, type NodeBackend } from '../lab/model/backend-node';
import { Trainer } from '../lab/model/trainer';
import type { Metrics } from '../lab/model/types';
import { BakeCache, CACHE_DIR, compactSnapshot, stepKeys, trainerVersion } from './bake-cache';
import type { CompiledChapter, CompiledStep } from './compile';
import { formatError, holds, MIXTURE_METRICS, type LessonError } from './index';

export interface BakedStep {
  index: number;
  key: string;
  metrics: Metrics;
  /** True when the checkpoint came from the cache. */
  cached: boolean;
}

export interface BakedChapter {
  file: string;
  steps: BakedStep[];
  errors: LessonError[];
  /** Steps trained in this run (not from the cache). */
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
}

/** Metric cadence on the way to a checkpoint (for the charts' history): a function of the target only. */
export function measureEvery(target: number): number {
  return target <= 2500 ? 100 : target <= 10_000 ? 250 : 1000;
}

const fmtValue = (v: number) => (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4))));

/** Checks a step's claims; one error per failed claim, at the claim's position. */
export function checkExpectations(file: string, step: Pick<CompiledStep, 'actions' | 'config'>, m: Metrics): LessonError[] {
  const out: LessonError[] = [];
  for (const e of step.actions.expect) {
    const v = (m as unknown as Record<string, number | undefined>)[e.metric];
    if (typeof v !== 'number' || Number.isNaN(v)) {
      const why = MIXTURE_METRICS.includes(e.metric) ? `distribution ${step.config.distribution}` : `no value at iteration ${m.iteration}`;
      out.push({ file, line: e.line, col: e.col, message: `expect "${e.text}" failed: ${e.metric} was not measured (${why})` });
    } else if (!holds(e, v)) {
      out.push({ file, line: e.line, col: e.col, message: `expect "${e.text}" failed: measured ${e.metric} = ${fmtValue(v)}` });
    }
  }
  return out;
}

/** Bakes one compiled chapter (it must have no compile errors). */
export async function bakeChapter(chapter: CompiledChapter, opts: BakeOptions = {}): Promise<BakedChapter> {
  const t0 = performance.now();
  const root = opts.root ?? process.cwd();
  await initNodeBackend(opts.backend ?? 'wasm');
  const cache = new BakeCache(opts.cacheDir ?? `${root}/${CACHE_DIR}`);
  const keys = stepKeys(chapter.steps, trainerVersion(root));
  const out: BakedChapter = { file: chapter.file, steps: [], errors: [], trained: 0, ms: 0 };
  let trainer: Trainer | null = null;
  let trainerAt = ''; // the key of the state `trainer` holds
  try {
    for (const step of chapter.steps) {
      const key = keys[step.index];
      const prevKey = step.index > 0 ? keys[step.index - 1] : '';
      const hit = opts.fresh ? null : cache.read(key);
      let metrics: Metrics;
      if (hit) {
        metrics = hit.metrics;
      } else {
        if (step.actions.restart) {
          trainer?.dispose();
          trainer = new Trainer(step.config);
        } else {
          if (!trainer || trainerAt !== prevKey) {
            const prev = cache.read(prevKey);
            if (!prev) throw new Error(`internal: step ${step.index} has no previous checkpoint`);
            trainer?.dispose();
            trainer = Trainer.fromSnapshot(JSON.parse(prev.text));
          }
          trainer.setConfig(step.config as unknown as Record<string, unknown>);
        }
        const t: Trainer = trainer;
        const target = step.actions.train;
        const every = measureEvery(target);
        while (t.iteration < target && t.status === 'ok') {
          const next = Math.min(target, (Math.floor(t.iteration / every) + 1) * every);
          t.iterate(next - t.iteration);
          if (next < target) await t.measure();
        }
        const m = await t.measure();
        if (!m) {
          const d = t.divergence;
          out.errors.push({
            file: chapter.file,
            line: step.line,
            col: 1,
            message: `the trainer diverged before this step's checkpoint (iteration ${d?.iteration ?? t.iteration}: ${d?.what ?? 'non-finite values'}; ${d?.hint ?? 'lower a learning rate'})`,
          });
          break;
        }
        metrics = JSON.parse(JSON.stringify(m)) as Metrics; // as the cache stores it (NaN -> null)
        const snap = compactSnapshot(await t.snapshot());
        cache.write(key, JSON.stringify(snap), metrics);
        trainerAt = key;
        out.trained += 1;
      }
      out.steps.push({ index: step.index, key, metrics, cached: !!hit });
      out.errors.push(...checkExpectations(chapter.file, step, metrics));
    }
  } finally {
    trainer?.dispose();
  }
  out.ms = performance.now() - t0;
  return out;
}

export interface BakeAllResult {
  chapters: BakedChapter[];
  errors: LessonError[];
  /** Every key baked (the assets to publish). */
  keys: string[];
}

/** Bakes chapters one after another (2 cores: no parallelism to gain), collecting every error. */
export async function bakeAll(chapters: CompiledChapter[], opts: BakeOptions = {}): Promise<BakeAllResult> {
  const res: BakeAllResult = { chapters: [], errors: [], keys: [] };
  for (const c of chapters) {
    try {
      const b = await bakeChapter(c, opts);
      res.chapters.push(b);
      res.errors.push(...b.errors);
      res.keys.push(...b.steps.map((s) => s.key));
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
