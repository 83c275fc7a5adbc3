import { initNodeBackend } from './src/lab/model/backend-node';
import { Trainer } from './src/lab/model/trainer';
import * as tf from '@tensorflow/tfjs-core';
tf.enableProdMode(); await initNodeBackend('wasm');
const t = new Trainer({ distribution: 'ring8', batchSize: 128 });
t.iterate(200);
for (let rep = 0; rep < 3; rep++) {
  let t0 = performance.now(); for (let i = 0; i < 1000; i++) t.stepD(false); const d = performance.now() - t0;
  t0 = performance.now(); for (let i = 0; i < 1000; i++) t.stepG(false); const g = performance.now() - t0;
  console.log('stepD us', d.toFixed(0), 'stepG us', g.toFixed(0), 'it/s', (1e6 / (d + g)).toFixed(0));
}
// op profile of one iteration
const prof = await tf.profile(() => { t.stepD(false); t.stepG(false); });
const by: Record<string, number> = {};
for (const k of prof.kernels) by[k.name] = (by[k.name] ?? 0) + 1;
console.log('kernels per iteration', prof.kernels.length, by);
const ms: Record<string, number> = {};
let total = 0;
for (let r = 0; r < 20; r++) {
  const p = await tf.profile(() => { t.stepD(false); t.stepG(false); });
  for (const k of p.kernels) { const v = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0; ms[k.name] = (ms[k.name] ?? 0) + v / 20; total += v / 20; }
}
console.log('kernel ms per iteration', total.toFixed(3), Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, +(v * 1000).toFixed(0)])));
