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
  }

  get hasD(): boolean {
    return this.d !== null;
  }

  get hasG(): boolean {
    return this.g !== null;
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
   * D's and G's loss as [1]-tensors for a device read (call inside a tidy, after `materialize`). A loss never
   * recorded is measured with `evaluate` (a fixed batch), so that every state has losses to show.
   */
  toRead(evaluate: () => [tf.Scalar, tf.Scalar]): [tf.Tensor, tf.Tensor] {
    const v = this.values;
    const unknown = (!this.d && !Number.isFinite(v.dLoss)) || (!this.g && !Number.isFinite(v.gLoss));
    const evalL = unknown ? evaluate() : null;
    const d = this.d ? tf.reshape(this.d, [1]) : evalL && !Number.isFinite(v.dLoss) ? tf.reshape(evalL[0], [1]) : tf.tensor1d([v.dLoss]);
    const g = this.g ? tf.reshape(this.g, [1]) : evalL && !Number.isFinite(v.gLoss) ? tf.reshape(evalL[1], [1]) : tf.tensor1d([v.gLoss]);
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
