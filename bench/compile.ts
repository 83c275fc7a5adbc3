// npm run bench:compile [-- --json] [--max-seconds=N]
// The lesson compiler's time against input size on hostile one-line inputs: an inline directive that never closes,
// repeated (`" :a{"` and `":a["`, the cases issue 13 found quadratic), at 10, 50 and 200 KB, next to marked alone on
// the same text (the floor). Linear means time grows about 5x from 10 to 50 KB and 4x from 50 to 200 KB. Figures,
// not a test (tests/unit/lessons-scan-linear.test.ts checks linearity by counting the scanner's steps).
import { loadavg } from 'node:os';
import { Marked } from 'marked';
import { compileChapter } from '../src/lessons/compile';

const json = process.argv.includes('--json');
const maxArg = process.argv.find((a) => a.startsWith('--max-seconds='));
/** A size is skipped once the previous size of the same pattern took longer than this (old quadratic code). */
const maxSeconds = maxArg ? Number(maxArg.split('=')[1]) : 60;
const log = (...a: unknown[]) => (json ? console.error(...a) : console.log(...a));

// The two (as JavaScript strings), and the first with quotes around it (the quotes exercise skipping
// quoted runs in the attribute list).
const PATTERNS = [' :a{', ':a[', '" :a{"'] as const;
const SIZES_KB = [10, 50, 200] as const;
const FRONTMATTER = '---\ntitle: bench\nsummary: bench\norder: 1\nlesson: bench\n---\n\n';

function line(pattern: string, kb: number): string {
  return pattern.repeat(Math.ceil((kb * 1024) / pattern.length)).slice(0, kb * 1024);
}

/** Median seconds of `runs` calls (one call when the first is slow). */
function time(fn: () => void, runs = 3): number {
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    t.push((performance.now() - t0) / 1000);
    if (t[0] > 2) break;
  }
  t.sort((a, b) => a - b);
  return t[Math.floor((t.length - 1) / 2)];
}

const rows: { pattern: string; kb: number; compileSeconds: number | null; markedSeconds: number }[] = [];
log(`load average at start: ${loadavg().map((v) => v.toFixed(2)).join(' ')} (figures are noisy on a loaded machine)`);
for (const pattern of PATTERNS) {
  let last = 0;
  for (const kb of SIZES_KB) {
    const body = line(pattern, kb);
    const markedSeconds = time(() => new Marked().parse(body));
    let compileSeconds: number | null = null;
    if (last <= maxSeconds) compileSeconds = last = time(() => compileChapter(FRONTMATTER + body + '\n', { file: 'bench.md' }));
    rows.push({ pattern, kb, compileSeconds, markedSeconds });
    const c = compileSeconds === null ? `skipped (the smaller size took over ${maxSeconds} s)` : `${(compileSeconds * 1000).toFixed(1)} ms`;
    log(`${JSON.stringify(pattern).padEnd(8)} ${String(kb).padStart(4)} KB  compile ${c.padEnd(12)}  marked alone ${(markedSeconds * 1000).toFixed(1)} ms`);
  }
}
log(`load average at end: ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
if (json) console.log(JSON.stringify({ rows, loadAverage: loadavg() }, null, 2));
