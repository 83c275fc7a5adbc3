// Uploaded points: a CSV or JSON file of 2-D points read into the config's `points`, with messages a person can
// act on. The lab trains drawn points on the unit square; a file's points anywhere else (1e308, 1e30, pixel
// coordinates) are scaled into it, keeping their shape, and the message says so: refusing them would turn away
// ordinary data, and training on them as they are diverges or means nothing. Decimal commas (`0,5;0,25`) are read
// as decimals, extra columns are ignored, and a file over the point limit keeps an even spread of its points; each
// is said in the message, with the file's real count.
import { MAX_POINTS } from '../model/config';
import { t } from '../i18n';
import { jsonErrorDetail } from '../i18n/error-text';
import { fmt } from './dom';

/** Largest file accepted for upload. */
export const MAX_FILE_BYTES = 512 * 1024;
/** Fewest points a drawing or file must have. */
export const MIN_POINTS = 3;
/** Where scaled points land: the longer side of their box spans this much of the unit square, centred. */
const SCALED_SPAN = 0.9;

export type ParseResult = { ok: true; points: [number, number][]; note?: string } | { ok: false; error: string };

const DECIMAL_COMMA = /^[-+]?\d*,\d+(?:[eE][-+]?\d+)?$/;
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$|^[-+]?Infinity$/;

interface Raw {
  points: [number, number][];
  notes: string[];
}
type RawResult = ({ ok: true } & Raw) | { ok: false; error: string };

/** Parses an uploaded file's text into points. CSV (comma, semicolon, tab or spaces; optional header) or JSON. */
export function parsePointsFile(name: string, text: string, bytes = text.length): ParseResult {
  if (bytes > MAX_FILE_BYTES) return { ok: false, error: t('upload.tooLarge', { name, kb: fmt(Math.round(bytes / 1024)), max: String(MAX_FILE_BYTES / 1024) }) };
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (!trimmed) return { ok: false, error: t('upload.empty', { name }) };
  const looksJson = /\.json$/i.test(name) || trimmed.startsWith('[') || trimmed.startsWith('{');
  const r = looksJson ? parseJsonPoints(trimmed) : parseCsvPoints(trimmed);
  if (!r.ok) return { ok: false, error: t('upload.named', { name, error: r.error }) };
  if (r.points.length < MIN_POINTS) return { ok: false, error: t(r.points.length === 1 ? 'upload.tooFewOne' : 'upload.tooFew', { name, n: String(r.points.length), min: String(MIN_POINTS) }) };
  let points = r.points;
  const notes = [...r.notes];
  if (points.length > MAX_POINTS) {
    notes.push(t('upload.kept', { n: fmt(points.length), max: fmt(MAX_POINTS) }));
    points = evenlySpread(points, MAX_POINTS);
  }
  const scaled = intoUnitSquare(points);
  if (scaled.note) notes.push(scaled.note);
  return notes.length ? { ok: true, points: scaled.points, note: notes.join(t('upload.noteSeparator')) } : { ok: true, points: scaled.points };
}

/** `n` of the points, evenly spaced through the list (so the shape survives). */
function evenlySpread<T>(all: readonly T[], n: number): T[] {
  return Array.from({ length: n }, (_, i) => all[Math.floor((i * all.length) / n)]);
}

/** The points as they are when they lie in the unit square; else scaled (one factor for both axes) into it. */
function intoUnitSquare(points: [number, number][]): { points: [number, number][]; note?: string } {
  let xMin = Infinity, xMax = -Infinity, yMin = Infinity, yMax = -Infinity;
  for (const [x, y] of points) {
    xMin = Math.min(xMin, x); xMax = Math.max(xMax, x);
    yMin = Math.min(yMin, y); yMax = Math.max(yMax, y);
  }
  if (xMin >= 0 && xMax <= 1 && yMin >= 0 && yMax <= 1) return { points };
  // Divide by the largest magnitude first, so that spans of values near 1e308 do not overflow.
  const big = Math.max(Math.abs(xMin), Math.abs(xMax), Math.abs(yMin), Math.abs(yMax));
  const w = xMax / big - xMin / big;
  const h = yMax / big - yMin / big;
  const span = Math.max(w, h);
  if (!(span > 0)) return { points: points.map(() => [0.5, 0.5]), note: t('upload.collapsed') };
  const k = SCALED_SPAN / span;
  const x0 = 0.5 - (w * k) / 2;
  const y0 = 0.5 - (h * k) / 2;
  // Four decimals, as drawn points: a ten-thousandth of the square is below a pixel.
  const round = (v: number) => Math.round(v * 1e4) / 1e4;
  const out = points.map(([x, y]) => [round(x0 + (x / big - xMin / big) * k), round(y0 + (y / big - yMin / big) * k)] as [number, number]);
  return { points: out, note: t('upload.scaled', { x0: fmt(xMin), x1: fmt(xMax), y0: fmt(yMin), y1: fmt(yMax) }) };
}

