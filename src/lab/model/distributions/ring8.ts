import { mixture, type DistributionEntry, type Mode } from './entry';

export function ring8Modes(): Mode[] {
  // Eight distinct angles 2*pi*i/8 (one public notebook repeats the first angle and gets seven modes).
  return Array.from({ length: 8 }, (_, i) => ({
    x: Math.cos((2 * Math.PI * i) / 8),
    y: Math.sin((2 * Math.PI * i) / 8),
    sx: 0.01,
    sy: 0.01,
  }));
}

export const ring8 = {
  text: { en: { label: 'Ring of 8 modes', summary: 'eight tight Gaussians on the unit circle (the mode-collapse benchmark of VEEGAN and PacGAN)' }, zh: { label: '8 个模式的圆环', summary: '单位圆上 8 个紧凑的高斯分布（VEEGAN 和 PacGAN 的模式崩溃基准）' } },
  ...mixture(ring8Modes(), { xMin: -1.5, xMax: 1.5, yMin: -1.5, yMax: 1.5 }),
} satisfies DistributionEntry;
