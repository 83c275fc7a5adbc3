// What each metric in `Metrics` means, how many decimals it shows by default, and whether it needs a mixture.
// Typed against `Metrics`: a new metric field without a definition here does not compile.
import type { Localized } from '../locale';
import type { Metrics } from '../types';

/** Fields of `Metrics` that record how a measurement was taken, not what it found. */
type MeasurementContext = 'bins' | 'samples' | 'modesTotal';
export type MetricName = Exclude<keyof Metrics, MeasurementContext>;

export interface MetricDef {
  /** `label`: a short name; `summary`: what it measures, in one line (the docs' metrics table). */
  text: Localized<{ label: string; summary: string }>;
  /** Decimals shown when a lesson does not say. */
  digits: number;
  /** Measured only where the distribution is a mixture (absent elsewhere). */
  mixture: boolean;
  /** Measured only where D* = p_data / (p_data + p_g) is D's optimum: a log or least-squares loss, pack 1 (absent elsewhere). */
  optimalD: boolean;
}

type Text = readonly [label: string, summary: string];
const def = (en: Text, zh: Text, digits = 3, mixture = false, optimalD = false): MetricDef => ({
  text: { en: { label: en[0], summary: en[1] }, zh: { label: zh[0], summary: zh[1] } },
  digits,
  mixture,
  optimalD,
});

