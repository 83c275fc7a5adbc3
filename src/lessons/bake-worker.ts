// A bake worker thread (started by bake-parallel.ts, bundled to plain JavaScript first): trains each task it is
// sent with the serial baker's own bakeRuns, writing the cache, and replies with the keys it trained.
import { parentPort, workerData } from 'node:worker_threads';
import { bakeRuns } from './bake';
import { stepKeys, trainerVersion } from './bake-cache';
import type { BakeTask, WorkerReply, WorkerSetup } from './bake-parallel';

const setup = workerData as WorkerSetup;

parentPort!.on('message', async ({ id, task }: { id: number; task: BakeTask }) => {
  let reply: WorkerReply;
  try {
    // the main thread named these keys; a worker that computed others would fill the cache to no use
    if (stepKeys(task.checkpoints, trainerVersion(setup.root)).join() !== task.keys.join()) throw new Error('the worker computes other checkpoint keys than the main thread');
    // The checkpoints before the stretch are in the cache (cached, or trained in this bake by the task this one
    // waited on): read them even when fresh.
    const before = task.keys.slice(0, task.keys.length - task.trains);
    const baked = await bakeRuns(task.file, [{ by: task.by, checkpoints: task.checkpoints }], {
      root: setup.root,
      cacheDir: setup.cacheDir,
      backend: setup.backend,
      fresh: setup.fresh,
      workers: 1,
      warmed: { keys: new Set(before), counted: new Set(before) },
    });
    reply = { id, trained: baked.runs.flatMap((r) => r.steps.filter((s) => !s.cached).map((s) => s.key)) };
  } catch (err) {
    reply = { id, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort!.postMessage(reply);
});
