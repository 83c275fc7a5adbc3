// Drawn points in a link, compactly: each coordinate quantised to 12 bits over the drawing's bounding box, two
// coordinates packed in 3 bytes, base64url. `pts=q1_<xMin>_<xMax>_<yMin>_<yMax>_<data>`: 824 points take about
// 3,300 characters instead of 14,000 as JSON. The drawing pad stores its points already on this grid
// (`onLinkGrid`), so a link reproduces a drawing exactly and a run on it replays to the same state.

import { t } from './i18n';

const LEVELS = 4095;
const PREFIX = 'q1';

/** Longest `pts` value a share link carries; a larger drawing is kept with the save file instead. */
export const MAX_LINK_POINTS_CHARS = 8000;

function bbox(points: readonly (readonly [number, number])[]) {
  let xMin = Infinity;
  let xMax = -Infinity;
  let yMin = Infinity;
  let yMax = -Infinity;
  for (const [x, y] of points) {
    xMin = Math.min(xMin, x);
    xMax = Math.max(xMax, x);
    yMin = Math.min(yMin, y);
    yMax = Math.max(yMax, y);
  }
  return { xMin, xMax, yMin, yMax };
}

const level = (v: number, lo: number, hi: number) => (hi > lo ? Math.max(0, Math.min(LEVELS, Math.round(((v - lo) / (hi - lo)) * LEVELS))) : 0);
const value = (q: number, lo: number, hi: number) => (q >= LEVELS ? hi : hi > lo ? lo + (q * (hi - lo)) / LEVELS : lo);

function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

/** The link text for `points` (an empty list gives ''). */
export function encodePoints(points: readonly (readonly [number, number])[]): string {
  if (!points.length) return '';
  const b = bbox(points);
  const bytes = new Uint8Array(points.length * 3);
  points.forEach(([x, y], i) => {
    const qx = level(x, b.xMin, b.xMax);
    const qy = level(y, b.yMin, b.yMax);
    bytes[3 * i] = qx >> 4;
    bytes[3 * i + 1] = ((qx & 15) << 4) | (qy >> 8);
    bytes[3 * i + 2] = qy & 255;
  });
  return [PREFIX, b.xMin, b.xMax, b.yMin, b.yMax, toBase64Url(bytes)].join('_');
}

/** Reads link text back into points; an error for people when it is not one of ours. */
export function decodePoints(text: string, maxPoints: number): { points: [number, number][] } | { error: string } {
  const parts = text.split('_');
  // base64url may itself contain '_': the data is everything after the fifth separator
  if (parts.length < 6 || parts[0] !== PREFIX) return { error: t('url.ptsNotOurs') };
  const nums = parts.slice(1, 5).map(Number);
  if (!nums.every(Number.isFinite) || nums[1] < nums[0] || nums[3] < nums[2]) return { error: t('url.ptsBox') };
  const bytes = fromBase64Url(parts.slice(5).join('_'));
  if (!bytes || bytes.length % 3 !== 0 || bytes.length === 0) return { error: t('url.ptsDamaged') };
  const n = bytes.length / 3;
  if (n > maxPoints) return { error: t('url.ptsTooMany', { n: String(n), max: String(maxPoints) }) };
  const [xMin, xMax, yMin, yMax] = nums;
  const points: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    const qx = (bytes[3 * i] << 4) | (bytes[3 * i + 1] >> 4);
    const qy = ((bytes[3 * i + 1] & 15) << 8) | bytes[3 * i + 2];
    points.push([value(qx, xMin, xMax), value(qy, yMin, yMax)]);
  }
  return { points };
}

/** The points as a link will carry them (so a drawing trained on is exactly what its link rebuilds). */
export function onLinkGrid(points: [number, number][]): [number, number][] {
  if (!points.length) return points;
  const r = decodePoints(encodePoints(points), Infinity);
  return 'points' in r ? r.points : points;
}

/** Whether a link carries these points exactly (drawn in this lab: yes; an uploaded file may need more digits). */
export function linkCarriesExactly(points: readonly (readonly [number, number])[]): boolean {
  const code = encodePoints(points);
  if (code.length > MAX_LINK_POINTS_CHARS) return false;
  const r = decodePoints(code, Infinity);
  return 'points' in r && r.points.every(([x, y], i) => x === points[i][0] && y === points[i][1]);
}
