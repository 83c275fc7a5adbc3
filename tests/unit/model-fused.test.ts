import { afterEach, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../src/lab/model/backend-node';
import { ACTIVATIONS, OPTIMIZERS, type PartialConfig } from '../../src/lab/model/config';
import { setFusedActivationGrad } from '../../src/lab/model/network';
import { setFusedOptimizer } from '../../src/lab/model/optimizers';
import { Trainer } from '../../src/lab/model/trainer';

// The fused cpu/wasm kernels must train exactly like the composed tfjs ops (which WebGL uses), up to float rounding.
const base: PartialConfig = { distribution: 'ring8', batchSize: 16, generator: { layers: 2, neurons: 6 }, discriminator: { layers: 2, neurons: 6 } };

function run(extra: PartialConfig, fused: boolean) {
  setFusedOptimizer(fused);
  setFusedActivationGrad(fused);
  const t = new Trainer({ ...base, ...extra, seed: 21 });
  t.iterate(30);
  const p = t.parameters();
  t.dispose();
  return p;
}

afterEach(() => {
  setFusedOptimizer(true);
  setFusedActivationGrad(true);
});

for (const backend of ['wasm', 'cpu'] as const) {
  describe(`fused kernels on ${backend}`, () => {
    const cases: PartialConfig[] = [
      ...OPTIMIZERS.map((o) => ({ generator: { optimizer: o, learningRate: 0.01 }, discriminator: { optimizer: o, learningRate: 0.01 } })),
      ...ACTIVATIONS.map((a) => ({ generator: { activation: a }, discriminator: { activation: a } })),
    ];
    for (const extra of cases) {
      it(JSON.stringify(extra), async () => {
        await initNodeBackend(backend);
        const a = run(extra, true), b = run(extra, false);
        for (const k of ['g', 'd'] as const) {
          let worst = 0;
          a[k].forEach((v, i) => (worst = Math.max(worst, Math.abs(v - b[k][i]))));
          expect(worst).toBeLessThan(1e-4);
        }
      });
    }
  });
}
