// The corpus: every good chapter compiles with no errors; every bad chapter gives exactly the errors (and positions)
// in its sibling .errors file, all at once.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { compileChapter, formatError } from '../../src/lessons/index';

const DIR = 'tests/fixtures/lessons';
const good = readdirSync(join(DIR, 'good')).filter((f) => f.endsWith('.md'));
const bad = readdirSync(join(DIR, 'bad')).filter((f) => f.endsWith('.md'));

describe('good lessons', () => {
  it.each(good)('%s compiles without errors', (name) => {
    const file = join(DIR, 'good', name);
    const r = compileChapter(readFileSync(file, 'utf8'), { file });
    expect(r.errors.map(formatError)).toEqual([]);
    expect(r.frontmatter).not.toBeNull();
  });
});

describe('bad lessons', () => {
  it('the corpus has bad lessons', () => expect(bad.length).toBeGreaterThanOrEqual(10));
  it.each(bad)('%s gives exactly the expected errors', (name) => {
    const file = join(DIR, 'bad', name);
    const r = compileChapter(readFileSync(file, 'utf8'), { file });
    const got = r.errors.map((e) => formatError(e).slice(file.length + 1));
    const want = readFileSync(file.replace(/\.md$/, '.errors'), 'utf8').split('\n').filter(Boolean);
    expect(got).toEqual(want);
    for (const e of r.errors) {
      expect(e.file).toBe(file);
      expect(e.line).toBeGreaterThanOrEqual(1);
      expect(e.col).toBeGreaterThanOrEqual(1);
    }
  });
});

describe('npm run lessons:check', () => {
  const run = (...files: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'scripts/lessons-check.ts', ...files], { encoding: 'utf8' });

  it('prints a summary and exits 0 on good lessons', () => {
    const r = run(...good.map((g) => join(DIR, 'good', g)));
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`lessons:check: ${good.length} chapter file\\(s\\), \\d+ step\\(s\\), no errors`));
  });

  it('prints every error as file:line:col and exits 1', () => {
    const file = join(DIR, 'bad', 'values.md');
    const r = run(join(DIR, 'good', '01-fixture.md'), file);
    expect(r.status).toBe(1);
    // Each error line is followed by its source frame (two lines starting with a space).
    const lines = r.stderr.trim().split('\n').filter((l) => !l.startsWith(' '));
    const want = readFileSync(file.replace(/\.md$/, '.errors'), 'utf8').split('\n').filter(Boolean).map((l) => `${file}:${l}`);
    expect(lines.slice(0, -1)).toEqual(want);
    expect(lines.at(-1)).toMatch(/^lessons:check: \d+ errors in 1 of 2 chapter file\(s\)$/);
  });
});
