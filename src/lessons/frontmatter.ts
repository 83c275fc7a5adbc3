// A tiny frontmatter reader: `---` lines around `key: value` lines. Values are "double quoted" (JSON escapes),
// 'single quoted' ('' for a quote), or bare (numbers, true/false, or text up to a ` #` comment).
import { z } from 'zod';
import { didYouMean } from '../lab/model/config';
import type { ErrorSink } from './errors';

export const frontmatterSchema = z
  .object({
    title: z.string().trim().min(1).max(120).describe("the chapter's title (page heading and table of contents)"),
    summary: z.string().trim().min(1).max(400).describe('one or two sentences for the table of contents and the page description'),
    order: z.number().int().min(0).max(999).describe("the chapter's place in its lesson (usually the file name's number); unique in a lesson"),
    lesson: z.string().trim().min(1).max(120).optional().describe("the lesson's title for the table of contents; give it on the lesson's first chapter"),
    draft: z.boolean().default(false).describe('`true`: checked, but left out of the table of contents and the build (default `false`)'),
  })
  .strict();

/** What each key allows, in words (messages and the docs' table). */
export const FRONTMATTER_ALLOWED: Record<string, string> = {
  title: 'text of 1 to 120 characters',
  summary: 'text of 1 to 400 characters',
  order: 'an integer from 0 to 999',
  lesson: 'text of 1 to 120 characters',
  draft: 'true or false',
};

export type Frontmatter = z.infer<typeof frontmatterSchema>;
export const FRONTMATTER_KEYS = Object.keys(frontmatterSchema.shape);

export interface FrontmatterResult {
  /** The validated frontmatter, or null when it has errors. */
  data: Frontmatter | null;
  /** The text after the closing `---` line. */
  body: string;
  /** 1-based line number of the body's first line. */
  bodyLine: number;
}

type Scalar = string | number | boolean;

function readValue(raw: string, line: number, col: number, sink: ErrorSink): Scalar | undefined {
  const text = raw.trim();
  if (text.startsWith('"')) {
    const m = /^"((?:[^"\\]|\\.)*)"\s*(?:#.*)?$/.exec(text);
    if (!m) {
      sink.add(line, col, 'unclosed or malformed "double-quoted" value');
      return undefined;
    }
    try {
      return JSON.parse(`"${m[1]}"`) as string;
    } catch {
      sink.add(line, col, 'bad escape in a "double-quoted" value', { allowed: '\\" \\\\ \\n \\t \\uXXXX' });
      return undefined;
    }
  }
  if (text.startsWith("'")) {
    const m = /^'((?:[^']|'')*)'\s*(?:#.*)?$/.exec(text);
    if (!m) {
      sink.add(line, col, "unclosed or malformed 'single-quoted' value");
      return undefined;
    }
    return m[1].replace(/''/g, "'");
  }
  const bare = text.replace(/\s+#.*$/, '').trim();
  if (/^-?\d+(\.\d+)?$/.test(bare)) return Number(bare);
  if (bare === 'true') return true;
  if (bare === 'false') return false;
  return bare;
}

/** Splits and validates the frontmatter. Errors carry the file's own line numbers. */
export function parseFrontmatter(source: string, sink: ErrorSink): FrontmatterResult {
  const lines = source.split('\n');
  if (lines[0]?.trimEnd() !== '---') {
    sink.add(1, 1, 'missing frontmatter: a chapter starts with a "---" line, then title, summary and order, then "---"');
    return { data: null, body: source, bodyLine: 1 };
  }
  let close = -1;
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trimEnd() === '---') {
      close = i;
      break;
    }
  }
  if (close < 0) {
    sink.add(1, 1, 'unclosed frontmatter: no closing "---" line');
    return { data: null, body: '', bodyLine: lines.length + 1 };
  }
  const values: Record<string, Scalar> = {};
  const where: Record<string, { line: number; col: number; valueCol: number }> = {};
  let bad = false;
  const given = new Set<string>();
  for (let i = 1; i < close; i++) {
    const text = lines[i];
    const line = i + 1;
    if (!text.trim() || text.trimStart().startsWith('#')) continue;
    const m = /^([A-Za-z_][\w-]*)\s*:(\s*)(.*)$/.exec(text);
    if (!m) {
      const col = text.length - text.trimStart().length + 1;
      sink.add(line, col, 'expected "key: value"', { allowed: FRONTMATTER_KEYS.join(', ') });
      bad = true;
      continue;
    }
    const key = m[1];
    const valueCol = m[1].length + 1 + (text.slice(m[1].length).indexOf(':') + 1) + m[2].length;
    if (!(key in frontmatterSchema.shape)) {
      sink.add(line, 1, `unknown frontmatter key "${key}"`, { allowed: FRONTMATTER_KEYS.join(', '), suggestion: didYouMean(key, FRONTMATTER_KEYS) });
      bad = true;
      continue;
    }
    if (key in values) {
      sink.add(line, 1, `duplicate frontmatter key "${key}" (first given on line ${where[key].line})`);
      bad = true;
      continue;
    }
    const v = readValue(m[3], line, valueCol, sink);
    given.add(key);
    if (v === undefined) {
      bad = true;
      continue;
    }
    values[key] = v;
    where[key] = { line, col: 1, valueCol };
  }
  const r = frontmatterSchema.safeParse(values);
  if (!r.success) {
    for (const issue of r.error.issues) {
      const key = String(issue.path[0] ?? '');
      const at = where[key];
      const describe = FRONTMATTER_ALLOWED[key];
      if (!at && given.has(key)) continue; // already reported where it was given
      if (!at) {
        sink.add(1, 1, `frontmatter: missing "${key}"`, { allowed: describe });
      } else {
        sink.add(at.line, at.valueCol, `frontmatter "${key}": ${issue.message.charAt(0).toLowerCase()}${issue.message.slice(1)}`, { allowed: describe });
      }
    }
  }
  const body = lines.slice(close + 1).join('\n');
  return { data: r.success && !bad ? r.data : null, body, bodyLine: close + 2 };
}