function parseJsonPoints(text: string): RawResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: t('upload.notJson', { error: jsonErrorDetail(e) }) };
  }
  if (data && typeof data === 'object' && !Array.isArray(data) && Array.isArray((data as { points?: unknown }).points)) data = (data as { points: unknown }).points;
  if (!Array.isArray(data)) return { ok: false, error: t('upload.notList') };
  const points: [number, number][] = [];
  let widest = 2;
  for (let i = 0; i < data.length; i++) {
    const p = data[i] as unknown;
    let x: unknown;
    let y: unknown;
    if (Array.isArray(p) && p.length >= 2) {
      [x, y] = p;
      widest = Math.max(widest, p.length);
    } else if (p && typeof p === 'object') ({ x, y } = p as { x?: unknown; y?: unknown });
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) return { ok: false, error: t('upload.badItem', { i: String(i + 1), item: String(JSON.stringify(p)?.slice(0, 40)) }) };
    points.push([x, y]);
  }
  return { ok: true, points, notes: widest > 2 ? [t('upload.extraJson', { n: String(widest) })] : [] };
}

/** A line's cells: split on `;` or tabs where the line has them (a comma is then a decimal comma, `0,5`), else on commas and spaces. */
function cellsOf(line: string): { cells: string[]; decimalCommas: boolean } {
  let cells = /[;\t]/.test(line) ? line.split(/\s*[;\t]\s*/) : line.split(/\s*,\s*|\s+/);
  // "0,5 0,25": spaces between values that each hold one comma.
  if (!/[;\t]/.test(line)) {
    const words = line.split(/\s+/);
    if (words.length >= 2 && words.every((w) => DECIMAL_COMMA.test(w))) cells = words;
  }
  const decimalCommas = cells.some((c) => DECIMAL_COMMA.test(c));
  if (decimalCommas) cells = cells.map((c) => (DECIMAL_COMMA.test(c) ? c.replace(',', '.') : c));
  return { cells, decimalCommas };
}

function parseCsvPoints(text: string): RawResult {
  const lines = text.split(/\r\n|\n|\r/);
  const points: [number, number][] = [];
  let header = false;
  let decimalCommas = false;
  let extra: { no: number; n: number } | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line || line.startsWith('#')) continue;
    const r = cellsOf(line);
    const cells = r.cells.filter((c) => c !== '');
    if (cells.length < 2) return { ok: false, error: t('upload.oneValue', { line: String(i + 1), text: line.slice(0, 30) }) };
    if (!NUMBER.test(cells[0]) || !NUMBER.test(cells[1])) {
      if (points.length === 0 && !header) {
        header = true; // a header row like "x,y"
        continue;
      }
      return { ok: false, error: t('upload.notNumbers', { line: String(i + 1), text: line.slice(0, 30) }) };
    }
    const x = Number(cells[0]);
    const y = Number(cells[1]);
    if (!Number.isFinite(x) || !Number.isFinite(y)) return { ok: false, error: t('upload.notFinite', { line: String(i + 1), value: Number.isFinite(x) ? cells[1] : cells[0] }) };
    if (r.decimalCommas) decimalCommas = true;
    if (cells.length > 2 && !extra) extra = { no: i + 1, n: cells.length };
    points.push([x, y]);
  }
  const notes: string[] = [];
  if (header) notes.push(t('upload.header'));
  if (decimalCommas) notes.push(t('upload.decimalCommas'));
  if (extra) notes.push(t('upload.extraColumns', { line: String(extra.no), n: String(extra.n) }));
  return { ok: true, points, notes };
}
