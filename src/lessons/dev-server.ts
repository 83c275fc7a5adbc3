// `astro dev` and the lessons (registered by src/lessons/astro-integration.ts): what an author sees while writing.
// - /baked/<key>.json and the chapters' pictures are served from the bake cache, baking on demand: only the chapter
//   run that holds the key, up to that step (the same states as a build).
// - <base>__lessons/claims?chapter=<slug>&step=<i> bakes a chapter's steps up to i and checks step i's `expect`s
//   (on a step showing a comparison figure, each column's run up to it, and the claims column by column); the
//   page's dev script (src/lessons/runtime/dev-claims.ts) marks each failed claim on its step.
// - Saving a chapter checks it: its errors (as `lessons:check` prints them) go to the terminal, and every open page
//   reloads (a broken chapter's page lists the errors: `errorPage` in src/lessons/dev-report.ts).
// One bake at a time, in arrival order. Node only.
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, relative } from 'node:path';
import { bakeRuns, checkExpectations } from './bake';
import { checkFigureStep } from './claims-check';
import { BAKED_DIR, BakeCache, CACHE_DIR, stepKeys, trainerVersion } from './bake-cache';
import { FIXTURE_DIR, LESSONS_DIR, loadCatalog } from './catalog';
import { chapterRuns } from './directives/index';
import { chapterErrors, errorBlocks, errorSummary } from './dev-report';
import type { LessonError } from './errors';
import { thumbnailFile } from './thumbnail';

/** What the dev server needs of Vite's server (structural, so the engine does not depend on Vite's types). */
export interface DevServer {
  middlewares: { use(fn: (req: IncomingMessage, res: ServerResponse, next: () => void) => void): unknown };
  watcher: { on(event: 'change' | 'add' | 'unlink', fn: (path: string) => void): unknown };
  ws: { send(payload: { type: 'full-reload'; path?: string }): void };
}

export interface DevLogger {
  info(s: string): void;
  error(s: string): void;
}

export interface DevOptions {
  root: string;
  /** The site's base path, `/` or `/sub/`. */
  base: string;
  logger: DevLogger;
  /** Bakes every chapter (and draws the pictures): the fallback for a key no chapter holds now. */
  bakeEverything(): Promise<{ errors: LessonError[] }>;
}

/** One failed claim of a step, as the page shows it. */
export interface ClaimFailure {
  line: number;
  col: number;
  /** `file:line:col: expect "..." failed: measured ...`, with the source line and a caret. */
  text: string;
  message: string;
  /** On a step showing a comparison figure: the column whose checkpoint the claim failed on. */
  column?: string;
}

export interface StepClaims {
  step: number;
  key: string;
  /** Claims checked on this step. */
  claims: number;
  failures: ClaimFailure[];
  /** On a step showing a comparison figure: the figure's id and its columns' labels, each checked. */
  figure?: { id: string; columns: string[] };
}

/** Prints each distinct error once per version of its file (a page reload asks again; the terminal says it once). */
class ErrorLog {
  private seen = new Map<string, Set<string>>();
  constructor(
    private readonly root: string,
    private readonly logger: DevLogger,
  ) {}
  report(errors: readonly LessonError[]): void {
    const blocks = errorBlocks(errors, this.root);
    errors.forEach((e, i) => {
      const seen = this.seen.get(e.file) ?? new Set<string>();
      this.seen.set(e.file, seen);
      if (seen.has(blocks[i])) return;
      seen.add(blocks[i]);
      this.logger.error(blocks[i]);
    });
  }
  forget(file: string): void {
    this.seen.delete(file);
  }
}

