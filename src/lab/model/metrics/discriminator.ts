// Measures of the discriminator's output: its heatmap's mean and distance from a shrug, and its distance from the
// optimal discriminator D* = p_data / (p_data + p_g) (Goodfellow et al. 2014, Proposition 1).

/** Mean of D over the heatmap's cells, and mean |D - 0.5| (0: a shrug everywhere; 0.5: sure everywhere). */
export function gridStats(values: ArrayLike<number>): { dGridMean: number; dGridDev: number } {
  let sum = 0, dev = 0;
  for (let i = 0; i < values.length; i++) {
    sum += values[i];
    dev += Math.abs(values[i] - 0.5);
  }
  return { dGridMean: sum / values.length, dGridDev: dev / values.length };
}

/**
 * D* in each of the first `cells` cells from the cells' shares of the real data (p) and of the fakes (q):
 * p / (p + q). NaN where neither reaches: both shares below `minMass` (a mixture's exact share is never 0, but
 * below the fakes' resolution, one fake in a sample, a share is no evidence either way).
 */
export function optimalD(p: ArrayLike<number>, q: ArrayLike<number>, cells: number, minMass = 0): Float32Array {
  const out = new Float32Array(cells);
  for (let i = 0; i < cells; i++) out[i] = p[i] + q[i] > 0 && (p[i] >= minMass || q[i] >= minMass) ? p[i] / (p[i] + q[i]) : NaN;
  return out;
}

/**
 * D's distance from D* over the cells: sum w |D - D*| / sum w, with w = (p + q) / 2, the cell's share of the
 * points D is trained on; cells where both shares are 0 are skipped. 0 when D = D*; 1 when D is the opposite of
 * a D* of 0s and 1s.
 */
export function dStarGap(d: ArrayLike<number>, p: ArrayLike<number>, q: ArrayLike<number>, cells: number): number {
  let num = 0, den = 0;
  for (let i = 0; i < cells; i++) {
    const w = (p[i] + q[i]) / 2;
    if (w <= 0) continue;
    num += w * Math.abs(d[i] - p[i] / (p[i] + q[i]));
    den += w;
  }
  return den > 0 ? num / den : NaN;
}
