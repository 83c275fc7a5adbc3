// The generator's morph (GAN Lab's hover animation on its generator box): the noise lattice, laid out as an even
// grid over the view, moves cell by cell into where G carries it, the manifold. Pure geometry here (a frame whose
// manifold is the lattice part-way); GeneratorMorph runs the clock and stops the moment it is interrupted.
import type { GanConfig } from '../model/config';
import { noiseLattice } from '../model/noise';
import type { Bounds, TrainerFrame } from '../model/types';

/** How long the morph plays (GAN Lab's transition takes 2 s). */
export const MORPH_MS = 1800;

/**
 * The noise lattice as points in the view: noise space's lattice (its first two coordinates; 1-D noise along a
 * horizontal line) stretched over the middle 80% of `bounds`, interleaved x,y like the manifold's points.
 */
export function noiseGridPoints(noise: GanConfig['noise'], cells: number, dim: 1 | 2, b: Bounds): Float32Array {
  const lat = noiseLattice(noise, cells);
  const stride = dim === 1 ? 1 : noise.dim;
  const count = lat.points.length / stride;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of lat.points) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const span = hi - lo || 1;
  const sx = (v: number) => b.xMin + (b.xMax - b.xMin) * (0.1 + (0.8 * (v - lo)) / span);
  const sy = (v: number) => b.yMin + (b.yMax - b.yMin) * (0.1 + (0.8 * (v - lo)) / span);
  const out = new Float32Array(count * 2);
  for (let k = 0; k < count; k++) {
    out[2 * k] = sx(lat.points[k * stride]);
    out[2 * k + 1] = dim === 1 ? (b.yMin + b.yMax) / 2 : sy(lat.points[k * stride + 1]);
  }
  return out;
}

/** Ease in and out, so the grid sets off and arrives gently. */
export const ease = (t: number) => (t <= 0 ? 0 : t >= 1 ? 1 : t * t * (3 - 2 * t));

/**
 * The frame with its manifold `t` of the way from the noise grid (t = 0) to G's manifold (t = 1): every lattice
 * point moves on a straight line, and the cells' shading goes from even (noise space has the same mass in every
 * cell) to the manifold's density.
 */
export function morphFrame(frame: TrainerFrame, grid: Float32Array, t: number): TrainerFrame {
  const m = frame.manifold;
  if (grid.length !== m.points.length) return frame;
  const e = ease(t);
  const points = new Float32Array(m.points.length);
  for (let i = 0; i < points.length; i++) {
    const to = Number.isFinite(m.points[i]) ? m.points[i] : grid[i];
    points[i] = grid[i] + (to - grid[i]) * e;
  }
  let mean = 0;
  for (const v of m.density) mean += Number.isFinite(v) ? v : 0;
  mean /= m.density.length || 1;
  const density = new Float32Array(m.density.length);
  for (let i = 0; i < density.length; i++) density[i] = mean + ((Number.isFinite(m.density[i]) ? m.density[i] : mean) - mean) * e;
  return { ...frame, manifold: { ...m, points, density } };
}

export type MorphPhase = 'playing' | 'static' | 'done';

export interface MorphClock {
  frame(cb: (now: number) => void): unknown;
  cancel(id: unknown): void;
  now(): number;
}

/**
 * Plays the morph: `show(t)` with t from 0 to 1 over MORPH_MS, then `show(null)` once stopped. Under reduced
 * motion it does not animate: `show('static')` holds a still before/after (the grid drawn over the manifold) for
 * as long as the reader points at the box.
 */
export class GeneratorMorph {
  private id: unknown = null;
  private t0 = 0;
  phase: MorphPhase | null = null;

  constructor(
    private clock: MorphClock,
    private show: (t: number | 'static' | null, phase: MorphPhase | null) => void,
    private reduced: () => boolean,
  ) {}

  start() {
    this.cancelFrame();
    if (this.reduced()) {
      this.phase = 'static';
      this.show('static', this.phase);
      return;
    }
    this.phase = 'playing';
    this.t0 = this.clock.now();
    this.show(0, this.phase);
    this.tick();
  }

  /** Interrupts wherever it is: the view shows the live manifold again. */
  stop() {
    this.cancelFrame();
    if (this.phase === null) return;
    this.phase = null;
    this.show(null, null);
  }

  private tick() {
    this.id = this.clock.frame((now) => {
      this.id = null;
      const t = Math.min(1, (now - this.t0) / MORPH_MS);
      if (t >= 1) {
        this.phase = 'done';
        this.show(1, this.phase);
        return;
      }
      this.show(t, this.phase);
      this.tick();
    });
  }

  private cancelFrame() {
    if (this.id !== null) this.clock.cancel(this.id);
    this.id = null;
  }
}