export function setUpDevServer(server: DevServer, opts: DevOptions): void {
  const { root, base, logger } = opts;
  const cache = new BakeCache(join(root, CACHE_DIR));
  const log = new ErrorLog(root, logger);
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const p = queue.then(fn);
    queue = p.catch(() => undefined);
    return p;
  };

  /** Bakes the run holding `key` up to it; false when no chapter holds it now. */
  const bakeKey = async (key: string): Promise<boolean> => {
    const version = trainerVersion(root);
    for (const c of loadCatalog({ root }).chapters) {
      for (const run of chapterRuns(c.compiled)) {
        const at = stepKeys(run.checkpoints, version).indexOf(key);
        if (at < 0) continue;
        const r = await bakeRuns(c.file, [{ by: run.by, checkpoints: run.checkpoints.slice(0, at + 1) }], { root });
        log.report(r.errors);
        return true;
      }
    }
    return false;
  };

  const claims = async (slug: string, step: number): Promise<StepClaims | { error: string }> => {
    const catalog = loadCatalog({ root });
    const c = catalog.chapters.find((x) => x.slug === slug);
    if (!c) return { error: `no chapter that builds now is at lessons/${slug}/` };
    const file = c.file;
    const steps = c.compiled.steps;
    if (!(step >= 0 && step < steps.length)) return { error: `${file} has no step ${step + 1}` };
    const key = stepKeys(steps, trainerVersion(root))[step];
    const count = steps[step].actions.expect.length;
    // A step showing a comparison figure: its claims are about the columns, each baked and checked on its own run.
    const columns = await checkFigureStep(c.compiled, step, { root });
    if (columns) {
      const errors = columns.flatMap((col) => col.errors);
      const column = columns.flatMap((col) => col.errors.map(() => col.column));
      log.report(errors);
      const blocks = errorBlocks(errors, root);
      const failures = errors.map((e, i) => ({ line: e.line, col: e.col, message: e.message, text: blocks[i], column: column[i] }));
      return { step, key, claims: count, failures, figure: { id: steps[step].actions.compare!, columns: columns.map((col) => col.column) } };
    }
    const r = await bakeRuns(file, [{ by: 'step', checkpoints: steps.slice(0, step + 1) }], { root });
    const baked = r.steps[step];
    // A divergence before this step stops the run: that is this step's failure.
    const errors = baked ? checkExpectations(file, steps[step], baked.metrics) : r.errors;
    log.report(errors);
    const blocks = errorBlocks(errors, root);
    return { step, key, claims: count, failures: errors.map((e, i) => ({ line: e.line, col: e.col, message: e.message, text: blocks[i] })) };
  };

  const prefix = `${base}${BAKED_DIR}/`;
  const claimsPath = `${base}__lessons/claims`;
  server.middlewares.use((req, res, next) => {
    const [path, query = ''] = (req.url ?? '').split('?');
    if (path === claimsPath) {
      const q = new URLSearchParams(query);
      serial(() => claims(q.get('chapter') ?? '', Number(q.get('step') ?? -1))).then(
        (body) => {
          res.setHeader('content-type', 'application/json');
          res.setHeader('cache-control', 'no-store');
          res.end(JSON.stringify(body));
        },
        (err: unknown) => {
          res.statusCode = 500;
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ error: err instanceof Error ? err.message : String(err) }));
        },
      );
      return;
    }
    // A step's snapshot (<key>.json) or a chapter's table-of-contents picture (<key>-<version>.svg), as the build
    // copies them.
    const m = path.startsWith(prefix) ? /^([0-9a-f]{8,64})(?:\.(json)|-[0-9a-f]{8}\.(svg))$/.exec(path.slice(prefix.length)) : null;
    if (!m) return next();
    const [, key, json] = m;
    const svg = join(cache.dir, thumbnailFile(key));
    const ready = () => (json ? cache.has(key) : existsSync(svg));
    const send = () => {
      if (!ready()) {
        res.statusCode = 404;
        res.end('not baked');
        return;
      }
      res.setHeader('content-type', json ? 'application/json' : 'image/svg+xml');
      res.end(json ? (cache.read(key)?.text ?? '') : readFileSync(svg, 'utf8'));
    };
    if (ready()) return send();
    serial(async () => {
      if (ready()) return;
      if (json && (await bakeKey(key))) return;
      log.report((await opts.bakeEverything()).errors);
    }).then(send, send);
  });

  // Saving a chapter: say what is wrong with it (or that it is fixed), then reload the open pages.
  const isChapter = (abs: string) => {
    const rel = relative(root, abs).split('\\').join('/');
    return rel.endsWith('.md') && (rel.startsWith(`${LESSONS_DIR}/`) || rel.startsWith(`${FIXTURE_DIR}/`)) ? rel : null;
  };
  const broken = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const changed = new Set<string>();
  const onChange = (abs: string) => {
    const file = isChapter(abs);
    if (!file) return;
    changed.add(file);
    log.forget(file);
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      const catalog = loadCatalog({ root });
      for (const f of changed) {
        const errors = chapterErrors(catalog, f);
        if (errors.length) {
          broken.add(f);
          logger.error(`${errorBlocks(errors, root).join('\n')}\n${errorSummary(errors)}`);
        } else if (broken.delete(f)) logger.info(`${f}: no errors now`);
      }
      changed.clear();
      server.ws.send({ type: 'full-reload', path: '*' });
    }, 60);
  };
  for (const ev of ['change', 'add', 'unlink'] as const) server.watcher.on(ev, onChange);
}

/** At start: every chapter error, as `lessons:check` prints them (the pages show them too). */
export function reportChapterErrors(root: string, logger: DevLogger): void {
  const { errors } = loadCatalog({ root });
  if (errors.length) logger.error(`${errorBlocks(errors, root).join('\n')}\n${errorSummary(errors)}`);
}
