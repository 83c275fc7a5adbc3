// Baked step states, fetched once and shared by every visit to a step; a failed fetch is forgotten, so the next
// visit tries again.
import type { TrainerSnapshot } from '../../lab/model/types';
import { ReaderError } from '../../lab/i18n/reader-error';
import { runtimeText } from './locale';

export class SnapshotCache {
  private readonly pending = new Map<number, Promise<TrainerSnapshot>>();

  constructor(
    /** Each step's snapshot URL, by step index ('' where the step has none here). */
    private readonly urls: readonly string[],
    private readonly get: (url: string) => Promise<Response> = (url) => fetch(url),
  ) {}

  has(i: number): boolean {
    return i >= 0 && i < this.urls.length && !!this.urls[i];
  }

  fetch(i: number): Promise<TrainerSnapshot> {
    let p = this.pending.get(i);
    if (!p) {
      p = this.get(this.urls[i]).then((r) => {
        if (!r.ok) throw new ReaderError(runtimeText('chapter.stepFailed', { n: String(i + 1), status: String(r.status) }));
        return r.json() as Promise<TrainerSnapshot>;
      });
      p.catch(() => this.pending.delete(i));
      this.pending.set(i, p);
    }
    return p;
  }

  /** Starts fetching, ignoring failures (a later fetch reports them). */
  prefetch(i: number): void {
    if (this.has(i)) this.fetch(i).catch(() => undefined);
  }
}
