// npm run bench:fidelity [-- --json] [--suite ring8,grid25:pacgan2,...] [--seeds 5 | 1,3 | 2-4] [--iterations 20000] [--workers 2]
// Mode coverage (modes covered, high-quality share, reverse KL from 2,500 samples) on ring8 and grid25 for a plain
// GAN, PacGAN2, minibatch std and WGAN-GP: several seeds each, mean +- standard error beside PacGAN's published
// rows, with the wall time of every row. Rows print as they finish (a long run can be read while it goes).
// `--suite` picks rows: a distribution (ring8), a setup (plain) or one row (grid25:wgangp), comma-separated.
// `--workers N` runs N seeds at once, each in a forked process (the same trainer on wasm: the same numbers as one
// process; a row's wall time is then its runs' times added up). Figures, not a test.
import { cpus, loadavg } from 'node:os';
import { fork } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { initNodeBackend } from '../src/lab/model/backend-node';
import { parseConfig, type PartialConfig } from '../src/lab/model/config';
import { Trainer } from '../src/lab/model/trainer';

// Lab-sized networks (at most 4 hidden layers of 128). Batch 512 and Adam 5e-4 were chosen from trajectories on
// seeds 1-2 (bench notes in the issue): smaller batches or larger rates oscillate between 50% and 95% HQ.
const NET = { layers: 3, neurons: 64, optimizer: 'adam', learningRate: 5e-4, beta1: 0.5, beta2: 0.999 } as const;

export const SETUPS: Record<string, { label: string; config: PartialConfig; iterations?: number; extra?: boolean }> = {
  plain: { label: 'GAN (non-saturating)', config: { batchSize: 512, generator: NET, discriminator: NET } },
  pacgan2: { label: 'PacGAN2 (pack 2)', config: { batchSize: 512, pack: 2, generator: NET, discriminator: NET } },
  mbstd: { label: 'minibatch std', config: { batchSize: 512, minibatchStd: true, generator: NET, discriminator: NET } },
  wgangp: {
    label: 'WGAN-GP (5 critic steps)',
    config: {
      batchSize: 512,
      loss: 'wasserstein',
      gradientPenalty: 0.1,
      dSteps: 5,
      generator: { ...NET, beta2: 0.9 },
      discriminator: { ...NET, beta2: 0.9 },
    },
  },
  // The mode-collapse chapter's plain GAN: the standard 2x16 network with a generator that learns 10x faster.
  // Not in the default table (ask for it: --suite collapse).
  collapse: { label: 'GAN, fast G (collapse)', iterations: 2000, extra: true, config: { batchSize: 128, generator: { learningRate: 0.01 } } },
};

const SUITES = { ring8: 8, grid25: 25 } as const;
type Suite = keyof typeof SUITES;

/** PacGAN Table 1 (10 trials, mean +- standard error; their networks, about 400k steps): /work/shared/REFERENCE.md. */
const PUBLISHED: Record<Suite, string[]> = {
  ring8: ['GAN        6.3+-0.5   98.2%   0.45', 'PacGAN2    7.9+-0.1   95.6%   0.07', 'PacGAN4    7.8+-0.1   95.9%   0.07'],
  grid25: ['GAN       17.3+-0.8   94.8%   0.70', 'PacGAN2   23.8+-0.7   91.3%   0.13', 'PacGAN4   24.8+-0.2   93.6%   0.04'],
};

function meanSe(xs: number[]) {
  const m = xs.reduce((s, v) => s + v, 0) / Math.max(1, xs.length);
  const sd = xs.length > 1 ? Math.sqrt(xs.reduce((s, v) => s + (v - m) ** 2, 0) / (xs.length - 1)) : 0;
  return { mean: m, se: sd / Math.sqrt(Math.max(1, xs.length)) };
}

interface RunResult {
  seed: number;
  secs: number;
  modes?: number;
  highQuality?: number;
  reverseKL?: number;
  divergedAt?: number;
}

