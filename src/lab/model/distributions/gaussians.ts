import { mixture, UNIT, type DistributionEntry } from './entry';

export const gaussians = {
  text: { en: { label: 'Two Gaussians', summary: 'two Gaussian blobs, one round and one tall (GAN Lab)' }, zh: { label: '两个高斯分布', summary: '两团高斯分布的点，一团圆、一团瘦高（GAN Lab）' } },
  ...mixture(
    [
      { x: 0.3, y: 0.7, sx: 0.1, sy: 0.1 },
      { x: 0.7, y: 0.4, sx: 0.05, sy: 0.2 },
    ],
    UNIT,
  ),
} satisfies DistributionEntry;
