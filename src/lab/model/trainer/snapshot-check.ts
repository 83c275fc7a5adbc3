// The one schema of a snapshot (a save file's, a baked lesson state's, a backend switch's): every field is checked
// before anything is replaced, so a bad file is refused with what is wrong in words and the current run is kept.
import { formatIssue, validateConfig, type GanConfig, type NetworkConfig } from '../config';
import type { Localized } from '../locale';
import { slotCount } from '../optimizers';
import { netLayout } from './nets';

/** Largest iteration (and optimizer step) a snapshot may hold: far past any run, well inside exact integers. */
export const MAX_ITERATION = 1e12;

type Text = Localized<string>;
const both = (en: string, zh: string): Text => ({ en, zh });
const big = (n: number) => n.toLocaleString('en-US');

/** A part of the snapshot, named for people. */
const NET = { generator: both('the generator', '生成器'), discriminator: both('the discriminator', '判别器') };
const PART = {
  iteration: both('the iteration', '迭代次数'),
  step: (n: Text) => both(`${n.en}'s optimizer step`, `${n.zh}的优化器步数`),
  weights: (n: Text) => both(`${n.en}'s weights`, `${n.zh}的权重`),
  state: (n: Text) => both(`${n.en}'s optimizer state`, `${n.zh}的优化器状态`),
  slot: (n: Text, i: number) => both(`${n.en}'s optimizer slot ${i}`, `${n.zh}的优化器槽 ${i}`),
};

/** What a refusal says, in each locale (one place for the text; the model cannot read the lab's tables). */
const SAY = {
  notSnapshot: both(
    'it holds no lab snapshot (expected an object with "version", "config", "iteration", "generator", ...)',
    '其中没有实验快照（应为含 "version"、"config"、"iteration"、"generator" 等字段的对象）',
  ),
  version: (v: Text) => both(`its snapshot version is ${v.en}; this lab reads version 1`, `快照版本是 ${v.zh}；本实验只能读取版本 1`),
  config: (issues: string) => both(`its config is not valid: ${issues}`, `配置无效：${issues}`),
  iteration: (what: Text, v: Text) =>
    both(`${what.en} is ${v.en}; it must be a whole number from 0 to ${big(MAX_ITERATION)}`, `${what.zh}是 ${v.zh}；必须是 0 到 ${big(MAX_ITERATION)} 之间的整数`),
  rng: (v: Text) => both(`the random state is ${v.en}; it must be a list of 4 whole numbers from 0 to 4,294,967,295`, `随机状态是 ${v.zh}；必须是 4 个 0 到 4,294,967,295 之间的整数组成的列表`),
  missing: (what: Text) => both(`${what.en} is missing`, `缺少${what.zh}`),
  count: (what: Text, got: number, want: number) =>
    both(`${what.en} has ${big(got)} numbers; this config's networks need ${big(want)}`, `${what.zh}有 ${big(got)} 个数；这个配置的网络需要 ${big(want)} 个`),
  item: (what: Text, i: number, v: Text) =>
    both(`${what.en}: number ${big(i + 1)} is ${v.en}; every value must be a finite number`, `${what.zh}：第 ${big(i + 1)} 个数是 ${v.zh}；每个值都必须是有限数`),
  slots: (what: Text, got: number, want: number, optimizer: string) =>
    both(`${what.en} has ${got} optimizer slot${got === 1 ? '' : 's'}; ${optimizer} keeps ${want}`, `${what.zh}有 ${got} 个优化器槽；${optimizer} 需要 ${want} 个`),
  history: (i: number, key: string, v: Text) =>
    both(`the metric history's row ${i + 1} has ${key} = ${v.en}; metrics must be numbers (or null where not measured)`, `指标历史第 ${i + 1} 行的 ${key} 是 ${v.zh}；指标必须是数（未测量处为 null）`),
  historyList: both('the metric history is not a list of rows', '指标历史不是由行组成的列表'),
  losses: (key: string, v: Text) => both(`the last ${key} is ${v.en}; it must be a finite number or null`, `最后的 ${key} 是 ${v.zh}；必须是有限数或 null`),
};

/** A refusal: `message` in English (Node, logs), `text` in every locale (the lab shows the page's). */
export class SnapshotError extends Error {
  constructor(readonly text: Text) {
    super(text.en);
    this.name = 'SnapshotError';
  }
}

