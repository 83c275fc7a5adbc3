// npm run bench:trainer [-- --json] [--iterations N] [--skip-standard] [--skip-big]
// Iterations/s of our trainer against a baseline written the way most tfjs users would (tf.sequential layers +
// optimizer.minimize), same network and data, on cpu and wasm, in one process. Then the remedies' networks (3x64,
// minibatch std, WGAN-GP; wasm) against the same trainer as it was before issue 11's speed work, also in this
// process: tfjs's Transpose and Sum in place of our kernels, and minibatch std through tf.grad. Figures, not a test.
import { cpus, loadavg } from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { initNodeBackend, type NodeBackend } from '../src/lab/model/backend-node';
import { dataSource, samplePoints } from '../src/lab/model/distributions';
import { Rng } from '../src/lab/model/random';
import { OWN_KERNELS } from '../src/lab/model/kernels';
import { parseConfig, type PartialConfig } from '../src/lab/model/config';
import { Trainer } from '../src/lab/model/trainer';


/** The standard network of the issue: ring8; G and D 2x16 ReLU; batch 128; Adam 1e-3; non-saturating; 1 D + 1 G. */
const STANDARD = {
  distribution: 'ring8',
  batchSize: 128,
  generator: { layers: 2, neurons: 16, activation: 'relu', optimizer: 'adam', learningRate: 1e-3 },
  discriminator: { layers: 2, neurons: 16, activation: 'relu', optimizer: 'adam', learningRate: 1e-3 },
  loss: 'nonsaturating',
  dSteps: 1,
  gSteps: 1,
} as const;

interface Runner {
  step(): void;
  sync(): Promise<void>;
  dispose(): void;
}

function ours(): Runner {
  const t = new Trainer(structuredClone(STANDARD) as never);
  return { step: () => t.iterate(1), sync: async () => void (await t.checkFinite()), dispose: () => t.dispose() };
}

function baseline(): Runner {
  const B = 128;
  const dense = (units: number, activation?: 'relu', inputShape?: number[]) => tfl.layers.dense({ units, activation, inputShape });
  const G = tfl.sequential({ layers: [dense(16, 'relu', [2]), dense(16, 'relu'), dense(2)] });
  const D = tfl.sequential({ layers: [dense(16, 'relu', [2]), dense(16, 'relu'), dense(1)] });
  const optD = tf.train.adam(1e-3, 0.5), optG = tf.train.adam(1e-3, 0.5);
  const src = dataSource({ distribution: 'ring8', points: [] });
  const rng = new Rng(1);
  const ones = tf.ones([B, 1]), zeros = tf.zeros([B, 1]);
  const dVars = D.trainableWeights.map((w) => w.read() as tf.Variable);
  const gVars = G.trainableWeights.map((w) => w.read() as tf.Variable);
  const bce = (labels: tf.Tensor, logits: tf.Tensor) => tf.losses.sigmoidCrossEntropy(labels, logits);
  return {
    step() {
      tf.tidy(() => {
        const real = tf.tensor2d(samplePoints(src, rng, B), [B, 2]);
        const z1 = tf.randomNormal([B, 2]);
        optD.minimize(() => {
          const fake = G.apply(z1) as tf.Tensor;
          return tf.add(bce(ones, D.apply(real) as tf.Tensor), bce(zeros, D.apply(fake) as tf.Tensor)) as tf.Scalar;
        }, false, dVars);
        const z2 = tf.randomNormal([B, 2]);
        optG.minimize(() => bce(ones, D.apply(G.apply(z2) as tf.Tensor) as tf.Tensor) as tf.Scalar, false, gVars);
      });
    },
    async sync() {
      await (G.getWeights()[0] as tf.Tensor).data();
    },
    dispose() {
      G.dispose();
      D.dispose();
      optD.dispose();
      optG.dispose();
      ones.dispose();
      zeros.dispose();
    },
  };
}

// The remedies' networks, as bench:fidelity trains them (batch 512, G and D 3x64).
const NET = { layers: 3, neurons: 64, optimizer: 'adam', learningRate: 5e-4, beta1: 0.5, beta2: 0.999 } as const;
const BIG: Record<string, { label: string; config: PartialConfig; share: number }> = {
  standard: { label: '2x16 standard (batch 128)', config: STANDARD as unknown as PartialConfig, share: 1 },
  net3x64: { label: '3x64, batch 512', config: { distribution: 'ring8', batchSize: 512, generator: NET, discriminator: NET }, share: 1 / 20 },
  mbstd: { label: 'minibatch std, 3x64, batch 512', config: { distribution: 'ring8', batchSize: 512, minibatchStd: true, generator: NET, discriminator: NET }, share: 1 / 20 },
  wgangp: {
    label: 'WGAN-GP 5 critic steps, 3x64, batch 512',
    config: { distribution: 'ring8', batchSize: 512, loss: 'wasserstein', gradientPenalty: 0.1, dSteps: 5, generator: { ...NET, beta2: 0.9 }, discriminator: { ...NET, beta2: 0.9 } },
    share: 1 / 60,
  },
};

/** The trainer before issue 11: minibatch std through tf.grad. */
class AutodiffTrainer extends Trainer {
  override get usesAutodiff(): boolean {
    return super.usesAutodiff || this.config.minibatchStd;
  }
}