async function run(config: PartialConfig, seed: number, iterations: number): Promise<RunResult> {
  const t = new Trainer(parseConfig({ ...config, seed }));
  const t0 = performance.now();
  while (t.iteration < iterations && t.status === 'ok') {
    t.iterate(Math.min(1000, iterations - t.iteration));
    await t.checkFinite();
  }
  const m = await t.measure();
  const secs = (performance.now() - t0) / 1000;
  const out: RunResult = m ? { seed, secs, modes: m.modes!, highQuality: m.highQuality!, reverseKL: m.reverseKL! } : { seed, secs, divergedAt: t.divergence?.iteration ?? t.iteration };
  t.dispose();
  return out;
}

/** "5" -> 1..5; "1,3" -> [1, 3]; "2-4" -> [2, 3, 4]. */
export function parseSeeds(s: string): number[] {
  if (/^\d+$/.test(s)) return Array.from({ length: Number(s) }, (_, i) => i + 1);
  const out: number[] = [];
  for (const part of s.split(',')) {
    const r = /^(\d+)-(\d+)$/.exec(part);
    if (r) for (let i = Number(r[1]); i <= Number(r[2]); i++) out.push(i);
    else if (/^\d+$/.test(part)) out.push(Number(part));
    else throw new Error(`--seeds: "${part}" is not a count, a list (1,3) or a range (2-4)`);
  }
  return out;
}

/** The rows `--suite` asks for, in table order: tokens are a distribution, a setup, or distribution:setup. */
export function parseSuite(s: string | undefined): [Suite, string][] {
  const defaults = Object.keys(SETUPS).filter((k) => !SETUPS[k].extra);
  const all: [Suite, string][] = (Object.keys(SUITES) as Suite[]).flatMap((d) => Object.keys(SETUPS).map((k) => [d, k] as [Suite, string]));
  if (!s) return all.filter(([, k]) => defaults.includes(k));
  const picked = new Set<string>();
  for (const tok of s.split(',')) {
    const [a, b] = tok.split(':');
    const isSuite = (x: string): x is Suite => x in SUITES;
    if (b !== undefined) {
      if (!isSuite(a) || !SETUPS[b]) throw new Error(`--suite: unknown row "${tok}" (distribution:setup, e.g. grid25:pacgan2)`);
      picked.add(`${a}:${b}`);
    } else if (isSuite(a)) {
      for (const k of defaults) picked.add(`${a}:${k}`);
    } else if (SETUPS[a]) {
      for (const d of Object.keys(SUITES)) picked.add(`${d}:${a}`);
    } else {
      throw new Error(`--suite: unknown "${tok}"; distributions ${Object.keys(SUITES).join(', ')}, setups ${Object.keys(SETUPS).join(', ')}`);
    }
  }
  return all.filter(([d, k]) => picked.has(`${d}:${k}`));
}

const fmtMin = (secs: number) => (secs >= 120 ? `${(secs / 60).toFixed(1)} min` : `${secs.toFixed(0)} s`);

interface Job {
  suite: Suite;
  key: string;
  seed: number;
  iterations: number;
}

/** One job in this process, or in a child process started with `--child` (forked, so tsx's loader comes along). */
type Runner = (job: Job) => Promise<RunResult>;

