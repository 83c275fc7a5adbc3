import type { Scalar } from '@tensorflow/tfjs-core';
import type { LossEntry } from './entry';
import { nonsaturating } from './nonsaturating';

// Goodfellow et al. 2014's original game: the same D loss, but G minimises log(1 - D(G(z))), whose gradient
// vanishes when D confidently rejects the fakes (saturation).
export const minimax = {
  text: {
    en: {
      label: 'Minimax log loss',
      d: "D's loss is the log loss −[log D(x) + log(1 − D(G(z)))]: small when reals score near 1 and fakes near 0.",
      g: "G's loss is log(1 − D(G(z))), which it minimises; when D is confident this curve is flat, so G learns slowly.",
    },
    zh: {
      label: '极小极大对数损失',
      d: 'D 的损失是对数损失 −[log D(x) + log(1 − D(G(z)))]：真实样本得分接近 1、假样本接近 0 时，损失就小。',
      g: 'G 最小化的损失是 log(1 − D(G(z)))：D 很有把握时这条曲线几乎是平的，所以 G 学得很慢。',
    },
  },
  summary: "the original minimax game: D's log loss; G minimises log(1 − D(G(z))), which saturates when D rejects the fakes",
  optimalD: true,
  math: (lib) => {
    const { tf, k, c } = lib;
    return {
      ...nonsaturating.math(lib),
      gValue: (l) => tf.neg(tf.mean(tf.softplus(l))) as Scalar, // log(1 - D(G(z))) = -softplus(l)
      gGrad: (l) => k.mul(k.sigmoid(l), c(-1 / l.size)),
    };
  },
} satisfies LossEntry;
