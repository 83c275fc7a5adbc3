// What a chapter page needs, computed at build time from the catalog: the HTML with a sandbox link on each step,
// and the runtime's script (one entry per step: where its baked snapshot is, what to do on arrival).
import { urlFromConfig } from '../lab/url-state';
import type { GanConfig } from '../lab/model/config';
import { join } from 'node:path';
import type { Metrics } from '../lab/model/types';
import { BakeCache, bakedPath, CACHE_DIR, stepKeys, trainerVersion } from './bake-cache';
import type { ChapterEntry } from './catalog';
import { escapeHtml } from './errors';
import { siteT } from '../lab/i18n/site';
import type { Locale } from '../lab/model/locale';
import { labHref } from './locale-routes';
import { formatLive } from './live-value';
import { RUNTIME_ACTIONS, pickActions, type CompiledStep, type RuntimeActionKey, type StepActions } from './directives/step/index';
import { figureRuns } from './figure-runs';

/**
 * One step, as the browser runtime reads it (JSON in the page): its index and anchor, the actions the step parts
 * mark for the runtime (src/lessons/directives/step/), its baked snapshot's URL (base path included) and config.
 */
export type RuntimeStep = Pick<CompiledStep, 'index' | 'id'> & Pick<StepActions, RuntimeActionKey> & { snapshot: string; config: GanConfig };

export function runtimeStep(s: CompiledStep, snapshot: string): RuntimeStep {
  return { index: s.index, id: s.id, ...pickActions(s.actions, RUNTIME_ACTIONS), snapshot, config: s.config };
}

/** A column of a `:::compare` figure: its label and, for each step showing the figure, its state there. */
export interface RuntimeColumn {
  label: string;
  /** By step index (null for steps that do not show the figure): the column's step, snapshot and config. */
  steps: (RuntimeStep | null)[];
  /** By step index: the sandbox link that opens the column's state there (null where not shown). */
  hrefs: (string | null)[];
}

export interface RuntimeFigure {
  id: string;
  columns: RuntimeColumn[];
}

export interface RuntimeData {
  chapter: string;
  steps: RuntimeStep[];
  /** The `:::compare` figures; a step showing one has `compare` = its id. */
  figures: RuntimeFigure[];
  /** The `::sandbox` lab's starting snapshot (the last step's), or its config when there are no steps. */
  sandbox: { snapshot: string | null; config: GanConfig } | null;
  /** The chapter's starting config (before the first step). */
  config: GanConfig | null;
}

/** `/base/` from Astro's BASE_URL. */
export function normaliseBase(base: string): string {
  return base.replace(/\/?$/, '/');
}

/** The sandbox URL that opens a step's state in the locale's lab: the lab's config query plus `#snapshot=<baked path>`. */
export function sandboxHref(base: string, config: GanConfig, snapshot: string | null, locale: Locale = 'en'): string {
  return `${labHref(base, locale)}${urlFromConfig(config)}${snapshot ? `#snapshot=${encodeURIComponent(snapshot)}` : ''}`;
}

export function chapterPage(entry: ChapterEntry, baseUrl: string, locale: Locale = 'en', root = process.cwd()) {
  const base = normaliseBase(baseUrl);
  const c = entry.compiled;
  const keys = stepKeys(c.steps, trainerVersion(root));
  const snap = (i: number) => base + bakedPath(keys[i]);
  const steps: RuntimeStep[] = c.steps.map((s) => runtimeStep(s, snap(s.index)));
  const figures = figureData(c, base, root, locale);
  const last = c.sandboxFrom;
  const data: RuntimeData = {
    chapter: entry.slug,
    steps,
    figures,
    sandbox: c.sandbox && c.lab ? { snapshot: last === null ? null : snap(last), config: last === null ? c.lab.config : c.steps[last].config } : null,
    config: c.lab?.config ?? null,
  };

  // A link on each step that opens its exact state in the sandbox. The compiler writes each step's opening tag
  // as `<section class="step..." data-step="N" id="...">`; insert right after it (CSS puts it at the step's end).
  let html = c.html.replace(/(<section class="step[^"]*" data-step="(\d+)" id="[^"]*">\n)/g, (all, open: string, n: string) => {
    const s = c.steps[Number(n)];
    if (!s) return all;
    const fig = s.actions.compare ? figures.find((f) => f.id === s.actions.compare) : undefined;
    if (fig) return `${open}${figureLinks(fig, s.index, locale)}`;
    const href = sandboxHref(base, s.config, snap(s.index), locale);
    return `${open}<p class="step-sandbox"><a href="${escapeHtml(href)}" data-sandbox-link>${escapeHtml(siteT(locale, 'chapter.openInLab'))}<span aria-hidden="true"> ↗</span></a></p>\n`;
  });
  const cache = new BakeCache(join(root, CACHE_DIR));
  const keyOf = (url: string | undefined) => (url ? /([0-9a-f]+)\.json$/.exec(url)?.[1] : undefined);
  html = bakeLiveValues(html, (i, column) => {
    // a column's value: that column's checkpoint at this step (a `:::compare` figure); else the step's own
    const fig = column !== null ? figures.find((f) => f.id === c.steps[i]?.actions.compare) : undefined;
    const key = column === null ? keys[i] : keyOf(fig?.columns.find((col) => escapeHtml(col.label) === column)?.steps[i]?.snapshot);
    return key ? cache.metrics(key) : null;
  }, locale);
  const hasH1 = /^\s*<h1[\s>]/.test(html);
  if (!hasH1) html = `<h1>${escapeHtml(entry.title)}</h1>\n${html}`;
  // JSON inside <script type="application/json">: never let it close the tag.
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  return { html, data, json };
}