function childRunners(n: number): { runners: Runner[]; close: () => void } {
  const kids = Array.from({ length: n }, () => fork(fileURLToPath(import.meta.url), ['--child'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  const runners = kids.map(
    (kid): Runner =>
      (job) =>
        new Promise((resolve, reject) => {
          const onExit = (code: number | null) => reject(new Error(`bench:fidelity child exited (${code}) during ${job.suite}:${job.key} seed ${job.seed}`));
          kid.once('exit', onExit);
          kid.once('message', (m: RunResult | { error: string }) => {
            kid.off('exit', onExit);
            if ('error' in m) reject(new Error(m.error));
            else resolve(m);
          });
          kid.send(job);
        }),
  );
  return { runners, close: () => kids.forEach((k) => k.disconnect()) };
}

async function child() {
  await initNodeBackend('wasm');
  process.on('message', async (job: Job) => {
    try {
      process.send!(await run({ distribution: job.suite, ...SETUPS[job.key].config }, job.seed, job.iterations));
    } catch (e) {
      process.send!({ error: String((e as Error)?.stack ?? e) });
    }
  });
}

/** Start order within one distribution: the cheapest runs first (CPU per iteration on wasm, ring8: PacGAN2 5.2 ms,
 * plain 9.9, minibatch std 9.0, WGAN-GP 35; plain before minibatch std, about the same cost, as the published
 * baseline). */
const START_ORDER = ['pacgan2', 'plain', 'mbstd', 'wgangp'];

/**
 * The jobs in the order they are started: row by row, ring8's rows before grid25's, cheap rows first and WGAN-GP
 * (3.5x a plain run) last: on a busy machine the table fills row by row, and what has finished by a deadline is
 * whole rows. The table at the end is in table order.
 */
export function jobOrder(rows: [Suite, string][], seeds: number[], iterations: number): Job[] {
  const rank = (k: string) => (START_ORDER.includes(k) ? START_ORDER.indexOf(k) : START_ORDER.length);
  const suiteRank = (d: Suite) => Object.keys(SUITES).indexOf(d);
  const ordered = rows.map((r, i) => ({ r, i })).sort((a, b) => suiteRank(a.r[0]) - suiteRank(b.r[0]) || rank(a.r[1]) - rank(b.r[1]) || a.i - b.i);
  return ordered.flatMap(({ r: [suite, key] }) => seeds.map((seed) => ({ suite, key, seed, iterations: SETUPS[key].iterations ?? iterations })));
}

async function main() {
  const args = process.argv.slice(2);
  if (args.includes('--child')) return child();
  const opt = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const json = args.includes('--json');
  const seeds = parseSeeds(opt('--seeds') ?? '5');
  const iterations = Number(opt('--iterations') ?? '20000');
  const workers = Number(opt('--workers') ?? '1');
  if (!Number.isInteger(workers) || workers < 1) throw new Error(`--workers: "${opt('--workers')}" is not a positive whole number`);
  const rows = parseSuite(opt('--suite') ?? opt('--only'));
  const started = new Date();
  const t00 = performance.now();
  const load = () => loadavg().map((v) => v.toFixed(2)).join(' / ');
  if (!json) {
    console.log(`bench:fidelity started ${started.toISOString()}; load average ${load()} on ${cpus().length} cores; ${workers} worker${workers > 1 ? ' processes' : ' (this process)'}`);
    console.log(`seeds ${seeds.join(',')} x ${iterations} iterations (unless the row says otherwise), 2,500 samples each; G and D ${NET.layers}x${NET.neurons} ReLU, Adam ${NET.learningRate}, batch 512`);
  }
  let runners: Runner[];
  let close = () => {};
  if (workers > 1) ({ runners, close } = childRunners(workers));
  else {
    await initNodeBackend('wasm');
    runners = [(job) => run({ distribution: job.suite, ...SETUPS[job.key].config }, job.seed, job.iterations)];
  }
  const done = new Map<string, RunResult[]>();
  const spans = new Map<string, { from: number; to: number }>();
  const results: Record<string, unknown> = {};
  const printed: string[] = [];
  const finishRow = (suite: Suite, key: string) => {
    const s = SETUPS[key];
    const runs = [...done.get(`${suite}:${key}`)!].sort((a, b) => a.seed - b.seed);
    const span = spans.get(`${suite}:${key}`)!;
    const runSecs = runs.reduce((a, r) => a + r.secs, 0);
    const its = s.iterations ?? iterations;
    const ok = runs.filter((r) => r.modes !== undefined) as Required<Omit<RunResult, 'divergedAt'>>[];
    const modes = meanSe(ok.map((r) => r.modes)), hq = meanSe(ok.map((r) => r.highQuality)), rkl = meanSe(ok.map((r) => r.reverseKL));
    results[`${suite}:${key}`] = { suite, setup: key, label: s.label, iterations: its, config: parseConfig({ distribution: suite, ...s.config }), runs, modes, highQuality: hq, reverseKL: rkl, diverged: runs.length - ok.length, wallSeconds: +runSecs.toFixed(1), spanSeconds: +((span.to - span.from) / 1000).toFixed(1) };
    const line =
      `${`${s.label} @${its / 1000}k`.padEnd(28)}${`${modes.mean.toFixed(1)}+-${modes.se.toFixed(1)}`.padStart(11)}${`${(100 * hq.mean).toFixed(1)}%+-${(100 * hq.se).toFixed(1)}`.padStart(16)}${`${rkl.mean.toFixed(2)}+-${rkl.se.toFixed(2)}`.padStart(14)}${String(runs.length - ok.length).padStart(10)}   ${fmtMin(runSecs)}, ${fmtMin(runSecs / runs.length)}` +
      `\n   per seed: ${runs.map((r) => (r.modes !== undefined ? `s${r.seed}: ${r.modes} modes ${(100 * r.highQuality!).toFixed(0)}% ${r.reverseKL!.toFixed(2)}` : `s${r.seed}: diverged at ${r.divergedAt}`)).join(' | ')}`;
    printed.push(`${suite}:${key}`);
    results[`${suite}:${key}:line`] = line;
    if (!json) console.log(`\n${suite}: ${line}\n   load average now ${load()}`);
  };
  const queue = jobOrder(rows, seeds, iterations);
  const need = new Map(rows.map(([d, k]) => [`${d}:${k}`, seeds.length]));
  await Promise.all(
    runners.map(async (runJob) => {
      for (let job = queue.shift(); job; job = queue.shift()) {
        const id = `${job.suite}:${job.key}`;
        const t0 = performance.now();
        const r = await runJob(job);
        const sp = spans.get(id) ?? { from: t0, to: t0 };
        spans.set(id, { from: Math.min(sp.from, t0), to: Math.max(sp.to, performance.now()) });
        done.set(id, [...(done.get(id) ?? []), r]);
        // each seed as it finishes: a long table can be read (and its remaining time projected) while it runs
        if (!json) console.log(`   ${job.suite} ${job.key} seed ${job.seed} done at ${new Date().toISOString().slice(11, 19)}: ${r.modes !== undefined ? `${r.modes} modes, ${(100 * r.highQuality!).toFixed(1)}% HQ, rev-KL ${r.reverseKL!.toFixed(3)}` : `diverged at ${r.divergedAt}`} (${fmtMin(r.secs)}; load ${loadavg()[0].toFixed(1)})`);
        if (done.get(id)!.length === need.get(id)) finishRow(job.suite, job.key);
      }
    }),
  );
  close();
  const totalSecs = (performance.now() - t00) / 1000;
  const table = Object.fromEntries(Object.entries(results).filter(([k]) => !k.endsWith(':line')));
  if (json) {
    console.log(JSON.stringify({ started: started.toISOString(), seeds, iterations, workers, published: PUBLISHED, results: table, wallSeconds: +totalSecs.toFixed(1) }));
    return;
  }
  // the whole table once more, in table order (with several workers rows finish out of order)
  console.log(`\n=== table (wall: the row's runs added up, then per run${workers > 1 ? `; ${workers} runs at a time` : ''}) ===`);
  for (const suite of new Set(rows.map(([d]) => d))) {
    console.log(`\n${suite} (${SUITES[suite]} modes)`);
    console.log(`setup                         modes/${SUITES[suite]}`.padEnd(40) + 'HQ              rev-KL        diverged   wall (row, per run)');
    for (const [d, k] of rows) if (d === suite) console.log(results[`${d}:${k}:line`]);
    console.log(`published, ${suite} (PacGAN Table 1, 10 trials, mean +- s.e.; G 4x400 with batch norm, D 3 maxout layers of 200, ~400k steps):`);
    for (const line of PUBLISHED[suite]) console.log(`   ${line}`);
  }
  console.log(`\ntotal wall time ${fmtMin(totalSecs)}; load average at the end ${load()} on ${cpus().length} cores`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
