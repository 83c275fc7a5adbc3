// Hooks the lesson engine into Astro (registered in astro.config.mjs):
// - `astro build`: before anything is built, compile every chapter and bake every step (src/lessons/bake.ts);
//   any compile error or failed `expect` stops the build with every error listed (file:line:col). After the
//   build, the baked snapshots are copied to dist/baked/<key>.json.
// - `astro dev`: /baked/<key>.json is served from the cache, baking on demand (the same states as a build); claims
//   are checked as pages ask, and a saved chapter's errors go to the terminal and its page (src/lessons/dev-server.ts).
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { bakeAll, countCheckpoints, errorReport } from './bake';
import { BAKED_DIR, BakeCache, CACHE_DIR } from './bake-cache';
import { loadCatalog } from './catalog';
import { reportChapterErrors, setUpDevServer } from './dev-server';
import { thumbnailFile } from './thumbnail';
import { thumbnailFromSnapshot } from './thumbnail-bake';

/**
 * Each chapter's table-of-contents picture, from its last step: `<key>-<version>.svg` beside the snapshot in the
 * cache (the version follows the palette and the drawing, so a change there draws them again).
 */
async function writeThumbnails(cache: BakeCache, lastKeys: { key: string; title: string }[]) {
  for (const { key, title } of lastKeys) {
    const file = join(cache.dir, thumbnailFile(key));
    if (existsSync(file)) continue;
    const svg = await thumbnailFromSnapshot(JSON.parse(readFileSync(cache.file(key), 'utf8')), `${title}: the lab's state at the end of the chapter`);
    writeFileSync(file, svg);
  }
}

async function bakeEverything(root: string, log: (s: string) => void) {
  const catalog = loadCatalog({ root });
  if (catalog.errors.length) return { errors: catalog.errors, keys: [] as string[], thumbs: [] as string[] };
  const t0 = performance.now();
  const res = await bakeAll(
    catalog.chapters.map((c) => c.compiled),
    { root },
  );
  const trained = res.chapters.reduce((n, c) => n + c.trained, 0);
  const checkpoints = countCheckpoints(res.chapters);
  const where = res.workers ? ` on ${res.workers} worker threads` : '';
  log(`baked ${res.chapters.length} chapters, ${checkpoints} checkpoints (${trained} trained${where}, ${checkpoints - trained} from ${CACHE_DIR}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  for (const n of res.notes) log(`bake worker: ${n}`);
  const last = res.chapters
    .map((c) => ({ key: c.steps[c.steps.length - 1]?.key, title: catalog.chapters.find((ch) => ch.compiled.file === c.file)?.title ?? c.file }))
    .filter((x): x is { key: string; title: string } => !!x.key);
  if (!res.errors.length) await writeThumbnails(new BakeCache(join(root, CACHE_DIR)), last);
  return { errors: res.errors, keys: res.keys, thumbs: last.map((x) => x.key) };
}

export default function lessonBaking(): AstroIntegration {
  let root = process.cwd();
  let keys: string[] = [];
  let thumbs: string[] = [];
  let base = '/';
  return {
    name: 'lesson-baking',
    hooks: {
      'astro:config:setup': ({ config }) => {
        root = fileURLToPath(config.root);
        base = config.base.replace(/\/?$/, '/');
      },
      'astro:build:start': async ({ logger }) => {
        const r = await bakeEverything(root, (s) => logger.info(s));
        if (r.errors.length) {
          const report = errorReport(r.errors);
          logger.error(report);
          throw new Error(report);
        }
        keys = r.keys;
        thumbs = r.thumbs;
      },
      'astro:build:done': ({ dir, logger }) => {
        const out = join(fileURLToPath(dir), BAKED_DIR);
        mkdirSync(out, { recursive: true });
        const cache = new BakeCache(join(root, CACHE_DIR));
        for (const k of new Set(keys)) copyFileSync(cache.file(k), join(out, `${k}.json`));
        for (const k of thumbs) copyFileSync(join(cache.dir, thumbnailFile(k)), join(out, thumbnailFile(k)));
        logger.info(`${new Set(keys).size} baked snapshots -> ${BAKED_DIR}/`);
      },
      'astro:server:setup': ({ server, logger }) => {
        setUpDevServer(server, { root, base, logger, bakeEverything: () => bakeEverything(root, (s) => logger.info(s)) });
      },
      'astro:server:start': ({ logger }) => reportChapterErrors(root, logger),
    },
  };
}
