// How much training one play-loop chunk holds, from the measured time of the chunks before: about CHUNK_MS of work,
// so Pause and edits (which wait for the chunk in flight) act within a frame or two whatever the config. Up to the
// lab's speed in whole iterations; when one iteration alone is over the budget, single D and G updates.
import type { GanConfig } from './model/config';

/** The work one chunk should hold, ms. */
export const CHUNK_MS = 40;

export type Chunk = { iterations: number } | { steps: number };

/** What makes an update cost what it does; a change starts the measuring over. */
export function costKey(c: GanConfig): string {
  const { generator: g, discriminator: d } = c;
  return [g.layers, g.neurons, d.layers, d.neurons, c.batchSize, c.dSteps, c.gSteps, c.minibatchStd, c.pack, c.gradientPenalty, c.loss, c.noise.dim].join('|');
}

/** Rough arithmetic of one iteration (forward and backward through both networks, real and fake batches). */
export function roughFlops(c: GanConfig): number {
  const params = (n: GanConfig['generator'], inputs: number, outputs: number) => inputs * n.neurons + (n.layers - 1) * n.neurons * n.neurons + n.neurons * outputs;
  const g = params(c.generator, c.noise.dim, 2), d = params(c.discriminator, 2 * c.pack + (c.minibatchStd ? 1 : 0), 1);
  const autodiff = c.minibatchStd || c.gradientPenalty > 0 ? 3 : 1;
  return 6 * c.batchSize * (g + d) * (c.dSteps + c.gSteps) * autodiff;
}

/** Above this many flops an iteration is likely slow (the standard network is about 1 million; 6x128 layers, batch 1024, 10+10 steps and minibatch std about 60 billion). */
const HEAVY_FLOPS = 100e6;

export const isHeavy = (c: GanConfig) => roughFlops(c) > HEAVY_FLOPS;

export class ChunkSizer {
  /** Time of one D or G update, ms (a running mean); null until measured. */
  private msPerStep: number | null = null;
  private key = '';

  /** Forget what was measured when the config's cost changed. */
  follow(c: GanConfig): void {
    const k = costKey(c);
    if (k === this.key) return;
    this.key = k;
    this.msPerStep = null;
  }

  /** Records that `steps` updates took `ms`. */
  observe(ms: number, steps: number): void {
    if (!(steps > 0) || !(ms >= 0)) return;
    const v = ms / steps;
    this.msPerStep = this.msPerStep === null ? v : 0.5 * this.msPerStep + 0.5 * v;
  }

  /** One iteration's measured time, ms; null until measured. */
  msPerIteration(c: GanConfig): number | null {
    return this.msPerStep === null ? null : this.msPerStep * (c.dSteps + c.gSteps);
  }

  /** The next chunk: as much as fits CHUNK_MS; before any measurement, a whole tick's worth, or one update for a heavy config. */
  next(c: GanConfig, speed: number): Chunk {
    const perIt = this.msPerIteration(c);
    if (perIt === null) return isHeavy(c) ? { steps: 1 } : { iterations: speed };
    if (perIt <= CHUNK_MS) return { iterations: Math.max(1, Math.min(speed, Math.floor(CHUNK_MS / perIt))) };
    return { steps: Math.max(1, Math.floor(CHUNK_MS / this.msPerStep!)) };
  }
}
