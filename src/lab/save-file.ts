// The file a save writes and a load reads: config + weights + optimizer + random state + history. Reading is a
// pure function from text to a snapshot checked field by field (model/trainer/snapshot-check.ts, the one schema
// for saves, baked lesson states and `#snapshot=` links), or an error a person can act on.
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

/** What a refusal says (one place for the text). */
const SAY = {
  tooLarge: (bytes: number) => `it is ${(bytes / 1024 / 1024).toFixed(1)} MB; a saved lab is at most ${MAX_SAVE_BYTES / 1024 / 1024} MB`,
  overCap: `it is larger than ${MAX_SAVE_BYTES / 1024 / 1024} MB, the most a saved lab may be`,
  notJson: 'the file is not JSON',
  notSave: 'the file is not a saved lab (expected {"format": "gan-lab", "snapshot": {...}})',
  format: (f: string) => `its format is ${f}; expected "gan-lab"`,
  version: (v: string) => `it was saved as version ${v}; this lab reads version 1`,
};

export function makeSaveFile(snapshot: TrainerSnapshot, now: Date = new Date()): SaveFile {
  return { format: 'gan-lab', version: 1, savedAt: now.toISOString(), snapshot };
}

export type SaveRead = { ok: true; snapshot: TrainerSnapshot } | { ok: false; error: string };

const shown = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v.slice(0, 24)) : String(v));

/** Reads a save file's text (or a bare snapshot's, as a baked lesson state is), checking every field. */
export function parseSaveText(text: string, bytes = text.length): SaveRead {
  if (bytes > MAX_SAVE_BYTES) return { ok: false, error: SAY.tooLarge(bytes) };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, error: SAY.notJson };
  }
  let snap = data;
  if (data && typeof data === 'object' && ('format' in data || 'snapshot' in data)) {
    const file = data as Partial<SaveFile>;
    if ('format' in data && file.format !== 'gan-lab') return { ok: false, error: SAY.format(shown(file.format)) };
    if ('format' in data && file.version !== 1) return { ok: false, error: SAY.version(shown(file.version)) };
    snap = file.snapshot;
  }
  if (!snap || typeof snap !== 'object' || Array.isArray(snap) || !('version' in snap)) return { ok: false, error: SAY.notSave };
  try {
    checkSnapshot(snap);
  } catch (err) {
    if (err instanceof SnapshotError) return { ok: false, error: err.message };
    throw err;
  }
  return { ok: true, snapshot: snap as TrainerSnapshot };
}

/** Reads a fetched save or baked state, refusing it past MAX_SAVE_BYTES without reading the rest (`#snapshot=` links). */
export async function readSaveResponse(res: Response): Promise<SaveRead> {
  const declared = Number(res.headers.get('content-length'));
  if (declared > MAX_SAVE_BYTES) {
    await res.body?.cancel();
    return { ok: false, error: SAY.tooLarge(declared) };
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
      return { ok: false, error: SAY.overCap };
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
