import type { Scalar } from '@tensorflow/tfjs-core';
import type { LossEntry } from './entry';

// Goodfellow et al. 2014's practical variant: D's log loss, and G maximises log D(G(z)) instead of minimising
// log(1 - D(G(z))), which keeps G's gradient strong while D rejects its fakes.
export const nonsaturating = {
  text: {
    en: {
      label: 'Non-saturating log loss',
      d: "D's loss is the log loss −[log D(x) + log(1 − D(G(z)))]: small when reals score near 1 and fakes near 0.",
      g: "G's non-saturating loss is −log D(G(z)): large when D spots the fakes, so G gets a strong signal early on.",
    },
    zh: {
      label: '非饱和对数损失',
      d: 'D 的损失是对数损失 −[log D(x) + log(1 − D(G(z)))]：真实样本得分接近 1、假样本接近 0 时，损失就小。',
      g: 'G 的非饱和损失是 −log D(G(z))：D 一眼识破假样本时它很大，所以 G 在训练初期就能得到强烈的信号。',
    },
  },
  summary: "D's log loss; G minimises −log D(G(z)), which keeps its gradient strong while D rejects the fakes",
  optimalD: true,
  math: ({ tf, k, c }) => ({
    // softplus(-l) on real rows, softplus(l) on fake rows
    dValue: (l, { Y, inv }) => tf.mul(tf.sum(tf.sub(tf.softplus(l), tf.mul(Y, l))), inv) as Scalar,
    dGrad: (l, { Y, inv }) => k.mul(k.sub(k.sigmoid(l), Y), c(inv)),
    gValue: (l) => tf.mean(tf.softplus(tf.neg(l))) as Scalar, // -log D(G(z)) = softplus(-l)
    gGrad: (l) => k.mul(k.sub(k.sigmoid(l), c(1)), c(1 / l.size)),
    probability: (l) => tf.sigmoid(l),
  }),
} satisfies LossEntry;
