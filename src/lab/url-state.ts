// The whole config in the URL, by the dotted paths (`?generator.neurons=32&loss=hinge&seed=7`), validated with
// the one schema, and the run's place besides: the iteration to replay to (`it`, training is deterministic), the
// visible layers (`layers`), the speed and drawn points (`pts`, points-code.ts). Anything invalid or unknown is
// refused and reported; nothing from the URL is ever used as HTML.
import {
  applyPatch,
  keyInfo,
  DEFAULT_CONFIG,
  diffFromDefaults,
  parseAssignments,
  setPath,
  type ConfigIssue,
  type GanConfig,
  type PartialConfig,
  MAX_POINTS,
} from './model/config';
import { decodePoints, encodePoints, linkCarriesExactly, MAX_LINK_POINTS_CHARS } from './points-code';
import { SPEEDS } from './view/controls';
import { DEFAULT_LAYERS, LAYER_NAMES, type LayerVisibility } from './view/layers';
import { t } from './i18n';
import { allowedLocal, issueMessage } from './i18n/config-text';

export const BACKENDS = ['auto', 'webgl', 'wasm', 'cpu'] as const;
export type BackendChoice = (typeof BACKENDS)[number];

export interface Refusal {
  key: string;
  /** The value as given, cut to 60 characters (for a text notice, never HTML). */
  value: string;
  reason: string;
}

export interface UrlState {
  /** The config the URL asks for, with every refused key left at `base`'s value. */
  config: GanConfig;
  /** The accepted assignments, as a nested patch. */
  patch: PartialConfig;
  /** How many config keys were accepted. */
  accepted: number;
  refused: Refusal[];
  backend?: BackendChoice;
  /** The iteration to replay to (`it`). */
  iteration?: number;
  /** Every layer's visibility (`layers` lists the visible ones). */
  layers?: LayerVisibility;
  /** Iterations per frame (`speed`). */
  speed?: number;
}

/** The longest replay a link may ask for (WASM runs ~1,750 iterations/s here: about a minute). */
export const MAX_REPLAY = 100_000;

/** The link's own keys besides the config's: the backend, the run's place and how it is shown. */
const RUN_KEYS = ['backend', 'it', 'layers', 'speed'] as const;
type RunKey = (typeof RUN_KEYS)[number];

/** Reads one of the link's own keys; a reason for people when the value is not allowed. */
function readRunKey(key: RunKey, value: string, out: UrlState): string | null {
  switch (key) {
    case 'backend':
      if (!(BACKENDS as readonly string[]).includes(value)) return t('url.allowed', { allowed: BACKENDS.join(', ') });
      out.backend = value as BackendChoice;
      return null;
    case 'it': {
      if (!/^\d{1,7}$/.test(value) || Number(value) > MAX_REPLAY) return t('url.iteration', { max: String(MAX_REPLAY) });
      out.iteration = Number(value);
      return null;
    }
    case 'layers': {
      const names = value === '' ? [] : value.split(',');
      const bad = names.filter((n) => !(LAYER_NAMES as readonly string[]).includes(n));
      if (bad.length) return t('url.unknownLayer', { name: clip(bad[0], 20), allowed: LAYER_NAMES.join(', ') });
      out.layers = Object.fromEntries(LAYER_NAMES.map((n) => [n, names.includes(n)])) as LayerVisibility;
      return null;
    }
    case 'speed':
      if (!(SPEEDS as readonly number[]).map(String).includes(value)) return t('url.allowed', { allowed: SPEEDS.join(', ') });
      out.speed = Number(value);
      return null;
  }
}

/** A short reason for a notice: what is allowed, or what is wrong (with a did-you-mean). */
function reasonOf(i: ConfigIssue): string {
  if (i.message === 'unknown key') return i.suggestion ? t('url.didYouMean', { suggestion: i.suggestion }) : t('url.unknownKey');
  const k = keyInfo(i.path);
  const allowed = k && i.allowed ? allowedLocal(k) : i.allowed;
  if (allowed) return i.suggestion ? t('url.allowedDidYouMean', { allowed, suggestion: i.suggestion }) : t('url.allowed', { allowed });
  return issueMessage(i);
}

