// npm run lessons:check [files...]: compile chapters without a build; print every error as file:line:col.
// With no files, checks every content/lessons/**/*.md. Exit 1 on any error.
import { relative } from 'node:path';
import { LESSONS_DIR, compileFile, markdownFiles } from '../src/lessons/catalog';
import { formatError, lessonPath, type LessonError } from '../src/lessons/index';

const args = process.argv.slice(2);
const files = (args.length ? args : markdownFiles(LESSONS_DIR)).map((f) => {
  const rel = relative(process.cwd(), f);
  return rel && !rel.startsWith('..') ? rel : f;
});
const errors: LessonError[] = [];
let steps = 0;
let claims = 0;
const orders = new Map<string, { file: string; order: number }[]>();

for (const file of files) {
  const r = compileFile(file, file, errors);
  if (!r) continue;
  steps += r.steps.length;
  claims += r.steps.reduce((n, s) => n + s.actions.expect.filter((e) => e.metric !== 'iteration').length, 0);
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

for (const e of errors) console.error(formatError(e));
if (errors.length) {
  console.error(`lessons:check: ${errors.length} error${errors.length === 1 ? '' : 's'} in ${new Set(errors.map((e) => e.file)).size} of ${files.length} chapter file(s)`);
  process.exit(1);
}
// Claims about training (all but `iteration`) hold or not only once the steps are trained: the build checks them.
console.log(`lessons:check: ${files.length} chapter file(s), ${steps} step(s), no errors`);
if (claims) console.log(`lessons:check: ${claims} expect claim(s) about training were not checked here (only what is false on its face is); the build checks them when it bakes (run with --claims to bake and check them now)`);
