import type { Scalar } from '@tensorflow/tfjs-core';
import type { LossEntry } from './entry';
import { wasserstein } from './wasserstein';

// Lim & Ye 2017 / Miyato et al. 2018: D's hinge loss stops pushing a sample once it is beyond the margin; G's
// loss is the critic's (-mean score), so it shares the Wasserstein entry's G.
export const hinge = {
  text: {
    en: {
      label: 'Hinge',
      d: "D's hinge loss is max(0, 1 − D(x)) + max(0, 1 + D(G(z))): it stops pushing once a sample is beyond the margin.",
      g: "G's loss is −D(G(z)): it pushes its fakes toward higher scores.",
    },
    zh: {
      label: '合页损失（Hinge）',
      d: 'D 的合页损失是 max(0, 1 − D(x)) + max(0, 1 + D(G(z)))：样本一旦越过间隔，就不再推它。',
      g: 'G 的损失是 −D(G(z))：它把假样本推向更高的分数。',
    },
  },
  summary: "D's hinge loss, max(0, 1 − D(x)) + max(0, 1 + D(G(z))); G minimises −D(G(z))",
  math: (lib) => {
    const { tf, c } = lib;
    const w = wasserstein.math(lib);
    return {
      keep: w.keep,
      dValue: (l, { S, inv }) => tf.mul(tf.sum(tf.relu(tf.sub(1, tf.mul(S, l)))), inv) as Scalar,
      dGrad: (l, { S, inv }) => tf.mul(tf.step(tf.sub(c(1), tf.mul(S, l))), tf.mul(S, c(-inv))),
      gValue: w.gValue,
      gGrad: w.gGrad,
      probability: (l) => tf.sigmoid(l),
    };
  },
} satisfies LossEntry;
