// Where chapters live: content/lessons/<locale>/<lesson>/<nn>-<chapter>.md

export interface LessonPath {
  locale: string;
  lesson: string;
  /** The file name's number (`02-` -> 2). */
  number: number;
  /** The chapter's slug, without the number: `02-mode-collapse.md` -> `mode-collapse`. */
  chapter: string;
}

const PATTERN = /(?:^|\/)content\/lessons\/([^/]+)\/([^/]+)\/([^/]+)$/;

/** Reads a chapter's path; `error` says what is wrong with a path under content/lessons. Null for other paths. */
export function lessonPath(file: string): { path?: LessonPath; error?: string } | null {
  const norm = file.replace(/\\/g, '/');
  const m = PATTERN.exec(norm);
  if (!m) return /(?:^|\/)content\/lessons\//.test(norm) ? { error: 'a chapter lives at content/lessons/<locale>/<lesson>/<nn>-<chapter>.md' } : null;
  const [, locale, lesson, name] = m;
  if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(locale)) return { error: `"${locale}" is not a locale code (e.g. en, zh, pt-BR)` };
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(lesson)) return { error: `the lesson folder "${lesson}" should be lowercase words joined by "-"` };
  const c = /^(\d{2,3})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/.exec(name);
  if (!c) return { error: `the chapter file "${name}" should be named <nn>-<chapter>.md, e.g. 01-the-game.md` };
  return { path: { locale, lesson, number: Number(c[1]), chapter: c[2] } };
}
