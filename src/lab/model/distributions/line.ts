import { UNIT, type DistributionEntry } from './entry';

export const line = {
  text: { en: { label: 'Line', summary: 'points along a short diagonal segment, with a little noise (GAN Lab)' }, zh: { label: '直线', summary: '沿一小段斜线分布的点，带一点噪声（GAN Lab）' } },
  sampler: () => ({
    bounds: UNIT,
    sample(rng, out) {
      for (let i = 0; i < out.length; i += 2) {
        const t = rng.uniform();
        out[i] = 0.8 - 0.75 * t + 0.01 * rng.normal();
        out[i + 1] = 0.6 + 0.3 * t + 0.01 * rng.normal();
      }
    },
  }),
} satisfies DistributionEntry;
