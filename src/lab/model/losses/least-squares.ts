import type { Scalar } from '@tensorflow/tfjs-core';
import type { LossEntry } from './entry';

// Mao et al. 2017 (LSGAN): D regresses reals to 1 and fakes to 0; G wants its fakes scored 1.
export const leastSquares = {
  text: {
    en: {
      label: 'Least squares (LSGAN)',
      d: "D's loss is least squares: (D(x) − 1)² + D(G(z))², so reals should score 1 and fakes 0.",
      g: "G's loss is (D(G(z)) − 1)²: it wants its fakes scored like reals.",
    },
    zh: {
      label: '最小二乘（LSGAN）',
      d: 'D 的损失是最小二乘：(D(x) − 1)² + D(G(z))²，希望真实样本得 1 分、假样本得 0 分。',
      g: 'G 的损失是 (D(G(z)) − 1)²：它希望自己的假样本像真实样本一样被打分。',
    },
  },
  summary: 'LSGAN: D regresses reals to 1 and fakes to 0 with a squared error; G wants its fakes scored 1',
  optimalD: true,
  math: ({ tf, k, c }) => ({
    dValue: (l, { Y, inv }) => tf.mul(tf.sum(tf.square(tf.sub(l, Y))), 0.5 * inv) as Scalar,
    dGrad: (l, { Y, inv }) => k.mul(k.sub(l, Y), c(inv)),
    gValue: (l) => tf.mul(tf.mean(tf.square(tf.sub(l, 1))), 0.5) as Scalar,
    gGrad: (l) => k.mul(k.sub(l, c(1)), c(1 / l.size)),
    // D targets 0 and 1 directly: its output is shown clipped, not squashed.
    probability: (l) => tf.clipByValue(l, 0, 1),
  }),
} satisfies LossEntry;
