// The WASM and CPU workers the labs of one page share. A comparison figure mounts up to four labs at once, each
// wanting a worker. On 2 cores, four busy workers took the CPU from the page's main thread, which then dropped a
// display frame in more than one of twenty (bench:browser's 4-column row, `--figure-workers 1,2,3,4`: p95 frame
// 33.3 ms with 4 workers, 16.8 ms with 2, which also trained the most iterations per second). So a page starts at
// most one worker per core, and labs beyond that share the least-used one: its trainers take turns, one request
// at a time, in the order they were sent. A worker stops when its last lab lets it go. WebGL workers are never
// shared: each holds one GPU context, and a lost one moves only its own lab.
import type { WorkerBackend } from './protocol';
import type { TrainerHost } from './remote-trainer';

type Shared = 'wasm' | 'cpu';
interface Entry {
  host: TrainerHost;
  backend: Shared;
  users: number;
}

/** One worker per core. */
export function workersPerPage(cores = typeof navigator === 'undefined' ? 2 : navigator.hardwareConcurrency || 2): number {
  return Math.max(1, Math.floor(cores));
}

export class WorkerPool {
  private entries: Entry[] = [];

  constructor(
    private readonly make: (backend: WorkerBackend) => TrainerHost,
    private readonly cap: () => number = () => workersPerPage(),
  ) {}

  /** A worker for one more lab: a new one while under the cap, else the one with the fewest labs. */
  acquire(backend: Shared): TrainerHost {
    const same = this.entries.filter((e) => e.backend === backend && !e.host.isBroken);
    let e = same.length >= this.cap() ? same.reduce((a, b) => (b.users < a.users ? b : a)) : undefined;
    if (!e) this.entries.push((e = { host: this.make(backend), backend, users: 0 }));
    e.users += 1;
    return e.host;
  }

  /** A lab lets its worker go; the worker stops with its last lab. False if the pool never gave out `host`. */
  release(host: TrainerHost): boolean {
    const e = this.entries.find((k) => k.host === host);
    if (!e) return false;
    e.users -= 1;
    if (e.users <= 0) {
      this.entries = this.entries.filter((k) => k !== e);
      host.terminate();
    }
    return true;
  }

  /** Workers running now (for tests). */
  get size(): number {
    return this.entries.length;
  }
}
