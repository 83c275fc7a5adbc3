// `lessons:check` as an author uses it: errors with their source line and a caret; `--claims` bakes the chapters
// (the build's cache) and checks every `expect`, failing on a claim the checkpoint does not bear out.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { formatErrorWithSource, sourceFrame } from '../../src/lessons/error-frame';

const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/lessons-check.ts', ...args], { encoding: 'utf8' });
const FALSE_CLAIM = 'tests/fixtures/lessons/claims/false-claim.md';

describe('source frames', () => {
  it('puts a caret under the column, keeping tabs and wide characters aligned', () => {
    expect(sourceFrame('a\n::lab{seed=x}\n', 2, 7)).toBe('  2 | ::lab{seed=x}\n    |       ^');
    expect(sourceFrame('\tab', 1, 3)).toBe('  1 | \tab\n    | \t ^');
    expect(sourceFrame('生成器 x', 1, 5)).toBe('  1 | 生成器 x\n    |        ^');
    expect(sourceFrame('one line', 3, 1)).toBe('');
  });

  it('follows the error line, which stays as formatError prints it', () => {
    const e = { file: 'f.md', line: 1, col: 3, message: 'bad', allowed: 'x or y', suggestion: 'x' };
    expect(formatErrorWithSource(e, 'ab c')).toBe('f.md:1:3: bad (allowed: x or y) did you mean "x"?\n  1 | ab c\n    |   ^');
    expect(formatErrorWithSource(e, null)).toBe('f.md:1:3: bad (allowed: x or y) did you mean "x"?');
  });
});

describe('npm run lessons:check -- --claims', () => {
  it('says plainly that claims are not checked without the flag', () => {
    const r = run(FALSE_CLAIM);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/claims \(expect\) not checked: `npm run build` checks them, and so does `npm run lessons:check -- --claims/);
  });

  it('fails on a claim the checkpoint does not bear out, with the measured value and its position', () => {
    const r = run('--claims', FALSE_CLAIM);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^${FALSE_CLAIM}:15:33: expect "modes>=8" failed: measured modes = \\d+$`, 'm'));
    expect(r.stderr).toContain('  15 | :::step{train=20 freeze expect="modes>=8"}\n     |                                 ^');
    // the claim that holds is not reported
    expect(r.stderr).not.toContain('iteration==0');
    expect(r.stderr).toMatch(/2 claim\(s\) on 2 checkpoint\(s\) of 1 chapter\(s\) checked, 1 failed/);
  }, 300_000);

  it('passes on the shipped lessons', () => {
    const r = run('--claims');
    expect(r.stderr.split('\n').filter((l) => / failed: /.test(l))).toEqual([]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/lessons:check: \d+ claim\(s\) on \d+ checkpoint\(s\) of \d+ chapter\(s\) checked, 0 failed/);
  }, 900_000);
});
