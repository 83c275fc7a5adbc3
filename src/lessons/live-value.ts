// The text of a live value in the prose (`:value[...]{metric=... digits=...}`), as the lab's metrics change.

import { METRIC_CATALOG } from '../lab/model/metrics/catalog';

const digitsOf = (metric: string): number => (METRIC_CATALOG as Record<string, { digits: number } | undefined>)[metric]?.digits ?? 3;

/** A live value's text: `digits` from the directive, else a per-metric default. */
export function formatLive(metric: string, v: number, digits?: string, iteration?: number): string {
  if (!Number.isFinite(v)) return '–';
  // before the first training step there is no loss yet (a snapshot stores 0): show the dash, not a false 0
  if (iteration === 0 && (metric === 'dLoss' || metric === 'gLoss')) return '–';
  const d = digits !== undefined && /^\d$/.test(digits) ? Number(digits) : digitsOf(metric);
  return v.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
}
