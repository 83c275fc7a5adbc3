import type { Scalar } from '@tensorflow/tfjs-core';
import type { LossEntry } from './entry';

// Arjovsky et al. 2017 (WGAN): an unsquashed critic score. Its loss is linear in the logits, so both gradients
// are constants, made once per batch size. Unbounded without a gradient penalty (or weight clipping).
export const wasserstein = {
  text: {
    en: {
      label: 'Wasserstein (critic)',
      d: "The critic's loss is D(G(z)) − D(x): it wants a high score for reals and a low one for fakes, with no squashing.",
      g: "G's loss is −D(G(z)): it wants the critic to score its fakes as high as it can.",
    },
    zh: {
      label: 'Wasserstein（评论家）',
      d: '评论家（critic）的损失是 D(G(z)) − D(x)：它希望真实样本得分高、假样本得分低，而且分数不经过压缩。',
      g: 'G 的损失是 −D(G(z))：它希望评论家给自己的假样本打尽可能高的分。',
    },
  },
  summary: "WGAN: a critic's unsquashed score, mean over fakes minus mean over reals; needs a gradient penalty to stay bounded",
  divergenceHint: (c) =>
    c.gradientPenalty === 0
      ? {
          en: 'the Wasserstein loss is unbounded without a gradient penalty: set gradientPenalty (e.g. 0.1 to 10)',
          zh: 'Wasserstein 损失在没有梯度惩罚时没有下界：请设置 gradientPenalty（例如 0.1 到 10）',
        }
      : undefined,
  math: ({ tf }) => ({
    keep: ({ n, inv, S }) => ({ dGrad: tf.mul(S, -inv), gGrad: tf.fill([n, 1], -inv) }),
    dValue: (l, { S, inv }) => tf.mul(tf.sum(tf.mul(S, l)), -inv) as Scalar,
    dGrad: (_l, { kept }) => kept.dGrad,
    gValue: (l) => tf.neg(tf.mean(l)) as Scalar,
    gGrad: (l, { n, kept }) => (l.size === n ? kept.gGrad : tf.fill([l.size, 1], -1 / l.size)),
    probability: (l) => tf.sigmoid(l),
  }),
} satisfies LossEntry;
