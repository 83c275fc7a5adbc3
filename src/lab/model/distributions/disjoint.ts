import { mixture, UNIT, type DistributionEntry } from './entry';

export const disjoint = {
  text: { en: { label: 'Three clusters', summary: 'three small, well-separated clusters (GAN Lab)' }, zh: { label: '三个分离的簇', summary: '三个彼此分开的小簇（GAN Lab）' } },
  ...mixture(
    [
      { x: 0.35, y: 0.75, sx: 0.025, sy: 0.025 },
      { x: 0.75, y: 0.6, sx: 0.025, sy: 0.025 },
      { x: 0.45, y: 0.35, sx: 0.025, sy: 0.025 },
    ],
    UNIT,
  ),
} satisfies DistributionEntry;
