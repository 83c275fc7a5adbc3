// Real samples: a fresh batch from the data distribution, in green. The batch is fixed for a run, so the layer is
// drawn once and copied after that (layer-cache.ts) until the points, the scale or the colour change.
import { drawCached } from '../layer-cache';
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
  draw: ({ ctx, frame, t, colours, pointRadius }) => {
    const colour = rgba(colours.real, 0.55);
    // the scale: where two data points land fixes it (a transform is linear in each axis)
    const scale = [t.x(0), t.x(1), t.y(0), t.y(1), t.plot.left, t.plot.top, t.plot.width, t.plot.height].join();
    drawCached(ctx, 'real', frame.real, `${scale}|${colour}|${pointRadius}`, (c) => drawPoints(c, frame.real, t, colour, pointRadius));
  },
});
