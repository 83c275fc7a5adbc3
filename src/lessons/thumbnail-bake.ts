// Drawing a chapter's picture from its baked snapshot, in Node at build time (the trainer restores the state and
// reads one frame). Apart from thumbnail.ts, which the table of contents imports for the file names alone.
import { initNodeBackend } from '../lab/model/backend-node';
import { Trainer } from '../lab/model/trainer';
import type { TrainerSnapshot } from '../lab/model/types';
import { thumbnailSvg } from './thumbnail';

/** Renders a baked snapshot's thumbnail (trains nothing: one frame of the restored state). */
export async function thumbnailFromSnapshot(snapshot: TrainerSnapshot, label: string): Promise<string> {
  await initNodeBackend('wasm');
  const t = Trainer.fromSnapshot(snapshot);
  try {
    const f = await t.frame();
    if (!f) throw new Error('the baked state has diverged');
    return thumbnailSvg(f, label);
  } finally {
    t.dispose();
  }
}