function trainerRunner(config: PartialConfig, before: boolean): () => Runner {
  return () => {
    const t = before ? new AutodiffTrainer(parseConfig(config)) : new Trainer(parseConfig(config));
    const own = !before;
    // every call under its own kernel choice (the two runners alternate in one process)
    return {
      step: () => {
        OWN_KERNELS.on = own;
        t.iterate(1);
        OWN_KERNELS.on = true;
      },
      sync: async () => void (await t.checkFinite()),
      dispose: () => t.dispose(),
    };
  };
}

async function measure(make: () => Runner, iterations: number, warm = 50) {
  const r = make();
  for (let i = 0; i < warm; i++) r.step();
  await r.sync();
  // Peak tensor memory over a few iterations (tf.profile slows them, so it is measured apart).
  const prof = await tf.profile(async () => {
    for (let i = 0; i < 5; i++) r.step();
    await r.sync();
  });
  const t0 = performance.now();
  for (let i = 0; i < iterations; i++) r.step();
  await r.sync();
  const secs = (performance.now() - t0) / 1000;
  r.dispose();
  return { itPerSec: iterations / secs, peakTensorBytes: prof.peakBytes };
}

async function main() {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const k = args.indexOf('--iterations');
  const iterations = k >= 0 ? Number(args[k + 1]) : 2000;
  const results: Record<string, unknown> = {};
  const skipStandard = args.includes('--skip-standard');
  for (const backend of (skipStandard ? [] : ['wasm', 'cpu']) as NodeBackend[]) {
    await initNodeBackend(backend);
    const n = backend === 'cpu' ? Math.max(200, iterations / 5) : iterations;
    // Alternate the two so that drift in machine load hits both alike.
    const a1 = await measure(ours, n), b1 = await measure(baseline, n);
    const a2 = await measure(ours, n), b2 = await measure(baseline, n);
    const oursIt = (a1.itPerSec + a2.itPerSec) / 2, baseIt = (b1.itPerSec + b2.itPerSec) / 2;
    results[backend] = {
      iterations: n,
      ours: { itPerSec: +oursIt.toFixed(1), peakTensorBytes: a1.peakTensorBytes },
      baseline: { itPerSec: +baseIt.toFixed(1), peakTensorBytes: b1.peakTensorBytes },
      ratio: +(oursIt / baseIt).toFixed(2),
    };
  }
  const big: Record<string, { label: string; iterations: number; ours: number; before: number; ratio: number }> = {};
  if (!args.includes('--skip-big')) {
    await initNodeBackend('wasm');
    for (const [key, b] of Object.entries(BIG)) {
      const n = Math.max(10, Math.round(iterations * b.share));
      const warm = Math.max(3, Math.round(50 * b.share));
      const ours = trainerRunner(b.config, false), before = trainerRunner(b.config, true);
      const a1 = await measure(ours, n, warm), b1 = await measure(before, n, warm);
      const a2 = await measure(ours, n, warm), b2 = await measure(before, n, warm);
      const o = (a1.itPerSec + a2.itPerSec) / 2, p = (b1.itPerSec + b2.itPerSec) / 2;
      big[key] = { label: b.label, iterations: n, ours: +o.toFixed(2), before: +p.toFixed(2), ratio: +(o / p).toFixed(2) };
    }
  }
  const out = { network: STANDARD, rssMB: +(process.memoryUsage().rss / 2 ** 20).toFixed(0), results, big, load: loadavg(), targets: { wasmItPerSec: 1000, wasmRatio: 2.5 } };
  if (json) {
    console.log(JSON.stringify(out));
    return;
  }
  if (Object.keys(big).length) {
    console.log('The remedies\' networks on wasm: ours against the same trainer before issue 11 (tfjs Transpose/Sum, minibatch std by tf.grad), alternated in this process');
    console.log('configuration'.padEnd(42) + 'ours it/s'.padStart(11) + 'before it/s'.padStart(13) + 'ratio'.padStart(8) + '   iterations timed');
    for (const r of Object.values(big)) console.log(`${r.label.padEnd(42)}${r.ours.toFixed(1).padStart(11)}${r.before.toFixed(1).padStart(13)}${r.ratio.toFixed(2).padStart(8)}   2 x ${r.iterations}`);
    console.log(`load average ${loadavg().map((v) => v.toFixed(2)).join(' / ')} on ${cpus().length} cores`);
  }
  if (skipStandard) return;
  console.log('Standard network: ring8, G and D 2x16 ReLU, batch 128, Adam 1e-3, non-saturating, 1 D + 1 G step');
  console.log('backend   ours it/s   baseline it/s   ratio   peak tensor KB (ours / baseline)');
  for (const [b, r] of Object.entries(results) as [string, any][]) {
    console.log(
      `${b.padEnd(8)}${r.ours.itPerSec.toFixed(0).padStart(11)}${r.baseline.itPerSec.toFixed(0).padStart(16)}${r.ratio.toFixed(2).padStart(8)}   ${(r.ours.peakTensorBytes / 1024).toFixed(0)} / ${(r.baseline.peakTensorBytes / 1024).toFixed(0)}`,
    );
  }
  console.log(`load average ${loadavg().map((v) => v.toFixed(2)).join(' / ')} on ${cpus().length} cores (figures drop when other work shares them)`);
  const w = results.wasm as any;
  console.log(`targets (wasm): >= 1000 it/s -> ${w.ours.itPerSec >= 1000 ? 'met' : `missed by ${(1000 - w.ours.itPerSec).toFixed(0)} it/s`}; >= 2.5x baseline -> ${w.ratio >= 2.5 ? 'met' : `missed (${w.ratio}x)`}`);
  console.log(`process RSS ${out.rssMB} MB`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
