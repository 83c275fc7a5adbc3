// npm run train -- --set key=value ... --iterations N [--json] [--seeds 1..K] [--backend wasm|cpu]
// Trains in Node and prints the final metrics; with --seeds, one row per seed (to pick a seed for a lesson).
import { DEFAULT_CONFIG, applyPatch, formatIssue, parseAssignments, type GanConfig } from '../src/lab/model/config';
import { initNodeBackend, type NodeBackend } from '../src/lab/model/backend-node';
import { Trainer } from '../src/lab/model/trainer';
import type { Metrics } from '../src/lab/model/types';

const USAGE = `usage: npm run train -- [--set key=value ...] [--iterations N] [--seeds 1..K | --seeds 3,7,9] [--json] [--backend wasm|cpu]
  --set        a config key by its dotted path, e.g. --set generator.neurons=32 --set loss=hinge (see docs/authoring.md)
  --iterations iterations to train (default 2000)
  --seeds      train each seed and print one row per seed
  --json       print JSON instead of a table`;

function fail(msg: string): never {
  console.error(msg);
  process.exit(2);
}

export function parseSeeds(text: string): number[] {
  const range = /^(\d+)\.\.(\d+)$/.exec(text);
  if (range) {
    const [a, b] = [Number(range[1]), Number(range[2])];
    if (b < a || b - a > 1000) fail(`--seeds ${text}: a range like 1..20 (at most 1,000 seeds)`);
    return Array.from({ length: b - a + 1 }, (_, i) => a + i);
  }
  const list = text.split(',').map((s) => Number(s.trim()));
  if (list.some((n) => !Number.isInteger(n) || n < 0)) fail(`--seeds ${text}: a range (1..20) or a list (3,7,9) of whole numbers`);
  return list;
}

function parseArgs(argv: string[]) {
  const sets: [string, string][] = [];
  let iterations = 2000, json = false, seeds: number[] | null = null, backend: NodeBackend = 'wasm';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => argv[++i] ?? fail(`${a} needs a value\n${USAGE}`);
    if (a === '--set') {
      const kv = next();
      const eq = kv.indexOf('=');
      if (eq < 1) fail(`--set ${kv}: expected key=value`);
      sets.push([kv.slice(0, eq), kv.slice(eq + 1)]);
    } else if (a === '--iterations') {
      iterations = Number(next());
      if (!Number.isInteger(iterations) || iterations < 0 || iterations > 10_000_000) fail('--iterations: a whole number from 0 to 10,000,000');
    } else if (a === '--json') json = true;
    else if (a === '--seeds') seeds = parseSeeds(next());
    else if (a === '--backend') {
      const b = next();
      if (b !== 'wasm' && b !== 'cpu') fail('--backend: wasm or cpu (Node has no WebGL)');
      backend = b;
    } else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else fail(`unknown option ${a}\n${USAGE}`);
  }
  const { patch, issues } = parseAssignments(sets);
  const r = applyPatch(DEFAULT_CONFIG, patch);
  const all = [...issues, ...(r.ok ? [] : r.issues)];
  if (all.length) fail(all.map((i) => `--set ${formatIssue(i)}`).join('\n'));
  return { config: (r as { config: GanConfig }).config, iterations, json, seeds, backend };
}

/** Trains one run, measuring every `every` iterations (for the history) and at the end. */
export async function train(config: GanConfig, iterations: number, every = 500) {
  const t = new Trainer(config);
  try {
    let metrics: Metrics | null = null;
    while (t.iteration < iterations && t.status === 'ok') {
      t.iterate(Math.min(every, iterations - t.iteration));
      metrics = await t.measure();
    }
    if (iterations === 0) metrics = await t.measure();
    return { iterations: t.iteration, status: t.status, divergence: t.divergence, metrics };
  } finally {
    t.dispose();
  }
}

const fmt = (v: number | undefined, d = 3) => (v === undefined ? '-' : Number.isInteger(v) ? String(v) : v.toFixed(d));

function row(seed: number, r: Awaited<ReturnType<typeof train>>) {
  const m = r.metrics;
  if (!m) return `${String(seed).padStart(6)}  diverged at ${r.divergence?.iteration}: ${r.divergence?.hint}`;
  return [seed, r.iterations, m.dLoss, m.gLoss, m.kl, m.js, m.modes, m.highQuality, m.reverseKL]
    .map((v, i) => (i < 2 ? String(v) : fmt(v as number | undefined)).padStart(i === 0 ? 6 : 10))
    .join('');
}

async function main() {
  const { config, iterations, json, seeds, backend } = parseArgs(process.argv.slice(2));
  await initNodeBackend(backend);
  const header = ['seed', 'iter', 'dLoss', 'gLoss', 'kl', 'js', 'modes', 'hq', 'revKL'].map((h, i) => h.padStart(i === 0 ? 6 : 10)).join('');
  const pick = (r: Awaited<ReturnType<typeof train>>) => {
    const m = r.metrics;
    return {
      status: r.status,
      ...(r.divergence ? { divergence: r.divergence } : {}),
      ...(m ? { dLoss: m.dLoss, gLoss: m.gLoss, kl: m.kl, js: m.js, bins: m.bins, samples: m.samples, outside: m.outside } : {}),
      ...(m && m.modes !== undefined ? { modes: m.modes, modesTotal: m.modesTotal, highQuality: m.highQuality, reverseKL: m.reverseKL } : {}),
    };
  };
  if (!seeds) {
    const r = await train(config, iterations);
    if (json) console.log(JSON.stringify({ iterations: r.iterations, config, metrics: pick(r) }));
    else {
      console.log(header);
      console.log(row(config.seed, r));
    }
    return;
  }
  const rows = [];
  if (!json) console.log(header);
  for (const seed of seeds) {
    const r = await train({ ...config, seed }, iterations);
    if (json) rows.push({ seed, iterations: r.iterations, metrics: pick(r) });
    else console.log(row(seed, r));
  }
  if (json) console.log(JSON.stringify({ config, runs: rows }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e) => fail(String(e?.stack ?? e)));
}
