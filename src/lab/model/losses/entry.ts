// What one GAN loss is: its math on D's raw outputs ("logits"), in closed form (value and gradient with respect
// to the logits, so the trainer needs no autodiff tape for the common cases), and its text.
//
// D sees a batch whose first n rows are real and last n are fake. G's losses see the fake rows alone.
//
// tfjs comes in as an argument (`LossLib`): this registry is loaded by config.ts, which the lab's page code
// imports, and tfjs must stay out of that bundle (it loads with the trainer, in the worker or on demand).
import type * as TF from '@tensorflow/tfjs-core';
import type * as Kernels from '../kernels';
import type { Localized } from '../locale';

/**
 * The tfjs ops the entries use. Named, not the whole namespace: passing `tf` itself would keep every tfjs op in
 * the trainer's bundles. An entry that needs another op adds it here and in kit.ts.
 */
export type LossOps = Pick<typeof TF, 'clipByValue' | 'fill' | 'mean' | 'mul' | 'neg' | 'relu' | 'sigmoid' | 'softplus' | 'square' | 'step' | 'sub' | 'sum'>;

export interface LossLib {
  tf: LossOps;
  /** Direct kernel calls for the hot path (../kernels.ts). */
  k: typeof Kernels;
  /** A kept, shared scalar (../constants.ts). */
  c: (v: number) => TF.Scalar;
}

/** Kept per batch size by the loss kit. */
export interface LossBatch {
  /** Rows per side (real, fake). */
  n: number;
  inv: number;
  /** [2n, 1]: 1 on real rows, 0 on fake rows. */
  Y: TF.Tensor2D;
  /** [2n, 1]: +1 on real rows, -1 on fake rows. */
  S: TF.Tensor2D;
  /** What the entry's `keep` made for this batch size. */
  kept: Record<string, TF.Tensor>;
}

export interface LossMath {
  /** Tensors made once per batch size and kept (e.g. gradients that do not depend on the logits). */
  keep?(b: Omit<LossBatch, 'kept'>): Record<string, TF.Tensor>;
  /** D's loss over [real; fake] logits ([2n, 1]). */
  dValue(l: TF.Tensor, b: LossBatch): TF.Scalar;
  dGrad(l: TF.Tensor, b: LossBatch): TF.Tensor;
  /** G's loss over fake logits ([rows, 1]; a frame's fixed fakes may be a different count from the batch). */
  gValue(l: TF.Tensor, b: LossBatch): TF.Scalar;
  gGrad(l: TF.Tensor, b: LossBatch): TF.Tensor;
  /** D's output shown as "probability real" (the heatmap). */
  probability(l: TF.Tensor): TF.Tensor;
}

export interface LossEntry {
  /** `label`: a short name; `d`, `g`: one sentence each on D's and G's loss (the slow-motion narration). */
  text: Localized<{ label: string; d: string; g: string }>;
  /** One line for the docs. */
  summary: string;
  /**
   * D's shown output has p_data / (p_data + p_g) as its optimum (the log losses: Goodfellow et al. 2014,
   * Proposition 1; least squares with targets 0 and 1: Mao et al. 2017, Proposition 1). A critic's has none.
   */
  optimalD?: boolean;
  /** The likely cause when a run on this loss diverges, where the loss itself is the suspect. */
  divergenceHint?(c: { gradientPenalty: number }): Localized<string> | undefined;
  math(lib: LossLib): LossMath;
}