/** Each figure's columns: their steps, snapshots and sandbox links, keyed like the bake (src/lessons/figure-runs.ts). */
function figureData(c: ChapterEntry['compiled'], base: string, root: string, locale: Locale): RuntimeFigure[] {
  const version = trainerVersion(root);
  const runs = figureRuns(c);
  return c.figures.map((f) => ({
    id: f.id,
    columns: f.columns.map((col, k) => {
      const run = runs.find((r) => r.figure === f.id && r.column === k);
      const keys = run ? stepKeys(run.checkpoints, version) : [];
      const steps: (RuntimeStep | null)[] = c.steps.map(() => null);
      const hrefs: (string | null)[] = c.steps.map(() => null);
      for (const { step, at } of run?.shown ?? []) {
        const cp = run!.checkpoints[at];
        const snapshot = base + bakedPath(keys[at]);
        steps[step] = { ...runtimeStep(c.steps[step], snapshot), config: cp.config };
        hrefs[step] = sandboxHref(base, cp.config, snapshot, locale);
      }
      return { label: col.label, steps, hrefs };
    }),
  }));
}

/** A figure step's links: one per column, to its state in the sandbox (also what readers without JavaScript get). */
function figureLinks(fig: RuntimeFigure, step: number, locale: Locale): string {
  const links = fig.columns
    .filter((col) => col.hrefs[step])
    .map((col) => `<a href="${escapeHtml(col.hrefs[step]!)}" data-sandbox-link data-column="${escapeHtml(col.label)}">${escapeHtml(col.label)}</a>`)
    .join(' · ');
  return `<p class="step-sandbox">${escapeHtml(siteT(locale, 'chapter.openColumnsInLab'))} ${links}<span aria-hidden="true"> ↗</span></p>\n`;
}

const LIVE_VALUE = /<section class="step[^"]*" data-step="(\d+)"|<\/section>|<span class="live-value" data-metric="([^"]+)"( data-digits="(\d+)")?( data-format="(\w+)")?( data-column="([^"]*)")?>–<\/span>/g;

/**
 * Writes each step's baked numbers into its `:value`s (the metrics measured at its checkpoint, or at its figure
 * column's), so the text reads fully without JavaScript; the live value replaces it while the step is active. A
 * value outside the steps, or a step not baked yet (the dev server bakes on demand), keeps the dash.
 * `metricsOf(step, column)`: `column` as written in the span's data-column (HTML-escaped), or null.
 */
export function bakeLiveValues(html: string, metricsOf: (step: number, column: string | null) => Metrics | null, locale: Locale = 'en'): string {
  let step: number | null = null;
  return html.replace(LIVE_VALUE, (all, open?: string, metric?: string, dg?: string, digits?: string, df?: string, format?: string, dc?: string, column?: string) => {
    if (open !== undefined) {
      step = Number(open);
      return all;
    }
    if (metric === undefined) {
      step = null;
      return all;
    }
    const m = step === null ? null : metricsOf(step, column ?? null);
    const v = m ? (m as unknown as Record<string, unknown>)[metric] : undefined;
    if (!m || typeof v !== 'number') return all;
    const text = escapeHtml(formatLive(metric, v, digits, m.iteration, locale, format));
    return `<span class="live-value" data-metric="${metric}"${dg ?? ''}${df ?? ''}${dc ?? ''} data-baked="${text}">${text}</span>`;
  });
}
