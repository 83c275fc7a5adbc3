// The text of a live value in the prose (`:value[...]{metric=... digits=...}`), as the lab's metrics change.

const DEFAULT_DIGITS: Record<string, number> = { iteration: 0, modes: 0, dLoss: 3, gLoss: 3, kl: 3, js: 3, highQuality: 3, reverseKL: 3, outside: 3 };

/** A live value's text: `digits` from the directive, else a per-metric default. */
export function formatLive(metric: string, v: number, digits?: string, iteration?: number): string {
  if (!Number.isFinite(v)) return '–';
  // before the first training step there is no loss yet (a snapshot stores 0): show the dash, not a false 0
  if (iteration === 0 && (metric === 'dLoss' || metric === 'gLoss')) return '–';
  const d = digits !== undefined && /^\d$/.test(digits) ? Number(digits) : (DEFAULT_DIGITS[metric] ?? 3);
  return v.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
}
