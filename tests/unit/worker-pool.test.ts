// The page's shared WASM and CPU workers (remote/worker-pool.ts): a new worker per lab up to the cap, then the
// least-used one; a worker stops with its last lab. (Two labs training through one worker: remote-trainer.test.ts.)
import { describe, expect, it } from 'vitest';
import type { TrainerHost } from '../../src/lab/remote/remote-trainer';
import { WorkerPool, workersPerPage } from '../../src/lab/remote/worker-pool';

function fakeHosts() {
  const made: { backend: string; stopped: boolean; isBroken: boolean; terminate(): void }[] = [];
  const make = (backend: string) => {
    const h = { backend, stopped: false, isBroken: false, terminate: () => ((h.stopped = true), (h.isBroken = true)) };
    made.push(h);
    return h as unknown as TrainerHost;
  };
  return { made, make };
}

describe('WorkerPool', () => {
  it('starts a worker per lab up to the cap, then shares the least-used one, per backend', () => {
    const { made, make } = fakeHosts();
    const pool = new WorkerPool(make, () => 2);
    const labs = [1, 2, 3, 4].map(() => pool.acquire('wasm'));
    expect(made).toHaveLength(2);
    expect(labs.map((h) => made.indexOf(h as never))).toEqual([0, 1, 0, 1]);
    // A CPU lab gets its own worker: the cap counts each backend's workers.
    const cpu = pool.acquire('cpu');
    expect(made).toHaveLength(3);
    expect((cpu as unknown as { backend: string }).backend).toBe('cpu');
    // The next WASM lab joins the worker with fewer labs once one has left.
    expect(pool.release(labs[1])).toBe(true);
    expect(made[1].stopped).toBe(false); // labs[3] still uses it
    expect(pool.acquire('wasm')).toBe(labs[1]);
  });

  it('stops a worker when its last lab lets it go, and never hands out a broken one', () => {
    const { made, make } = fakeHosts();
    const pool = new WorkerPool(make, () => 1);
    const a = pool.acquire('wasm');
    const b = pool.acquire('wasm');
    expect(a).toBe(b);
    pool.release(a);
    expect(made[0].stopped).toBe(false);
    pool.release(b);
    expect(made[0].stopped).toBe(true);
    expect(pool.size).toBe(0);
    // A worker that failed is not shared any more: the next lab gets a new one.
    const c = pool.acquire('wasm');
    made[1].isBroken = true;
    expect(pool.acquire('wasm')).not.toBe(c);
    // A host the pool never gave out is not its to stop.
    expect(pool.release(make('wasm'))).toBe(false);
  });

  it('allows one worker per core, at least one', () => {
    expect(workersPerPage(2)).toBe(2);
    expect(workersPerPage(8)).toBe(8);
    expect(workersPerPage(0)).toBe(1);
  });
});
