// npm run lessons:check [files...]: compile chapters without a build; print every error as file:line:col, with
// the source line and a caret. With no files, checks every content/lessons/**/*.md. Exit 1 on any error.
// npm run lessons:check -- --claims [files...]: also bake those chapters (the build's cache) and check every
// `expect` claim (src/lessons/claims-check.ts).
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { LESSONS_DIR, compileFile, markdownFiles } from '../src/lessons/catalog';
import { errorsWithSource } from '../src/lessons/error-frame';
import { lessonPath, type CompiledChapter, type LessonError } from '../src/lessons/index';

const argv = process.argv.slice(2);
const withClaims = argv.includes('--claims');
const args = argv.filter((a) => a !== '--claims');
const files = (args.length ? args : markdownFiles(LESSONS_DIR)).map((f) => {
  const rel = relative(process.cwd(), f);
  return rel && !rel.startsWith('..') ? rel : f;
});
const errors: LessonError[] = [];
let steps = 0;
const orders = new Map<string, { file: string; order: number }[]>();
const compiled: CompiledChapter[] = [];

for (const file of files) {
  const r = compileFile(file, file, errors);
  if (!r) continue;
  if (!r.errors.length) compiled.push(r);
  steps += r.steps.length;
  const where = lessonPath(file);
  if (where?.error) errors.push({ file, line: 1, col: 1, message: where.error });
  if (where?.path && r.frontmatter) {
    const key = `${where.path.locale}/${where.path.lesson}`;
    const list = orders.get(key) ?? [];
    const clash = list.find((o) => o.order === r.frontmatter!.order);
    if (clash) errors.push({ file, line: 1, col: 1, message: `order ${r.frontmatter.order} is also the order of ${clash.file}` });
    list.push({ file, order: r.frontmatter.order });
    orders.set(key, list);
  }
}

let claimsLine = 'claims (expect) not checked: `npm run build` checks them, and so does `npm run lessons:check -- --claims [files...]`';
if (withClaims) {
  const { checkClaims } = await import('../src/lessons/claims-check');
  const t0 = performance.now();
  const r = await checkClaims(compiled);
  errors.push(...r.errors);
  const failed = r.errors.length;
  claimsLine = `${r.claims} claim(s) on ${r.checkpoints} checkpoint(s) of ${compiled.length} chapter(s) checked, ${failed} failed (${r.trained} trained, the rest from the bake cache; ${((performance.now() - t0) / 1000).toFixed(1)} s)`;
}

const read = (file: string) => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
};
for (const e of errorsWithSource(errors, read)) console.error(e);
if (errors.length) {
  if (withClaims) console.error(`lessons:check: ${claimsLine}`);
  console.error(`lessons:check: ${errors.length} error${errors.length === 1 ? '' : 's'} in ${new Set(errors.map((e) => e.file)).size} of ${files.length} chapter file(s)`);
  process.exit(1);
}
console.log(`lessons:check: ${claimsLine}`);
console.log(`lessons:check: ${files.length} chapter file(s), ${steps} step(s), no errors`);