export const METRIC_CATALOG = {
  iteration: def(
    ['Iteration', "the trainer's iteration"],
    ['迭代', '训练器的迭代次数'], 0),
  dLoss: def(
    ["D's loss", "the discriminator's loss"],
    ['D 的损失', '判别器的损失']),
  gLoss: def(
    ["G's loss", "the generator's loss"],
    ['G 的损失', '生成器的损失']),
  kl: def(
    ['KL', 'grid KL(real ‖ fake), in bits'],
    ['KL', '网格上的 KL（真实 ‖ 假样本），单位为比特']),
  js: def(
    ['JS', 'grid Jensen–Shannon divergence, in bits (at most 1)'],
    ['JS', '网格上的 Jensen–Shannon 散度，单位为比特（最大为 1）']),
  modes: def(
    ['Modes covered', 'modes covered: modes that are the nearest mode of at least one high-quality sample'],
    ['覆盖的模式', '覆盖的模式数：至少是一个高质量样本最近模式的那些模式'], 0, true),
  highQuality: def(
    ['High quality', 'share of samples within 3 standard deviations of their nearest mode, from 0 to 1'],
    ['高质量', '与最近模式的距离在 3 个标准差以内的样本比例，从 0 到 1'], 3, true),
  reverseKL: def(
    ['Reverse KL', 'KL(mode histogram of high-quality samples ‖ uniform): 0 = even, ln 8 = one mode of ring8'],
    ['反向 KL', 'KL（高质量样本的模式直方图 ‖ 均匀分布）：0 表示均匀，ln 8 表示 ring8 只剩一个模式'], 3, true),
  outside: def(
    ['Outside', 'share of fakes that fall outside the view, from 0 to 1'],
    ['视图外', '落在视图之外的假样本比例，从 0 到 1']),
  fakeMeanX: def(
    ["Fakes' centre x", 'x of the centre of the 2,500 fakes, in data units: where the clump is (for claims that it moved)'],
    ['假样本中心 x', '2,500 个假样本中心的 x 坐标，以数据单位计：那一团在哪里（用于「它移动了」之类的断言）']),
  fakeMeanY: def(
    ["Fakes' centre y", 'y of the centre of the 2,500 fakes, in data units'],
    ['假样本中心 y', '2,500 个假样本中心的 y 坐标，以数据单位计']),
  fakeSpread: def(
    ["Fakes' spread", "the fakes' root-mean-square distance from their centre, in data units: small for one tight clump"],
    ['假样本散布', '假样本到其中心的均方根距离，以数据单位计：聚成紧紧一团时很小']),
  jsFloor: def(
    ['JS floor', 'JS between two independent real samples of 2,500: what a perfect generator would read'],
    ['JS 下限', '两组独立的 2,500 个真实样本之间的 JS：完美的生成器会读到的值']),
  fakesOffData: def(
    ['Fakes off the data', 'share of fakes off the picture or in a grid cell that holds none of the 2,500 real points, from 0 to 1'],
    ['偏离数据的假样本', '落在图外，或落在不含任何一个（共 2,500 个）真实点的网格单元里的假样本比例，从 0 到 1']),
  dGridMean: def(
    ["D's mean", "D's mean output (as a probability of real) over the heatmap's 30 × 30 cells"],
    ['D 的平均输出', 'D 在热图 30 × 30 个单元上的平均输出（作为「是真的」的概率）']),
  dGridDev: def(
    ["D's certainty", "mean |D − 0.5| over the heatmap's cells: 0 = a shrug everywhere, 0.5 = sure everywhere"],
    ['D 的把握', '热图各单元上 |D − 0.5| 的平均：0 表示处处拿不准，0.5 表示处处很确定']),
  dRealMean: def(
    ['D on reals', "D's mean output (as a probability of real) on the 2,500 real points"],
    ['D 对真实样本', 'D 在 2,500 个真实点上的平均输出（作为「是真的」的概率）']),
  dFakeMean: def(
    ['D on fakes', "D's mean output (as a probability of real) on the 2,500 fakes"],
    ['D 对假样本', 'D 在 2,500 个假样本上的平均输出（作为「是真的」的概率）']),
  dStarGap: def(
    ['Gap to D*', "mean |D − D*| over the heatmap's cells, weighted by their share of real and fake points; D* = p_data/(p_data + p_g), p_g from 20,000 fakes; 0 = optimal (log and least-squares losses, pack 1 only)"],
    ['与 D* 的差距', '热图各单元上 |D − D*| 的平均，按各单元真实点和假样本的占比加权；D* = p_data/(p_data + p_g)，p_g 由 20,000 个假样本估计；0 表示最优（仅限对数损失和最小二乘损失，且 pack 为 1）'], 3, false, true),
  gGradNorm: def(
    ["G's gradient", "mean length of G's loss gradient at each fake, per fake (not divided by the batch size): how hard the fakes are pushed"],
    ['G 的梯度', 'G 的损失在每个假样本处梯度的平均长度（按单个假样本计，不除以批大小）：假样本被推得有多猛']),
  gLogitGrad: def(
    ["G's logit gradient", "mean derivative of G's loss per fake with respect to D's logit: −D(G(z)) for minimax, D(G(z)) − 1 for non-saturating"],
    ['G 的 logit 梯度', 'G 的损失对 D 的 logit 的导数，按每个假样本平均：极小极大损失为 −D(G(z))，非饱和损失为 D(G(z)) − 1']),
  gDeadUnits: def(
    ["G's dead units", "share of G's hidden units that output 0 for every one of the measurement's 2,500 noise draws (dead ReLUs), from 0 to 1"],
    ['G 的死单元', '对测量用的全部 2,500 个噪声输出都为 0 的 G 隐藏单元比例（死掉的 ReLU），从 0 到 1']),
  dDeadUnits: def(
    ["D's dead units", "share of D's hidden units that output 0 for every one of the measurement's 2,500 real points and 2,500 fakes (dead ReLUs), from 0 to 1"],
    ['D 的死单元', '对测量用的全部 2,500 个真实点和 2,500 个假样本输出都为 0 的 D 隐藏单元比例（死掉的 ReLU），从 0 到 1']),
} satisfies Record<MetricName, MetricDef>;

/** Every metric, in the catalog's order. */
export const METRIC_NAMES = Object.keys(METRIC_CATALOG) as [MetricName, ...MetricName[]];
/** The metrics measured only on mixtures. */
export const MIXTURE_METRIC_NAMES: readonly MetricName[] = METRIC_NAMES.filter((m) => METRIC_CATALOG[m].mixture);
/** The metrics measured only where D has the optimum D* (see `optimalD`). */
export const OPTIMAL_D_METRIC_NAMES: readonly MetricName[] = METRIC_NAMES.filter((m) => METRIC_CATALOG[m].optimalD);
