// The catalog: every chapter on disk, compiled, with its URL, neighbours and errors. Node only (reads files);
// used by the build (baking), the pages (getStaticPaths) and the table of contents.
//
// Chapters live at content/lessons/<locale>/<lesson>/<nn>-<chapter>.md and are served at
// /lessons/<locale>/<lesson>/<chapter>/ (the number orders files; it is not part of the URL, so renumbering
// chapters keeps links working). The fixture chapters under tests/fixtures/lessons/good/ are built only for the
// tests (`LESSON_FIXTURES=1`, as `npm run build:test` sets it), at /lessons/_fixture/<chapter>/: hidden from the
// table of contents, marked noindex, and never in the site a plain `npm run build` makes.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { compileChapter, lessonPath, type CompiledChapter, type LessonError } from './index';

/** Reads and compiles one chapter, adding a read failure or the compile errors to `errors`. */
export function compileFile(abs: string, file: string, errors: LessonError[]): CompiledChapter | null {
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (e) {
    errors.push({ file, line: 1, col: 1, message: `cannot read the file: ${(e as Error).message}` });
    return null;
  }
  const compiled = compileChapter(text, { file });
  errors.push(...compiled.errors);
  return compiled;
}

export interface ChapterEntry {
  /** The file, relative to the repository root, with `/` separators (as errors print it). */
  file: string;
  locale: string;
  lesson: string;
  /** The chapter's slug (the file name without its number). */
  chapter: string;
  number: number;
  /** The route below /lessons/: `en/how-gans-train/mode-collapse` (no leading or trailing slash). */
  slug: string;
  title: string;
  summary: string;
  order: number;
  /** The lesson's title (from the frontmatter `lesson` of any of its chapters; else the folder name). */
  lessonTitle: string;
  /** Built but never listed (the test fixtures). */
  hidden: boolean;
  compiled: CompiledChapter;
  prev: ChapterEntry | null;
  next: ChapterEntry | null;
}

export interface Catalog {
  chapters: ChapterEntry[];
  /** Every compile error, in file order. The build fails on any. */
  errors: LessonError[];
}

export const LESSONS_DIR = 'content/lessons';
export const FIXTURE_DIR = 'tests/fixtures/lessons/good';
/** The fixture chapters served at /lessons/_fixture/<chapter>/ (a list, so broken-on-purpose files never build). */
export const FIXTURE_FILES = ['01-fixture.md', '02-same-iteration.md', '04-compare.md'];
export const FIXTURE_PREFIX = '_fixture';

/** Whether this build includes the fixture chapters: only a test build (`LESSON_FIXTURES=1`). */
export function fixturesWanted(env: Record<string, string | undefined> = process.env): boolean {
  return env.LESSON_FIXTURES === '1';
}

/** Every .md file under `dir`, sorted, depth first. */
export function markdownFiles(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) markdownFiles(p, out);
    else if (name.endsWith('.md')) out.push(p);
  }
  return out;
}

export interface CatalogOptions {
  /** The repository root (default: the working directory). */
  root?: string;
  /** Include the test fixtures as hidden chapters (default: `fixturesWanted()`, so only in a test build). */
  fixtures?: boolean;
}

/** Reads, checks and compiles every chapter. Never throws on a bad chapter: its errors are in `errors`. */
export function loadCatalog(opts: CatalogOptions = {}): Catalog {
  const root = resolve(opts.root ?? process.cwd());
  const errors: LessonError[] = [];
  const chapters: ChapterEntry[] = [];
  const rel = (p: string) => relative(root, p).split('\\').join('/');

  const add = (abs: string, where: { locale: string; lesson: string; chapter: string; number: number }, hidden: boolean) => {
    const file = rel(abs);
    const compiled = compileFile(abs, file, errors);
    if (!compiled) return;
    const fm = compiled.frontmatter;
    if (!fm || compiled.errors.length) return;
    if (fm.draft) return;
    chapters.push({
      file,
      ...where,
      slug: hidden ? `${FIXTURE_PREFIX}/${where.chapter}` : `${where.locale}/${where.lesson}/${where.chapter}`,
      title: fm.title,
      summary: fm.summary,
      order: fm.order,
      lessonTitle: fm.lesson ?? where.lesson,
      hidden,
      compiled,
      prev: null,
      next: null,
    });
  };

  for (const abs of markdownFiles(join(root, LESSONS_DIR))) {
    const file = rel(abs);
    const where = lessonPath(file);
    if (!where || where.error || !where.path) {
      errors.push({ file, line: 1, col: 1, message: where?.error ?? 'not a chapter path' });
      continue;
    }
    add(abs, where.path, false);
  }
  if (opts.fixtures ?? fixturesWanted()) {
    for (const name of FIXTURE_FILES) {
      const abs = join(root, FIXTURE_DIR, name);
      if (!existsSync(abs)) continue;
      const m = /^(\d+)-(.+)\.md$/.exec(name)!;
      add(abs, { locale: FIXTURE_PREFIX, lesson: 'lessons', chapter: m[2], number: Number(m[1]) }, true);
    }
  }

  // Group by lesson: unique orders and slugs, a shared lesson title, neighbours.
  const lessons = new Map<string, ChapterEntry[]>();
  for (const c of chapters) {
    const key = `${c.locale}/${c.lesson}`;
    lessons.set(key, [...(lessons.get(key) ?? []), c]);
  }
  for (const list of lessons.values()) {
    list.sort((a, b) => a.order - b.order || a.number - b.number || a.file.localeCompare(b.file));
    const seenOrder = new Map<number, string>();
    const seenSlug = new Map<string, string>();
    for (const c of list) {
      const o = seenOrder.get(c.order);
      if (o) errors.push({ file: c.file, line: 1, col: 1, message: `order ${c.order} is also the order of ${o}` });
      else seenOrder.set(c.order, c.file);
      const s = seenSlug.get(c.chapter);
      if (s) errors.push({ file: c.file, line: 1, col: 1, message: `the chapter slug "${c.chapter}" is also the slug of ${s} (the slug is the URL)` });
      else seenSlug.set(c.chapter, c.file);
    }
    const title = list.find((c) => c.compiled.frontmatter?.lesson)?.compiled.frontmatter?.lesson;
    list.forEach((c, i) => {
      if (title) c.lessonTitle = title;
      c.prev = list[i - 1] ?? null;
      c.next = list[i + 1] ?? null;
    });
  }
  chapters.sort((a, b) => a.locale.localeCompare(b.locale) || a.lesson.localeCompare(b.lesson) || a.order - b.order);
  errors.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col);
  return { chapters, errors };
}

/** The visible lessons of a locale, grouped for the table of contents, in lesson-folder order. */
export function tableOfContents(catalog: Catalog, locale = 'en'): { lesson: string; title: string; chapters: ChapterEntry[] }[] {
  const out: { lesson: string; title: string; chapters: ChapterEntry[] }[] = [];
  for (const c of catalog.chapters) {
    if (c.hidden || c.locale !== locale) continue;
    let g = out.find((x) => x.lesson === c.lesson);
    if (!g) out.push((g = { lesson: c.lesson, title: c.lessonTitle, chapters: [] }));
    g.chapters.push(c);
  }
  return out;
}
