// Fake samples: the generator's output for a fixed noise batch, in purple.
import { rgba } from '../palette';
import { drawPoints } from '../plot';
import { defineLayer } from './layer';

export const fake = defineLayer({
  name: 'fake',
  key: '4',
  label: { en: 'Fake samples', zh: '假样本' },
  description: { en: "the generator's samples for a fixed noise batch", zh: '生成器对一批固定噪声生成的样本' },
  box: 'fake',
  colour: 'fake',
  swatch: { shape: 'dot' },
  depth: 3,
  draw: ({ ctx, frame, t, colours, pointRadius }) => drawPoints(ctx, frame.fake, t, rgba(colours.fake, 0.85), pointRadius),
});
