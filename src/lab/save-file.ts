// The file a save writes and a load reads: config + weights + optimizer + random state + history. Reading is a
// pure function from text to a snapshot checked field by field (model/trainer/snapshot-check.ts, the one schema
// for saves, baked lesson states and `#snapshot=` links), or an error a person can act on.
import { getLocale, t } from './i18n';
import { issuesText } from './i18n/config-text';
import { validateConfig } from './model/config';
import { checkSnapshot, SnapshotError } from './model/trainer/snapshot-check';
import type { TrainerSnapshot } from './model/types';

export interface SaveFile {
  format: 'gan-lab';
  version: 1;
  savedAt: string;
  snapshot: TrainerSnapshot;
}

/** Largest save file or linked snapshot read (bytes; JSON text is about a byte a character). */
export const MAX_SAVE_BYTES = 20 * 1024 * 1024;

export function makeSaveFile(snapshot: TrainerSnapshot, now: Date = new Date()): SaveFile {
  return { format: 'gan-lab', version: 1, savedAt: now.toISOString(), snapshot };
}

export type SaveRead = { ok: true; snapshot: TrainerSnapshot } | { ok: false; error: string };

const shown = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v.slice(0, 24)) : String(v));

/** Reads a save file's text (or a bare snapshot's, as a baked lesson state is), checking every field. */
export function parseSaveText(text: string, bytes = text.length): SaveRead {
  if (bytes > MAX_SAVE_BYTES) return { ok: false, error: t('save.tooLarge', { mb: (bytes / 1024 / 1024).toFixed(1), max: String(MAX_SAVE_BYTES / 1024 / 1024) }) };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, error: t('save.notJson') };
  }
  let snap = data;
  if (data && typeof data === 'object' && ('format' in data || 'snapshot' in data)) {
    const file = data as Partial<SaveFile>;
    if ('format' in data && file.format !== 'gan-lab') return { ok: false, error: t('save.format', { format: shown(file.format) }) };
    if ('format' in data && file.version !== 1) return { ok: false, error: t('save.version', { version: shown(file.version) }) };
    snap = file.snapshot;
  }
  if (!snap || typeof snap !== 'object' || Array.isArray(snap) || !('version' in snap)) return { ok: false, error: t('save.notSave') };
  // The config's problems in the page's words (the lab's tables); the rest in checkSnapshot's.
  const cfg = (snap as { version?: unknown }).version === 1 ? validateConfig((snap as { config?: unknown }).config) : null;
  if (cfg && !cfg.ok) return { ok: false, error: issuesText(cfg.issues) };
  try {
    checkSnapshot(snap);
  } catch (err) {
    if (err instanceof SnapshotError) return { ok: false, error: err.text[getLocale()] };
    throw err;
  }
  return { ok: true, snapshot: snap as TrainerSnapshot };
}

/** Reads a fetched save or baked state, refusing it past MAX_SAVE_BYTES without reading the rest (`#snapshot=` links). */
export async function readSaveResponse(res: Response): Promise<SaveRead> {
  const declared = Number(res.headers.get('content-length'));
  if (declared > MAX_SAVE_BYTES) {
    await res.body?.cancel();
    return { ok: false, error: t('save.tooLarge', { mb: (declared / 1024 / 1024).toFixed(1), max: String(MAX_SAVE_BYTES / 1024 / 1024) }) };
  }
  if (!res.body) return parseSaveText(await res.text());
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > MAX_SAVE_BYTES) {
      await reader.cancel();
      return { ok: false, error: t('save.overCap', { max: String(MAX_SAVE_BYTES / 1024 / 1024) }) };
    }
    chunks.push(value);
  }
  const all = new Uint8Array(bytes);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return parseSaveText(new TextDecoder().decode(all), bytes);
}
