import { mixture, type DistributionEntry, type Mode } from './entry';

export function grid25Modes(): Mode[] {
  const out: Mode[] = [];
  for (const x of [-4, -2, 0, 2, 4]) for (const y of [-4, -2, 0, 2, 4]) out.push({ x, y, sx: 0.05, sy: 0.05 });
  return out;
}

export const grid25 = {
  text: { en: { label: 'Grid of 25 modes', summary: 'a 5 × 5 grid of tight Gaussians, 2 apart (the benchmark of VEEGAN and PacGAN)' }, zh: { label: '25 个模式的网格', summary: '5 × 5 个紧凑的高斯分布排成网格，间距为 2（VEEGAN 和 PacGAN 的基准）' } },
  ...mixture(grid25Modes(), { xMin: -5.5, xMax: 5.5, yMin: -5.5, yMax: 5.5 }),
} satisfies DistributionEntry;
