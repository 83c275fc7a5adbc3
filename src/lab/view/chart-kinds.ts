// The lab's charts, one row each: the names a lesson's `chart=` and the chart picker use, and whether the chart
// needs a mixture distribution (modes covered). The charts view (charts.ts), the picker and the lessons'
// vocabulary (src/lessons/vocabulary.ts) read this table.
import type { MessageKey } from '../i18n';

export const CHART_KINDS = [
  { name: 'losses', tab: 'chart.tabLosses', doc: "D's and G's loss", mixtureOnly: false },
  { name: 'divergence', tab: 'chart.tabDivergence', doc: 'KL and JS divergence between the real and the fake samples on a grid', mixtureOnly: false },
  { name: 'modes', tab: 'chart.tabModes', doc: 'modes covered (mixture distributions only)', mixtureOnly: true },
] as const satisfies readonly { name: string; tab: MessageKey; doc: string; mixtureOnly: boolean }[];

export type ChartName = (typeof CHART_KINDS)[number]['name'];
export const CHART_NAMES: readonly ChartName[] = CHART_KINDS.map((c) => c.name);
/** The chart in front before any step or reader picks one. */
export const DEFAULT_CHART: ChartName = 'losses';
