// The fixed inputs of every frame: real points, a noise batch for the shown fakes, the noise lattice the
// manifold is drawn from, and the heatmap's grid. Drawn from their own streams, never from the training Rng.
import * as tf from '@tensorflow/tfjs-core';
import type { GanConfig } from '../config';
import { samplePoints, type DataSource } from '../distributions';
import { noiseLattice, sampleNoise } from '../noise';
import { derivedRng } from '../random';

/** How many real points and fixed fakes a frame shows (GAN Lab shows 450 and 150). */
export const VIEW_REAL = 450;
export const VIEW_FAKE = 300;
export const MANIFOLD_CELLS = 20;
export const HEATMAP_RES = 30;
/** Fakes whose histogram stands for p_g in the metric dStarGap: fewer make D* noisy (its floor for a perfect G rises). */
export const OPTIMAL_FAKES = 20_000;
/** The first this many of them make the frame's D* (every frame reads them: a quarter of the cost, twice the noise). */
export const FRAME_OPTIMAL_FAKES = 5_000;

/** Streams of derivedRng: view and metric draws never touch the training Rng. */
export const STREAM = { viewReal: 1, viewNoise: 2, metricNoise: 3, metricReal: 4, eval: 5, metricRealFloor: 6, optimalNoise: 7 } as const;

export class ViewInputs {
  real!: Float32Array;
  noise: tf.Tensor2D | null = null;
  lattice!: ReturnType<typeof noiseLattice>;
  latticeTensor: tf.Tensor2D | null = null;
  /** OPTIMAL_FAKES noise draws for D*'s fakes, fixed per seed like the frame's. */
  optimalNoise: tf.Tensor2D | null = null;
  /** Cell centres of the heatmap over the data's bounds, row-major from yMin. */
  heatGrid: tf.Tensor2D | null = null;

  setData(src: DataSource, seed: number): void {
    this.real = samplePoints(src, derivedRng(seed, STREAM.viewReal), VIEW_REAL);
    this.heatGrid?.dispose();
    const b = src.bounds, res = HEATMAP_RES, grid = new Float32Array(res * res * 2);
    for (let r = 0; r < res; r++)
      for (let c = 0; c < res; c++) {
        grid[2 * (r * res + c)] = b.xMin + ((c + 0.5) / res) * (b.xMax - b.xMin);
        grid[2 * (r * res + c) + 1] = b.yMin + ((r + 0.5) / res) * (b.yMax - b.yMin);
      }
    this.heatGrid = tf.keep(tf.tensor2d(grid, [res * res, 2]));
  }

  setNoise(noise: GanConfig['noise'], seed: number): void {
    this.noise?.dispose();
    this.latticeTensor?.dispose();
    this.optimalNoise?.dispose();
    this.noise = tf.keep(tf.tensor2d(sampleNoise(noise, derivedRng(seed, STREAM.viewNoise), VIEW_FAKE), [VIEW_FAKE, noise.dim]));
    this.optimalNoise = tf.keep(tf.tensor2d(sampleNoise(noise, derivedRng(seed, STREAM.optimalNoise), OPTIMAL_FAKES), [OPTIMAL_FAKES, noise.dim]));
    this.lattice = noiseLattice(noise, MANIFOLD_CELLS);
    const rows = this.lattice.points.length / noise.dim;
    this.latticeTensor = tf.keep(tf.tensor2d(this.lattice.points, [rows, noise.dim]));
  }

  dispose(): void {
    for (const t of [this.noise, this.latticeTensor, this.heatGrid, this.optimalNoise]) t?.dispose();
    this.noise = this.latticeTensor = this.heatGrid = this.optimalNoise = null;
  }
}
