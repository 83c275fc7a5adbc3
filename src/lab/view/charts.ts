// Small Observable Plot charts against iterations: D and G loss; grid KL and JS (with their bins and sample
// counts stated); modes covered out of K for mixtures. The data shaping is pure; `Charts` renders into a box.
//
// Speed (issue 4, deep-link time): Observable Plot and its d3 modules (~380 KB, 30% of the lab's JavaScript) are
// imported on the first render, not with the lab, and renders happen after the next paint, at most one per
// frame. A lab that opens on a snapshot emits its metrics two or three times before its first frame; rendering
// each at once cost ~90 ms (two Plot renders) before the main view could paint.
import type * as PlotModule from '@observablehq/plot';
import { PALETTE } from '../../styles/palette';
import type { Metrics } from '../model/types';
import { t } from '../i18n';
import { DEFAULT_CHART, type ChartName } from './chart-kinds';
import { ChartPicker } from './chart-picker';
import { fmt, h } from './dom';
import type { Colours } from './palette';

type Plot = typeof PlotModule;
let plotLoading: Promise<Plot> | null = null;
const loadPlot = (): Promise<Plot> => (plotLoading ??= import('@observablehq/plot'));

/** Runs `fn` after the next paint (rAF, then a task), or soon where there is no rAF. */
export function afterPaint(fn: () => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(fn, 0));
  else setTimeout(fn, 0);
}

export interface SeriesPoint {
  iteration: number;
  value: number;
  series: string;
}

/** Keeps at most `max` entries, evenly spaced, always keeping the last. */
export function downsample<T>(rows: readonly T[], max: number): T[] {
  if (rows.length <= max) return rows.slice();
  const out: T[] = [];
  const step = (rows.length - 1) / (max - 1);
  for (let i = 0; i < max; i++) out.push(rows[Math.round(i * step)]);
  return out;
}

export interface ChartData {
  losses: SeriesPoint[];
  divergence: SeriesPoint[];
  modes: SeriesPoint[];
  modesTotal?: number;
  /** The caption under the divergence chart: bins, samples and out-of-view share of the latest measurement. */
  divergenceNote: string;
  latest?: Metrics;
}

