// A/B against the trainer before the speed work of issue 11 (commit 72fabac): every configuration except minibatch
// std (whose D gradient is now written by hand and rounds differently; model-trainer.test.ts checks it against
// tf.grad) must train to bit-identical weights. The hashes were recorded by this file's `print` mode on that commit.
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../src/lab/model/backend-node';
import type { PartialConfig } from '../../src/lab/model/config';
import { Trainer } from '../../src/lab/model/trainer';

beforeAll(() => initNodeBackend('wasm'));

const NET3x64 = { layers: 3, neurons: 64, learningRate: 5e-4, beta1: 0.5 } as const;

const CASES: [string, PartialConfig, number][] = [
  ['standard 2x16', { distribution: 'ring8', batchSize: 128 }, 30],
  ['3x64, batch 64', { distribution: 'ring8', batchSize: 64, generator: NET3x64, discriminator: NET3x64 }, 12],
  ['3x64 PacGAN2 on grid25', { distribution: 'grid25', batchSize: 64, pack: 2, generator: NET3x64, discriminator: NET3x64 }, 8],
  ['WGAN-GP, 5 critic steps, 3x64', { distribution: 'ring8', batchSize: 64, loss: 'wasserstein', gradientPenalty: 0.1, dSteps: 5, generator: { ...NET3x64, beta2: 0.9 }, discriminator: { ...NET3x64, beta2: 0.9 } }, 6],
  ['WGAN-GP, leaky ReLU, pack 2', { distribution: 'ring', batchSize: 32, loss: 'wasserstein', gradientPenalty: 10, pack: 2, discriminator: { activation: 'leakyRelu', layers: 3 } }, 10],
  ['tanh critic with a penalty (tf.grad)', { distribution: 'ring8', batchSize: 32, loss: 'hinge', gradientPenalty: 1, discriminator: { activation: 'tanh' } }, 10],
  ['rmsprop and sgd, least squares', { distribution: 'swissroll', batchSize: 48, loss: 'leastSquares', generator: { optimizer: 'rmsprop' }, discriminator: { optimizer: 'sgd', learningRate: 0.05 } }, 20],
];

function weightsHash(t: Trainer): string {
  const { g, d } = t.parameters();
  return createHash('sha256').update(new Uint8Array(g.buffer, g.byteOffset, g.byteLength)).update(new Uint8Array(d.buffer, d.byteOffset, d.byteLength)).digest('hex').slice(0, 20);
}

const RECORDED: Record<string, string> = {
  'standard 2x16': 'c59a6994d1823eb3ae5c',
  '3x64, batch 64': '72415c1d314fe7a14dc2',
  '3x64 PacGAN2 on grid25': '2e58ac3ac396cb79ffe1',
  'WGAN-GP, 5 critic steps, 3x64': 'e26fc44bf0084a4a02a1',
  'WGAN-GP, leaky ReLU, pack 2': '7b91d2c4580c056a83f7',
  'tanh critic with a penalty (tf.grad)': '361496cd67f8d1bcf3a6',
  'rmsprop and sgd, least squares': '0e943ca9c68691bc7047',
};

describe('trainer weights are bit-identical to the trainer before the speed work', () => {
  for (const [name, config, iterations] of CASES) {
    it(name, () => {
      const t = new Trainer({ ...config, seed: 7 });
      t.iterate(iterations);
      const h = weightsHash(t);
      t.dispose();
      if (process.env.PRINT_HASHES) console.log(`  ${JSON.stringify(name)}: '${h}',`);
      else expect(h).toBe(RECORDED[name]);
    });
  }
});
