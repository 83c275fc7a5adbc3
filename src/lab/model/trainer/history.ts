// The metric history a run keeps for its charts, bounded so a lab left playing for a day stays light: every row is
// kept up to HISTORY_CAP; past it, the newest half stays whole and the rows before it are thinned to an even spread
// over their span (the first row always stays), so recent measurements keep full detail and the charts still span
// the whole run. Rows stay sorted by iteration.
import type { Metrics } from '../types';

/** Rows kept before thinning (about 7 minutes of playing at the lab's 2.5 measurements a second). */
export const HISTORY_CAP = 1000;

/**
 * Appends m (or replaces the last row when it is for the same iteration) and thins when over `cap`. Returns the
 * history: the same array, or a new one after thinning (so a reader holding the old one sees a replacement).
 */
export function appendMetrics(history: Metrics[], m: Metrics, cap = HISTORY_CAP): Metrics[] {
  const prev = history[history.length - 1];
  if (prev && prev.iteration === m.iteration) history[history.length - 1] = m;
  else history.push(m);
  return history.length > cap ? thinHistory(history, Math.floor(cap / 2)) : history;
}

/**
 * Keeps the newest `keep` rows whole; before them, rows at least 1/(keep/2) of that stretch's span apart (the first
 * row always), so older measurements stay spread evenly over the whole run however often this runs.
 */
export function thinHistory(history: readonly Metrics[], keep: number): Metrics[] {
  const split = Math.max(0, history.length - keep);
  if (split < 2) return history.slice();
  const old = history.slice(0, split);
  const gap = (old[old.length - 1].iteration - old[0].iteration) / Math.max(1, Math.floor(keep / 2));
  const kept = [old[0]];
  for (const m of old) if (m.iteration - kept[kept.length - 1].iteration >= gap) kept.push(m);
  return kept.concat(history.slice(split));
}

/** The rows measured at or before `iteration` (what a run rewound to that iteration had). */
export function historyUpTo(history: readonly Metrics[], iteration: number): Metrics[] {
  return history.filter((m) => m.iteration <= iteration);
}