/** A value as a person reads it in a refusal. */
function shown(v: unknown): Text {
  if (v === null) return both('null', 'null');
  if (v === undefined) return both('missing', '缺失');
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return both('NaN', 'NaN');
    if (!Number.isFinite(v)) return both(`${v} (too large)`, `${v}（太大）`);
    return both(String(v), String(v));
  }
  if (typeof v === 'string') {
    const q = JSON.stringify(v.length > 24 ? `${v.slice(0, 24)}…` : v);
    return both(`the text ${q}`, `文本 ${q}`);
  }
  return Array.isArray(v) ? both(`a list of ${v.length}`, `含 ${v.length} 项的列表`) : both(`a ${typeof v}`, `一个 ${typeof v}`);
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function checkCount(v: unknown, what: Text): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > MAX_ITERATION) throw new SnapshotError(SAY.iteration(what, shown(v)));
  return v;
}

function checkNumbers(v: unknown, total: number, what: Text): void {
  if (!Array.isArray(v)) throw new SnapshotError(v === undefined ? SAY.missing(what) : SAY.item(what, 0, shown(v)));
  if (v.length !== total) throw new SnapshotError(SAY.count(what, v.length, total));
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) throw new SnapshotError(SAY.item(what, i, shown(x)));
  }
}

function checkNet(v: unknown, total: number, net: NetworkConfig, n: Text): void {
  if (!isRecord(v)) throw new SnapshotError(SAY.missing(n));
  checkNumbers(v.params, total, PART.weights(n));
  const want = slotCount(net.optimizer);
  if (!Array.isArray(v.slots)) throw new SnapshotError(SAY.missing(PART.state(n)));
  if (v.slots.length !== want) throw new SnapshotError(SAY.slots(PART.state(n), v.slots.length, want, net.optimizer));
  v.slots.forEach((s, i) => checkNumbers(s, total, PART.slot(n, i + 1)));
  checkCount(v.step, PART.step(n));
}

function checkHistory(v: unknown): void {
  if (v === undefined) return;
  if (!Array.isArray(v)) throw new SnapshotError(SAY.historyList);
  v.forEach((row, i) => {
    if (!isRecord(row)) throw new SnapshotError(SAY.history(i, 'row', shown(row)));
    for (const [k, x] of Object.entries(row)) {
      if (x !== null && (typeof x !== 'number' || !Number.isFinite(x))) throw new SnapshotError(SAY.history(i, k, shown(x)));
    }
  });
}

/**
 * The snapshot's config, once every field is checked: a known version, a valid config, weights and optimizer slots
 * of the lengths that config's networks and optimizers need, all finite; whole-number iteration and steps in range;
 * four 32-bit words of random state; finite metrics. Throws SnapshotError saying what is wrong.
 */
export function checkSnapshot(s: unknown): GanConfig {
  if (!isRecord(s)) throw new SnapshotError(SAY.notSnapshot);
  if (s.version !== 1) throw new SnapshotError(s.version === undefined ? SAY.notSnapshot : SAY.version(shown(s.version)));
  const cfg = validateConfig(s.config);
  if (!cfg.ok) throw new SnapshotError(SAY.config(cfg.issues.map(formatIssue).join('; ')));
  const config = cfg.config;
  checkCount(s.iteration, PART.iteration);
  const rng = s.rng;
  if (!Array.isArray(rng) || rng.length !== 4 || rng.some((w) => typeof w !== 'number' || !Number.isInteger(w) || w < 0 || w > 0xffffffff)) {
    const words = Array.isArray(rng) ? (rng as unknown[]) : [];
    const list = (l: 'en' | 'zh') => `[${words.slice(0, 5).map((w) => shown(w)[l]).join(', ')}${words.length > 5 ? ', …' : ''}]`;
    throw new SnapshotError(SAY.rng(Array.isArray(rng) ? both(list('en'), list('zh')) : shown(rng)));
  }
  checkNet(s.generator, netLayout('g', config).total, config.generator, NET.generator);
  checkNet(s.discriminator, netLayout('d', config).total, config.discriminator, NET.discriminator);
  checkHistory(s.history);
  if (s.lastLosses !== undefined) {
    if (!isRecord(s.lastLosses)) throw new SnapshotError(SAY.losses('losses', shown(s.lastLosses)));
    for (const k of ['dLoss', 'gLoss'] as const) {
      const x = s.lastLosses[k];
      if (x !== null && x !== undefined && (typeof x !== 'number' || !Number.isFinite(x))) throw new SnapshotError(SAY.losses(k, shown(x)));
    }
  }
  return config;
}
