// What one distribution of real data is: how it draws points, its view window, its modes when it is a mixture
// (the mode metrics need them), and its text. Definitions follow REFERENCE.md (GAN Lab's four; PacGAN's and
// WGAN-GP's benchmarks).
import type { Localized } from '../locale';
import type { Rng } from '../random';
import type { Bounds } from '../types';

export interface Mode {
  x: number;
  y: number;
  sx: number;
  sy: number;
}

/** The config's points (only the `points` distribution reads them). */
export type Points = readonly (readonly [number, number])[];

/** A distribution made ready to draw from. */
export interface Sampler {
  bounds: Bounds;
  /** Writes n points, interleaved x,y, into out (length 2n). */
  sample(rng: Rng, out: Float32Array): void;
}

export interface DistributionEntry {
  /** `label`: the picker's name; `summary`: one line on the shape. */
  text: Localized<{ label: string; summary: string }>;
  /** Mixture components, equally weighted. Present exactly when the distribution is a mixture. */
  modes?: readonly Mode[];
  sampler(points: Points): Sampler;
}

export const UNIT: Bounds = { xMin: 0, xMax: 1, yMin: 0, yMax: 1 };

/** An equally weighted mixture of axis-aligned Gaussians: draw a mode, then a point around it. */
export function mixture(modes: readonly Mode[], bounds: Bounds): Pick<DistributionEntry, 'modes' | 'sampler'> {
  return {
    modes,
    sampler: () => ({
      bounds,
      sample(rng, out) {
        for (let i = 0; i < out.length; i += 2) {
          const m = modes[rng.int(modes.length)];
          out[i] = m.x + m.sx * rng.normal();
          out[i + 1] = m.y + m.sy * rng.normal();
        }
      },
    }),
  };
}