const finite = (v: number | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** Long-format series for the charts, from the metric history (sorted by iteration, downsampled). */
export function chartData(history: readonly Metrics[], maxPoints = 300): ChartData {
  const rows = downsample([...history].sort((a, b) => a.iteration - b.iteration), maxPoints);
  const losses: SeriesPoint[] = [];
  const divergence: SeriesPoint[] = [];
  const modes: SeriesPoint[] = [];
  // modes only for the current distribution's mixture (history may span a data change)
  const lastM = history.length ? history[history.length - 1] : undefined;
  const modesTotal: number | undefined = lastM && finite(lastM.modes) && finite(lastM.modesTotal) ? lastM.modesTotal : undefined;
  for (const m of rows) {
    if (finite(m.dLoss)) losses.push({ iteration: m.iteration, value: m.dLoss, series: 'dLoss' });
    if (finite(m.gLoss)) losses.push({ iteration: m.iteration, value: m.gLoss, series: 'gLoss' });
    if (finite(m.kl)) divergence.push({ iteration: m.iteration, value: m.kl, series: 'KL' });
    if (finite(m.js)) divergence.push({ iteration: m.iteration, value: m.js, series: 'JS' });
    if (modesTotal !== undefined && finite(m.modes) && m.modesTotal === modesTotal) modes.push({ iteration: m.iteration, value: m.modes, series: 'modes' });
  }
  const latest = history.length ? history[history.length - 1] : undefined;
  const divergenceNote = latest
    ? t('chart.divergenceNote', { bins: String(latest.bins), samples: fmt(latest.samples) }) +
      (latest.outside > 0 ? t('chart.outside', { percent: fmt(latest.outside * 100, 2) }) : '')
    : t('chart.noMeasurements');
  return { losses, divergence, modes, modesTotal, divergenceNote, latest };
}

/** A chart's height where nothing caps it. */
const PLOT_HEIGHT = 130;

/** Each series' colour in the palette (D with the reals, G with the fakes). */
export function seriesColours(c: Colours): Record<string, string> {
  return { dLoss: c.real, gLoss: c.fake, KL: c.kl, JS: c.js, modes: c.fake };
}

function lineChart(Plot: Plot, data: SeriesPoint[], colours: Colours, opts: { title: string; width: number; height: number; yLabel: string; yDomain?: [number, number]; rule?: number }) {
  const series = seriesColours(colours);
  const domain = [...new Set(data.map((d) => d.series))];
  return Plot.plot({
    width: opts.width,
    height: opts.height,
    marginLeft: 40,
    marginRight: 10,
    marginTop: 14,
    marginBottom: 28,
    style: { fontSize: '10px', background: 'transparent' },
    x: { label: t('chart.x'), labelAnchor: 'right', tickFormat: (d: number) => (Math.abs(d) >= 1000 ? t('chart.thousands', { n: String(d / 1000) }) : String(d)), ticks: 4 },
    y: { label: opts.yLabel, grid: true, domain: opts.yDomain, ticks: 4, nice: true },
    color: { domain, range: domain.map((s) => series[s] ?? colours.fg), legend: false },
    marks: [
      ...(opts.rule !== undefined ? [Plot.ruleY([opts.rule], { stroke: colours.muted, strokeDasharray: '3,3' })] : []),
      Plot.lineY(data, { x: 'iteration', y: 'value', stroke: 'series', z: 'series', strokeWidth: 1.5, curve: 'linear' }),
      Plot.dot(
        data.filter((d, i, a) => i === a.length - 1 || a[i + 1]?.series !== d.series),
        { x: 'iteration', y: 'value', fill: 'series', r: 2.5 },
      ),
    ],
  });
}

/** Renders the charts into `root`; `update(history)` draws after the next paint (coalesced), a few times a second at most. */
export class Charts {
  readonly root: HTMLElement;
  private boxes: Record<'losses' | 'divergence' | 'modes', { figure: HTMLElement; plot: HTMLElement; caption: HTMLElement }>;
  private lastKey = '';
  /** The latest history passed to update() and not yet rendered; null when nothing is due. */
  private pending: readonly Metrics[] | null = null;
  private scheduled = false;
  private colours: Colours = PALETTE.light;
  private disposed = false;
  /** The chart asked to be in front (`showChart`), and whether the modes chart has data to show. */
  private front: ChartName = DEFAULT_CHART;
  private hasModes = true;
  /** The picker's choice goes here (the lab routes it through the controller, so every view hears it). */
  onPick: (name: ChartName) => void = (name) => this.showChart(name);
  readonly picker = new ChartPicker((name) => this.onPick(name));

  constructor(root: HTMLElement) {
    this.root = root;
    root.append(this.picker.root);
    const box = (title: string, className: string) => {
      const plot = h('div', { class: 'lab-chart-plot' });
      const caption = h('figcaption', { class: 'lab-chart-caption' });
      const figure = h('figure', { class: `lab-chart ${className}` }, h('div', { class: 'lab-chart-title' }, title), plot, caption);
      root.append(figure);
      return { figure, plot, caption };
    };
    this.boxes = {
      losses: box(t('chart.losses'), 'lab-chart-losses'),
      divergence: box(t('chart.divergence'), 'lab-chart-divergence'),
      modes: box(t('chart.modes'), 'lab-chart-modes'),
    };
    for (const [name, b] of Object.entries(this.boxes)) b.figure.dataset.chart = name;
    this.applyFront();
  }

  /** Brings chart `name` forward (a lesson's lab shows only that one; modes falls back to losses without a mixture). */
  showChart(name: ChartName) {
    this.front = name;
    this.applyFront();
  }

  /** The chart in front now (`data-chart` on the charts' box says it too). */
  get shown(): ChartName {
    return this.front === 'modes' && !this.hasModes ? 'losses' : this.front;
  }

  private applyFront() {
    const shown = this.shown;
    this.root.dataset.chart = shown;
    for (const [name, b] of Object.entries(this.boxes)) b.figure.classList.toggle('is-front', name === shown);
    this.picker.update(shown, (name) => name !== 'modes' || this.hasModes);
  }

  update(history: readonly Metrics[]) {
    this.pending = history;
    if (this.scheduled) return;
    this.scheduled = true;
    afterPaint(() => {
      loadPlot().then(
        (Plot) => {
          this.scheduled = false;
          const hist = this.pending;
          this.pending = null;
          if (hist && !this.disposed) this.render(Plot, hist);
        },
        (err) => {
          this.scheduled = false;
          plotLoading = null;
          console.warn('lab: the charts could not load', err);
        },
      );
    });
  }

  private render(Plot: Plot, history: readonly Metrics[]) {
    const last = history[history.length - 1];
    const d = chartData(history);
    // Drawn at the size shown: the width of the charts' boxes (in a lesson only the front one is laid out) and,
    // where CSS caps a plot's height (a lesson's column), that height, so the text is not scaled down.
    const shownWidth = Math.max(...Object.values(this.boxes).map((b) => b.figure.getBoundingClientRect().width));
    const width = Math.max(220, Math.round(shownWidth || 300));
    const cap = parseFloat(getComputedStyle(this.boxes.losses.plot).maxHeight);
    const height = Number.isFinite(cap) ? Math.round(Math.max(70, Math.min(PLOT_HEIGHT, cap))) : PLOT_HEIGHT;
    // Skip a render only when what it would draw is the same: two runs can share a history's length and last
    // iteration (lesson steps that end at the same iteration from different seeds), so the key is the data itself.
    const key = JSON.stringify([width, height, d.losses, d.divergence, d.modes, d.modesTotal, d.divergenceNote, last]);
    if (key === this.lastKey) return;
    this.lastKey = key;
    const swap = (el: HTMLElement, node: Node) => el.replaceChildren(node);
    const lv = (v: number) => (Number.isFinite(v) ? fmt(v) : '—');
    const hasModes = d.modesTotal !== undefined;
    this.boxes.modes.figure.hidden = !hasModes;
    this.hasModes = hasModes;
    this.applyFront();
    const jobs = [
      () => {
        swap(this.boxes.losses.plot, lineChart(Plot, d.losses, this.colours, { title: t('chart.losses'), width, height, yLabel: t('chart.yLoss') }));
        this.boxes.losses.caption.textContent = last ? t('chart.lossCaption', { d: lv(last.dLoss), g: lv(last.gLoss), iteration: fmt(last.iteration) }) : '';
      },
      () => {
        swap(this.boxes.divergence.plot, lineChart(Plot, d.divergence, this.colours, { title: t('chart.divergence'), width, height, yLabel: t('chart.yBits') }));
        this.boxes.divergence.caption.textContent = d.divergenceNote;
      },
      () => {
        if (!hasModes) return;
        swap(this.boxes.modes.plot, lineChart(Plot, d.modes, this.colours, { title: t('chart.modes'), width, height, yLabel: t('chart.yModes', { total: String(d.modesTotal) }), yDomain: [0, d.modesTotal!], rule: d.modesTotal }));
        this.boxes.modes.caption.textContent = last?.modes !== undefined
          ? t('chart.modesCaption', { modes: String(last.modes), total: String(last.modesTotal) }) + (finite(last.highQuality) ? t('chart.highQuality', { percent: fmt(last.highQuality * 100, 3) }) : '')
          : '';
      },
    ];
    // One chart per painted frame: three Plot renders in one task held a frame of the live view back (the
    // longest view intervals while playing). A later update's charts still land after this one's.
    const next = () => {
      if (this.disposed) return;
      jobs.shift()?.();
      if (jobs.length) afterPaint(next);
    };
    next();
  }

  /** New colours (the reader's colour scheme changed): the next update draws with them. */
  setColours(colours: Colours) {
    this.colours = colours;
    this.lastKey = '';
  }

  /** Renders nothing more (renders already scheduled after a paint are dropped). */
  dispose() {
    this.disposed = true;
    this.pending = null;
  }
}
