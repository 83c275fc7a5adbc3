// The last recorded losses. The hand-written path keeps the step's logits and scores them only when read:
// most steps are never read, so computing the value there would be wasted ops.
import * as tf from '@tensorflow/tfjs-core';
import type { LossKit } from '../losses/kit';

export interface LossValues {
  dLoss: number;
  gLoss: number;
}

export class LossRecord {
  private d: tf.Tensor | null = null;
  private g: tf.Tensor | null = null;
  private pendingD = false;
  private pendingG = false;
  /** The values last read (NaN: unknown). */
  values: LossValues = { dLoss: NaN, gLoss: NaN };
  /** A network was updated since `values` were read: a loss not recorded since then no longer describes the run. */
  private changed = false;
  /** Which losses the last `toRead` recorded or measured (rather than reused): only those can reveal a divergence. */
  fresh = { d: false, g: false };

  /** Keeps D's and/or G's newest loss: a scalar, or (`logits`) the logits to score when first read. */
  keep(d: tf.Tensor | null, g: tf.Tensor | null, logits: boolean): void {
    if (d) {
      this.d?.dispose();
      this.d = tf.keep(d);
      this.pendingD = logits;
    }
    if (g) {
      this.g?.dispose();
      this.g = tf.keep(g);
      this.pendingG = logits;
    }
  }

  /** The values are known (read, or restored): drops what was kept. */
  set(values: LossValues): void {
    this.dispose();
    this.pendingD = this.pendingG = false;
    this.values = values;
    this.changed = false;
  }

  /** A network's parameters changed (each D or G step calls it). */
  updated(): void {
    this.changed = true;
  }

  /** Scores kept logits with `kit` (the loss they were recorded under). */
  materialize(kit: LossKit): void {
    if (this.pendingD && this.d) {
      const L = this.d;
      this.d = tf.keep(tf.tidy(() => kit.dValue(L)));
      L.dispose();
    }
    if (this.pendingG && this.g) {
      const L = this.g;
      this.g = tf.keep(tf.tidy(() => kit.gValue(L)));
      L.dispose();
    }
    this.pendingD = this.pendingG = false;
  }

  /**
   * D's and G's loss as [1]-tensors for a device read (call inside a tidy, after `materialize`). A loss not
   * recorded since the last read is measured with `evaluate` (a fixed batch) when it is unknown or a network has
   * changed since (with gSteps=0 G's loss moves with D: the last read's value would be stale); otherwise the last
   * read's value still holds.
   */
  toRead(evaluate: () => [tf.Scalar, tf.Scalar]): [tf.Tensor, tf.Tensor] {
    const v = this.values;
    const evalD = !this.d && (this.changed || !Number.isFinite(v.dLoss));
    const evalG = !this.g && (this.changed || !Number.isFinite(v.gLoss));
    const evalL = evalD || evalG ? evaluate() : null;
    this.fresh = { d: this.d !== null || evalD, g: this.g !== null || evalG };
    const d = this.d ? tf.reshape(this.d, [1]) : evalD ? tf.reshape(evalL![0], [1]) : tf.tensor1d([v.dLoss]);
    const g = this.g ? tf.reshape(this.g, [1]) : evalG ? tf.reshape(evalL![1], [1]) : tf.tensor1d([v.gLoss]);
    return [d, g];
  }

  /** The newest values, read from the device if kept there (for snapshots). */
  async current(kit: LossKit): Promise<LossValues> {
    const known = this.values;
    this.materialize(kit);
    if (!this.d && !this.g) return known;
    const [d, g] = await Promise.all([this.d?.data(), this.g?.data()]);
    return { dLoss: d ? d[0] : this.values.dLoss, gLoss: g ? g[0] : this.values.gLoss };
  }

  dispose(): void {
    this.d?.dispose();
    this.g?.dispose();
    this.d = this.g = null;
  }
}
