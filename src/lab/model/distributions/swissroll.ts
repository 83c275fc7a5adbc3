import type { DistributionEntry } from './entry';

export const swissroll = {
  text: { en: { label: 'Swiss roll', summary: "a spiral: sklearn's swiss roll seen from above, scaled down (WGAN-GP's toy set)" }, zh: { label: '瑞士卷', summary: '一条螺旋：从上方看 sklearn 的瑞士卷，按比例缩小（WGAN-GP 的玩具数据集）' } },
  sampler: () => ({
    bounds: { xMin: -2.2, xMax: 2.2, yMin: -2.2, yMax: 2.2 },
    sample(rng, out) {
      // sklearn's make_swiss_roll (x and z columns), noise 0.25, scaled by 1/7.5 (WGAN-GP's toy set).
      for (let i = 0; i < out.length; i += 2) {
        const t = 1.5 * Math.PI * (1 + 2 * rng.uniform());
        out[i] = (t * Math.cos(t) + 0.25 * rng.normal()) / 7.5;
        out[i + 1] = (t * Math.sin(t) + 0.25 * rng.normal()) / 7.5;
      }
    },
  }),
} satisfies DistributionEntry;
