// The text of a live value in the prose (`:value[...]{metric=... digits=... format=...}`), as the lab's metrics change.
// The build's baked numbers (page-data.ts) and the browser's live ones (runtime/live-values.ts) both come from here.

import type { Locale } from '../lab/model/locale';
import { METRIC_CATALOG, type MetricName } from '../lab/model/metrics/catalog';

/** BCP 47 tags for number formatting (the lab's i18n has the same; kept here so the page's script stays small). */
const NUMBER_LOCALE: Record<Locale, string> = { en: 'en-US', zh: 'zh-CN' };

/** How a `:value` writes its number: `number` as measured, `percent` (a share from 0 to 1) as a percentage. */
export const VALUE_FORMATS = ['number', 'percent'] as const;
export type ValueFormat = (typeof VALUE_FORMATS)[number];

/**
 * Which metrics are a share from 0 to 1, the ones `format=percent` takes: every metric says (a new one without an
 * answer does not compile). Kept here, not in the metric catalog: a change below src/lab/model re-bakes every
 * checkpoint (the bake key hashes those files), and how the prose writes a number does not change what trains.
 */
const SHARE: Record<MetricName, boolean> = {
  iteration: false, dLoss: false, gLoss: false, kl: false, js: false, modes: false,
  highQuality: true, reverseKL: false, outside: true, fakeMeanX: false, fakeMeanY: false, fakeSpread: false,
  jsFloor: false, fakesOffData: true, dGridMean: false, dGridDev: false, dRealMean: false, dFakeMean: false,
  dStarGap: false, gGradNorm: false, gLogitGrad: false, gDeadUnits: true, dDeadUnits: true,
};
/** The metrics `:value{format=percent}` takes, in the catalog's order. */
export const SHARE_METRICS: readonly MetricName[] = (Object.keys(METRIC_CATALOG) as MetricName[]).filter((m) => SHARE[m]);

const digitsOf = (metric: string): number => (METRIC_CATALOG as Record<string, { digits: number } | undefined>)[metric]?.digits ?? 3;

/**
 * A live value's text: `digits` from the directive, else a per-metric default (for a percentage: its decimals,
 * default 0); grouped, and with the percent sign, as the page's locale writes them. A share that is not 0 or 1 never
 * reads as 0% or 100%: "<1%", ">99%".
 */
export function formatLive(metric: string, v: number, digits?: string, iteration?: number, locale: Locale = 'en', format?: string): string {
  if (!Number.isFinite(v)) return '–';
  // before the first training step there is no loss yet (a snapshot stores 0): show the dash, not a false 0
  if (iteration === 0 && (metric === 'dLoss' || metric === 'gLoss')) return '–';
  const percent = format === 'percent';
  const d = digits !== undefined && /^\d$/.test(digits) ? Number(digits) : percent ? 0 : digitsOf(metric);
  const write = (x: number) => x.toLocaleString(NUMBER_LOCALE[locale], { style: percent ? 'percent' : 'decimal', minimumFractionDigits: d, maximumFractionDigits: d });
  if (percent) {
    // a few fakes off the picture are not "0%", nor nearly all of them "100%"
    const unit = 10 ** -d / 100;
    if (v > 0 && v < unit / 2) return `<${write(unit)}`;
    if (v < 1 && v >= 1 - unit / 2) return `>${write(1 - unit)}`;
  }
  return write(v);
}
