// The whole config in the URL, by the dotted paths (`?generator.neurons=32&loss=hinge&seed=7`), validated with
// the one schema. Anything invalid or unknown is refused and reported; nothing from the URL is ever used as HTML.
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
} from './model/config';
import { t } from './i18n';
import { allowedLocal } from './i18n/config-text';

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
}

/** A short reason for a notice: what is allowed, or what is wrong (with a did-you-mean). */
function reasonOf(i: ConfigIssue): string {
  if (i.message === 'unknown key') return i.suggestion ? t('url.didYouMean', { suggestion: i.suggestion }) : t('url.unknownKey');
  const k = keyInfo(i.path);
  const allowed = k && i.allowed ? allowedLocal(k) : i.allowed;
  if (allowed) return i.suggestion ? t('url.allowedDidYouMean', { allowed, suggestion: i.suggestion }) : t('url.allowed', { allowed });
  return i.message;
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
  let backend: BackendChoice | undefined;
  const pairs = new Map<string, string>();
  for (const [key, value] of params) {
    if (key === 'backend') {
      if ((BACKENDS as readonly string[]).includes(value)) backend = value as BackendChoice;
      else refused.push({ key, value: clip(value), reason: t('url.allowed', { allowed: BACKENDS.join(', ') }) });
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
    if (r.ok) return { config: r.config, patch, accepted: good.size, refused, backend };
    let dropped = false;
    for (const issue of r.issues) {
      const key = [...good.keys()].find((k) => issue.path === k || issue.path.startsWith(`${k}.`)) ?? (issue.path === 'points' && good.has('distribution') ? 'distribution' : undefined);
      if (key && good.has(key)) {
        refused.push({ key, value: clip(String(JSON.stringify(good.get(key)))), reason: `${issue.path}: ${issue.message}` });
        good.delete(key);
        dropped = true;
      }
    }
    if (!dropped) break;
  }
  return { config: base, patch: {}, accepted: 0, refused: [...refused, ...[...good.keys()].map((key) => ({ key, value: '', reason: t('url.doesNotCombine') }))], backend };
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

/** Longest `points` value put into a share link; larger drawings are saved to a file instead. */
export const MAX_URL_POINTS_CHARS = 6000;

/** The query string (with `?`, or '' for the defaults) that reproduces `config`. */
export function urlFromConfig(config: GanConfig, backend?: BackendChoice): string {
  const params = new URLSearchParams();
  for (const [k, v] of diffFromDefaults(config)) params.set(k, v);
  if (config.distribution === 'points' && config.points.length) {
    const json = JSON.stringify(config.points.map(([x, y]) => [round(x), round(y)]));
    if (json.length <= MAX_URL_POINTS_CHARS) params.set('points', json);
  }
  if (backend && backend !== 'auto') params.set('backend', backend);
  const s = params.toString();
  return s ? `?${s}` : '';
}

const round = (v: number) => Number(v.toFixed(3));

/** Whether a share link can carry this config completely (a large drawing cannot). */
export function urlCarriesAll(config: GanConfig): boolean {
  return config.distribution !== 'points' || JSON.stringify(config.points.map(([x, y]) => [round(x), round(y)])).length <= MAX_URL_POINTS_CHARS;
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
