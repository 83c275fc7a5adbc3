// The file a save writes and a load reads: config + weights + optimizer + random state + history. Reading is a
// pure function from text to a snapshot whose config is valid, or an error a person can act on.
import { t } from './i18n';
import { issuesText } from './i18n/config-text';
import { validateConfig } from './model/config';
import type { TrainerSnapshot } from './model/types';

export interface SaveFile {
  format: 'gan-lab';
  version: 1;
  savedAt: string;
  snapshot: TrainerSnapshot;
}

export function makeSaveFile(snapshot: TrainerSnapshot, now: Date = new Date()): SaveFile {
  return { format: 'gan-lab', version: 1, savedAt: now.toISOString(), snapshot };
}

export type SaveRead = { ok: true; snapshot: TrainerSnapshot } | { ok: false; error: string };

/** Reads a save file's text (or a bare snapshot's). The snapshot's weights are checked when they are restored. */
export function parseSaveText(text: string): SaveRead {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, error: t('save.notJson') };
  }
  const snap = (data && typeof data === 'object' && 'snapshot' in data ? (data as SaveFile).snapshot : data) as TrainerSnapshot;
  if (!snap || typeof snap !== 'object' || snap.version !== 1 || !snap.config) {
    return { ok: false, error: t('save.notSave') };
  }
  const cfg = validateConfig(snap.config);
  if (!cfg.ok) return { ok: false, error: issuesText(cfg.issues) };
  return { ok: true, snapshot: snap };
}
