// Moving a run to another tfjs backend. The new trainer is built and the run restored into it before the old
// trainer is touched: if the new backend fails (it does not start, a trainer cannot be made there, the restore
// throws), the run carries on where it was and the caller says why.
import type { GanConfig } from './model/config';
import type { TrainerSnapshot } from './model/types';
import type { BackendInfo, TrainerLike } from './trainer-like';

export interface BackendTarget {
  /** Starts the backend; trainers created afterwards run on it. */
  start(): Promise<BackendInfo>;
  create(config: GanConfig): TrainerLike;
}

/** A trainer on the target backend holding `snapshot` (or fresh from `config`); on failure, disposes what it built and throws. */
export async function buildOnBackend(target: BackendTarget, config: GanConfig, snapshot?: TrainerSnapshot | null): Promise<{ trainer: TrainerLike; info: BackendInfo }> {
  const info = await target.start();
  let trainer: TrainerLike | undefined;
  try {
    trainer = target.create(snapshot ? snapshot.config : config);
    if (snapshot) await trainer.restore(snapshot);
    return { trainer, info };
  } catch (err) {
    trainer?.dispose();
    throw err;
  }
}
