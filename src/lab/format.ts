// Number formatting for labels and narration (pure; the views and the slow-motion plan share it), in the page's
// locale (i18n/index.ts).
import { formatNumber } from './i18n';

/** Formats a number compactly for labels: 0.001 -> "0.001", 12345 -> "12,345", 1e-6 -> "1e-6". */
export function fmt(v: number, digits = 3): string {
  return formatNumber(v, digits);
}
