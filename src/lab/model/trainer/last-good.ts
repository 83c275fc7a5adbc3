// Good states kept on the device, so a diverged run can go back to one. A few are kept, spaced apart, and only from
// reads that showed no warning sign (health.ts): a restore goes to one from at least SPACING iterations before the
// trouble began, since the last healthy-looking state may already be on its way up.
import { grab, putBack, releaseNet, type MarkMeta, type SavedNet } from './mark';
import type { Networks } from './nets';

/** What besides the weights a restore puts back: what a mark keeps (mark.ts). */
export type GoodMeta = MarkMeta;

type Kept = GoodMeta & { g: SavedNet; d: SavedNet };

/** Checkpoints kept, and the fewest iterations between two. */
export const KEEP = 4;
export const SPACING = 50;

function release(k: Kept) {
  releaseNet(k.g);
  releaseNet(k.d);
}

export class LastGood {
  private kept: Kept[] = [];

  /** The iteration a restore would go back to, for trouble that began at `trouble` (now, if not given). */
  iteration(trouble = Infinity): number | null {
    return this.pick(trouble)?.iteration ?? null;
  }

  /** Keeps the state if it is SPACING iterations past the newest kept (states past `meta.iteration` are dropped). */
  save(nets: Networks, meta: GoodMeta): void {
    this.dropAfter(meta.iteration);
    const newest = this.kept[this.kept.length - 1];
    if (newest && meta.iteration - newest.iteration < SPACING) return;
    this.kept.push({ ...meta, g: grab(nets.g), d: grab(nets.d) });
    if (this.kept.length > KEEP) release(this.kept.shift()!);
  }

  /**
   * Puts back the newest state from at least SPACING iterations before `trouble` (else the oldest kept) into `nets`;
   * returns the rest, or null if none is kept. Later states are dropped.
   */
  restore(nets: Networks, trouble = Infinity): GoodMeta | null {
    const s = this.pick(trouble);
    if (!s) return null;
    this.dropAfter(s.iteration);
    putBack(nets, 'g', s.g);
    putBack(nets, 'd', s.d);
    return { iteration: s.iteration, rng: s.rng, losses: s.losses };
  }

  /** Tensors held (for leak tests). */
  get tensors(): number {
    return this.kept.reduce((n, k) => n + 2 + k.g.slots.length + k.d.slots.length, 0);
  }

  clear(): void {
    this.kept.forEach(release);
    this.kept = [];
  }

  private pick(trouble: number): Kept | undefined {
    const before = this.kept.filter((k) => k.iteration <= trouble - SPACING);
    return before[before.length - 1] ?? this.kept[0];
  }

  private dropAfter(iteration: number) {
    while (this.kept.length && this.kept[this.kept.length - 1].iteration > iteration) release(this.kept.pop()!);
  }
}
