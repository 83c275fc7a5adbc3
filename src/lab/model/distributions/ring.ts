import { UNIT, type DistributionEntry } from './entry';

export const ring = {
  text: { en: { label: 'Ring', summary: 'a continuous elliptical ring (GAN Lab)' }, zh: { label: '圆环', summary: '一个连续的椭圆环（GAN Lab）' } },
  sampler: () => ({
    bounds: UNIT,
    sample(rng, out) {
      for (let i = 0; i < out.length; i += 2) {
        const t = rng.uniform();
        out[i] = 0.5 + 0.3 * Math.cos(2 * Math.PI * t) + 0.025 * rng.normal();
        out[i + 1] = 0.45 + 0.25 * Math.sin(2 * Math.PI * t) + 0.025 * rng.normal();
      }
    },
  }),
} satisfies DistributionEntry;