const clip = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n)}…` : s);

/** Reads a query string (`location.search`). Never throws. */
export function readUrlState(search: string, base: GanConfig = DEFAULT_CONFIG): UrlState {
  const refused: Refusal[] = [];
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(search);
  } catch {
    params = new URLSearchParams();
  }
  const run: UrlState = { config: base, patch: {}, accepted: 0, refused };
  const pairs = new Map<string, string>();
  for (const [key, value] of params) {
    if ((RUN_KEYS as readonly string[]).includes(key)) {
      const why = readRunKey(key as RunKey, value, run);
      if (why) refused.push({ key, value: clip(value), reason: why });
      continue;
    }
    if (key === 'pts') {
      const r = value.length > MAX_LINK_POINTS_CHARS * 2 ? { error: t('url.tooLong') } : decodePoints(value, MAX_POINTS);
      if ('error' in r) refused.push({ key, value: clip(value), reason: r.error });
      else pairs.set('points', JSON.stringify(r.points));
      continue;
    }
    if (value.length > 200_000) {
      refused.push({ key: clip(key, 40), value: clip(value), reason: t('url.tooLong') });
      continue;
    }
    pairs.set(key, value); // the last of repeated keys wins
  }

  // each key on its own first: unknown keys, non-numbers, out-of-range values
  const good = new Map<string, unknown>();
  for (const [key, value] of pairs) {
    const { patch, issues } = parseAssignments([[key, value]]);
    if (issues.length) {
      refused.push({ key: clip(key, 40), value: clip(value), reason: issues.map(reasonOf).join('; ') });
      continue;
    }
    const r = applyPatch(base, patch);
    const own = r.ok ? [] : r.issues.filter((i) => i.path === key || i.path.startsWith(`${key}.`));
    if (own.length) {
      refused.push({ key, value: clip(value), reason: own.map(reasonOf).join('; ') });
      continue;
    }
    good.set(key, (patch as Record<string, unknown>) && getLeaf(patch, key));
  }

  // then together: cross-key rules (batchSize a multiple of pack, points needed for "points")
  for (let guard = 0; guard <= good.size; guard++) {
    const patch = toPatch(good);
    const r = applyPatch(base, patch);
    if (r.ok) return { ...run, config: r.config, patch, accepted: good.size, refused };
    let dropped = false;
    for (const issue of r.issues) {
      const key = [...good.keys()].find((k) => issue.path === k || issue.path.startsWith(`${k}.`)) ?? (issue.path === 'points' && good.has('distribution') ? 'distribution' : undefined);
      if (key && good.has(key)) {
        refused.push({ key, value: clip(String(JSON.stringify(good.get(key)))), reason: t('issue.line', { path: issue.path, message: issueMessage(issue) }) });
        good.delete(key);
        dropped = true;
      }
    }
    if (!dropped) break;
  }
  return { ...run, config: base, patch: {}, accepted: 0, refused: [...refused, ...[...good.keys()].map((key) => ({ key, value: '', reason: t('url.doesNotCombine') }))] };
}

function getLeaf(patch: PartialConfig, path: string): unknown {
  let cur: unknown = patch;
  for (const p of path.split('.')) cur = (cur as Record<string, unknown>)[p];
  return cur;
}

function toPatch(m: Map<string, unknown>): PartialConfig {
  const out: PartialConfig = {};
  for (const [k, v] of m) setPath(out, k, v);
  return out;
}

/** What a share link carries besides the config: the backend, the iteration to replay to, layers and speed. */
export interface LinkExtras {
  backend?: BackendChoice;
  /** Only when the run is a pure function of the config (no live edits since it started). */
  iteration?: number;
  layers?: LayerVisibility;
  speed?: number;
}

/** The query string (with `?`, or '' for the defaults) that reproduces `config` (and the extras). */
export function urlFromConfig(config: GanConfig, extras: LinkExtras | BackendChoice = {}): string {
  const x: LinkExtras = typeof extras === 'string' ? { backend: extras } : extras;
  const params = new URLSearchParams();
  for (const [k, v] of diffFromDefaults(config)) params.set(k, v);
  if (config.distribution === 'points' && config.points.length) {
    const code = encodePoints(config.points);
    if (code.length <= MAX_LINK_POINTS_CHARS) params.set('pts', code);
  }
  if (x.backend && x.backend !== 'auto') params.set('backend', x.backend);
  if (x.iteration && urlCarriesAll(config)) params.set('it', String(x.iteration));
  if (x.layers && LAYER_NAMES.some((n) => x.layers![n] !== DEFAULT_LAYERS[n])) params.set('layers', LAYER_NAMES.filter((n) => x.layers![n]).join(','));
  if (x.speed && x.speed !== 10) params.set('speed', String(x.speed));
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** Whether a share link can carry this config exactly (a large drawing, or a file's points at full precision, cannot). */
export function urlCarriesAll(config: GanConfig): boolean {
  return config.distribution !== 'points' || linkCarriesExactly(config.points);
}

/** One line for the visible notice (set with textContent). */
export function refusalNotice(refused: Refusal[]): string {
  if (!refused.length) return '';
  const list = refused.slice(0, 5).map((r) => (r.value ? t('url.itemValue', { key: r.key, value: r.value, reason: r.reason }) : t('url.item', { key: r.key, reason: r.reason })));
  const more = refused.length > 5 ? t('url.more', { n: String(refused.length - 5) }) : '';
  return t('url.ignored', { list: list.join(t('issue.join')), more });
}

/** Baked snapshots are named by a hex content hash; nothing else is fetched from a link. */
const SNAPSHOT_PATH = /^baked\/[0-9a-f]{8,64}\.json$/;

/**
 * The baked snapshot a lesson's "open in the lab" link points at (`#snapshot=<base>baked/<hash>.json`), as a
 * same-origin URL under the site's base; or an error for people when the fragment names anything else.
 */
export function snapshotFromHash(hash: string, base: string, origin: string): { url: string } | { error: string } | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const raw = params.get('snapshot');
  if (raw === null) return null;
  const baseNorm = base.endsWith('/') ? base : `${base}/`;
  let u: URL;
  try {
    u = new URL(raw, origin + baseNorm);
  } catch {
    return { error: t('url.badSnapshot') };
  }
  const rel = u.pathname.startsWith(baseNorm) ? u.pathname.slice(baseNorm.length) : '';
  if (u.origin !== origin || !SNAPSHOT_PATH.test(rel) || u.search || u.hash) {
    return { error: t('url.foreignSnapshot') };
  }
  return { url: u.pathname };
}
