// Real samples: a fresh batch from the data distribution, in green.
import { rgba } from '../palette';
import { drawPoints } from '../plot';
import { defineLayer } from './layer';

export const real = defineLayer({
  name: 'real',
  key: '3',
  label: { en: 'Real samples', zh: '真实样本' },
  description: { en: 'samples from the real distribution', zh: '从真实分布中抽取的样本' },
  box: 'real',
  colour: 'real',
  swatch: { shape: 'dot' },
  depth: 2,
  draw: ({ ctx, frame, t, colours, pointRadius }) => drawPoints(ctx, frame.real, t, rgba(colours.real, 0.55), pointRadius),
});
