// The text of a live value in the prose (`:value[...]{metric=... digits=...}`), as the lab's metrics change.

import type { Locale } from '../lab/model/locale';
import { METRIC_CATALOG } from '../lab/model/metrics/catalog';

/** BCP 47 tags for number formatting (the lab's i18n has the same; kept here so the page's script stays small). */
const NUMBER_LOCALE: Record<Locale, string> = { en: 'en-US', zh: 'zh-CN' };

const digitsOf = (metric: string): number => (METRIC_CATALOG as Record<string, { digits: number } | undefined>)[metric]?.digits ?? 3;

/** A live value's text: `digits` from the directive, else a per-metric default; digits grouped as the page's locale writes them. */
export function formatLive(metric: string, v: number, digits?: string, iteration?: number, locale: Locale = 'en'): string {
  if (!Number.isFinite(v)) return '–';
  // before the first training step there is no loss yet (a snapshot stores 0): show the dash, not a false 0
  if (iteration === 0 && (metric === 'dLoss' || metric === 'gLoss')) return '–';
  const d = digits !== undefined && /^\d$/.test(digits) ? Number(digits) : digitsOf(metric);
  return v.toLocaleString(NUMBER_LOCALE[locale], { minimumFractionDigits: d, maximumFractionDigits: d });
}
