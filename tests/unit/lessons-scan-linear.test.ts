// The inline scanner's work grows linearly with the line, however many would-be directives on it never close
// (issue 13: `" :a{"` repeated to 50 KB took 40-53 s). Counted in characters examined, not timed.
import { describe, expect, it } from 'vitest';
import { compileChapter } from '../../src/lessons/compile';
import { scanInline } from '../../src/lessons/inline-scan';
import type { InlineUse } from '../../src/lessons/directives/types';

const HOSTILE = {
  'unclosed attribute lists': ' :a{',
  'unclosed labels': ':a[',
  'quoted junk in attribute lists': '" :a{"',
  'unclosed quoted values': ':a{x="',
  'single quotes in junk': " :a{'x",
  'labels then lists': ':a[x]{',
  'nested labels': ':a[[',
  'unclosed code spans': '`` :a{ ```',
  'escapes': '\\:a{\\[:a[',
  'known name, unclosed': ' :value{',
} as const;

function steps(line: string): { steps: number; found: InlineUse[] } {
  const stats = { steps: 0 };
  const found: InlineUse[] = [];
  scanInline([{ text: line, no: 1, code: false }], found, { config: undefined as never, step: null } as never, 'x.md', stats);
  return { steps: stats.steps, found };
}

describe('the inline scanner is linear', () => {
  for (const [what, pattern] of Object.entries(HOSTILE)) {
    it(`examines each character a bounded number of times: ${what}`, () => {
      const small = steps(pattern.repeat(Math.ceil(4096 / pattern.length))).steps;
      const n = Math.ceil(32768 / pattern.length);
      const big = steps(pattern.repeat(n)).steps;
      // A quadratic scanner examines about n * length / 2 characters (here over 2,000 per character).
      expect(big).toBeLessThanOrEqual(8 * pattern.length * n);
      expect(big / Math.max(small, 1)).toBeLessThan(8 * 1.25);
    });
  }

  it('still finds what closes among what does not', () => {
    const line = ':a[ :b{ :value[dLoss] :c{" x :value[gLoss]{digits=2} :d[';
    const { found } = steps(line);
    expect(found.map((f) => [f.name, f.col, f.tail.ok])).toEqual([
      ['value', 9, true],
      ['c', 23, true], // its quoted junk runs to the "}" of the :value after it: an unknown directive, reported
    ]);
  });

  it('keeps the errors of a known directive that does not close', () => {
    const r = compileChapter('---\ntitle: t\nsummary: s\norder: 1\nlesson: l\n---\n\n' + ':a{ x :value{digits=2 "y\n', { file: 'x.md' });
    expect(r.errors.map((e) => `${e.line}:${e.col}: ${e.message}`)).toEqual(['8:13: unclosed "{": the attribute list has no closing "}" on this line', '8:23: unexpected "\\"" in the attribute list']);
  });
});
