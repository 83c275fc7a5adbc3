// What a chapter page needs, computed at build time from the catalog: the HTML with a sandbox link on each step,
// and the runtime's script (one entry per step: where its baked snapshot is, what to do on arrival).
import { urlFromConfig } from '../lab/url-state';
import type { GanConfig } from '../lab/model/config';
import { join } from 'node:path';
import type { Metrics } from '../lab/model/types';
import { BakeCache, bakedPath, CACHE_DIR, stepKeys, trainerVersion } from './bake-cache';
import type { ChapterEntry } from './catalog';
import { escapeHtml } from './errors';
import { formatLive } from './live-value';
import { RUNTIME_ACTIONS, pickActions, type CompiledStep, type RuntimeActionKey, type StepActions } from './directives/step/index';

/**
 * One step, as the browser runtime reads it (JSON in the page): its index and anchor, the actions the step parts
 * mark for the runtime (src/lessons/directives/step/), its baked snapshot's URL (base path included) and config.
 */
export type RuntimeStep = Pick<CompiledStep, 'index' | 'id'> & Pick<StepActions, RuntimeActionKey> & { snapshot: string; config: GanConfig };

export function runtimeStep(s: CompiledStep, snapshot: string): RuntimeStep {
  return { index: s.index, id: s.id, ...pickActions(s.actions, RUNTIME_ACTIONS), snapshot, config: s.config };
}

export interface RuntimeData {
  chapter: string;
  steps: RuntimeStep[];
  /** The `::sandbox` lab's starting snapshot (the last step's), or its config when there are no steps. */
  sandbox: { snapshot: string | null; config: GanConfig } | null;
  /** The chapter's starting config (before the first step). */
  config: GanConfig | null;
}

/** `/base/` from Astro's BASE_URL. */
export function normaliseBase(base: string): string {
  return base.replace(/\/?$/, '/');
}

/** The sandbox URL that opens a step's state: the lab's config query plus `#snapshot=<baked path>`. */
export function sandboxHref(base: string, config: GanConfig, snapshot: string | null): string {
  return `${base}lab/${urlFromConfig(config)}${snapshot ? `#snapshot=${encodeURIComponent(snapshot)}` : ''}`;
}

export function chapterPage(entry: ChapterEntry, baseUrl: string, root = process.cwd()) {
  const base = normaliseBase(baseUrl);
  const c = entry.compiled;
  const keys = stepKeys(c.steps, trainerVersion(root));
  const snap = (i: number) => base + bakedPath(keys[i]);
  const steps: RuntimeStep[] = c.steps.map((s) => runtimeStep(s, snap(s.index)));
  const last = c.sandboxFrom;
  const data: RuntimeData = {
    chapter: entry.slug,
    steps,
    sandbox: c.sandbox && c.lab ? { snapshot: last === null ? null : snap(last), config: last === null ? c.lab.config : c.steps[last].config } : null,
    config: c.lab?.config ?? null,
  };

  // A link on each step that opens its exact state in the sandbox. The compiler writes each step's opening tag
  // as `<section class="step..." data-step="N" id="...">`; insert right after it (CSS puts it at the step's end).
  let html = c.html.replace(/(<section class="step[^"]*" data-step="(\d+)" id="[^"]*">\n)/g, (all, open: string, n: string) => {
    const s = c.steps[Number(n)];
    if (!s) return all;
    const href = sandboxHref(base, s.config, snap(s.index));
    return `${open}<p class="step-sandbox"><a href="${escapeHtml(href)}" data-sandbox-link>Open this state in the lab<span aria-hidden="true"> ↗</span></a></p>\n`;
  });
  const cache = new BakeCache(join(root, CACHE_DIR));
  html = bakeLiveValues(html, (i) => (keys[i] ? cache.metrics(keys[i]) : null));
  const hasH1 = /^\s*<h1[\s>]/.test(html);
  if (!hasH1) html = `<h1>${escapeHtml(entry.title)}</h1>\n${html}`;
  // JSON inside <script type="application/json">: never let it close the tag.
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  return { html, data, json };
}

const LIVE_VALUE = /<section class="step[^"]*" data-step="(\d+)"|<\/section>|<span class="live-value" data-metric="([^"]+)"( data-digits="(\d+)")?>–<\/span>/g;

/**
 * Writes each step's baked numbers into its `:value`s (the metrics measured at its checkpoint), so the text reads
 * fully without JavaScript; the live value replaces it while the step is active. A value outside the steps, or a
 * step not baked yet (the dev server bakes on demand), keeps the dash.
 */
export function bakeLiveValues(html: string, metricsOf: (step: number) => Metrics | null): string {
  let step: number | null = null;
  return html.replace(LIVE_VALUE, (all, open: string | undefined, metric: string | undefined, dg: string | undefined, digits: string | undefined) => {
    if (open !== undefined) {
      step = Number(open);
      return all;
    }
    if (metric === undefined) {
      step = null;
      return all;
    }
    const m = step === null ? null : metricsOf(step);
    const v = m ? (m as unknown as Record<string, unknown>)[metric] : undefined;
    if (!m || typeof v !== 'number') return all;
    const text = formatLive(metric, v, digits, m.iteration);
    return `<span class="live-value" data-metric="${metric}"${dg ?? ''} data-baked="${escapeHtml(text)}">${escapeHtml(text)}</span>`;
  });
}
