// npm run bench:ops [-- --backend cpu]
// Microseconds per tfjs call at the standard network's sizes: the public op against the kernel it runs, called
// through the engine as src/lab/model/kernels.ts does. Shows why the trainer's hot path skips the op wrappers.
// Figures, not a test; compare rows from the same run only.
import * as tf from '@tensorflow/tfjs-core';
import { initNodeBackend, type NodeBackend } from '../src/lab/model/backend-node';
import * as k from '../src/lab/model/kernels';

const arg = process.argv.indexOf('--backend');
await initNodeBackend((arg > 0 ? process.argv[arg + 1] : 'wasm') as NodeBackend);
const a = tf.keep(tf.randomNormal([128, 16])) as tf.Tensor2D;
const w = tf.keep(tf.randomNormal([16, 16])) as tf.Tensor2D;
const b = tf.keep(tf.randomNormal([16]));
const a3 = tf.keep(tf.reshape(a, [1, 128, 16])), w3 = tf.keep(tf.reshape(w, [1, 16, 16]));
const v = tf.keep(tf.randomNormal([600]));
const s = tf.keep(tf.scalar(0.9));

function time(f: () => unknown, n = 20000): number {
  for (let i = 0; i < 200; i++) tf.tidy(f as () => tf.Tensor);
  const t0 = performance.now();
  tf.tidy(() => {
    for (let i = 0; i < n; i++) f();
  });
  return ((performance.now() - t0) / n) * 1000;
}

const rows: [string, () => unknown, () => unknown][] = [
  ['reshape', () => tf.reshape(a, [16, 128]), () => k.reshape(a, [16, 128])],
  ['multiply [600] by a scalar', () => tf.mul(v, s), () => k.mul(v, s)],
  ['matMul [128,16] x [16,16]', () => tf.matMul(a, w), () => k.matMul(a3, w3)],
  ['dense layer (fused matMul, bias, relu)', () => tf.fused.matMul({ a, b: w, bias: b, activation: 'relu' }), () => k.dense(a3, w3, b, 'relu')],
  ['transpose [128,16]', () => tf.transpose(a), () => k.transpose(a3)],
  ['split [600] in 6', () => tf.split(v, [32, 16, 256, 16, 272, 8]), () => k.split(v, [32, 16, 256, 16, 272, 8])],
];
console.log(`backend ${tf.getBackend()}: microseconds per call`);
console.log('call'.padEnd(40), 'tf op'.padStart(8), 'kernel'.padStart(8));
for (const [name, op, kernel] of rows) console.log(name.padEnd(40), time(op).toFixed(1).padStart(8), time(kernel).toFixed(1).padStart(8));
const tA = time(() => tf.engine().runKernel('BatchMatMul', { a: a3, b: a3 }, { transposeA: true, transposeB: false }));
const tE = time(() => k.matMul(k.transpose(a3), a3));
console.log(`a^T b by the transposeA flag: ${tA.toFixed(1)}; by an explicit transpose then matMul: ${tE.toFixed(1)}`);
