// Snapshots: JSON-safe copies of a run (restore(snapshot) then N iterations equals N iterations without it).
import type { NetworkState } from '../types';
import type { Net } from './nets';

export function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

/** A network's parameters and optimizer slots, read from the device. */
export async function readNetState(n: Net): Promise<NetworkState> {
  const [params, ...slots] = await Promise.all([n.params, ...n.opt.slots].map((t) => t.data()));
  return { params: Array.from(params), slots: slots.map((s) => Array.from(s)), step: n.opt.step };
}

/** A network's state from its read segment: `total` parameters, then each optimizer slot (`total` each). */
export function netStateFromFlat(v: Float32Array, total: number, step: number): NetworkState {
  const at = (i: number) => Array.from(v.subarray(i * total, (i + 1) * total));
  return { params: at(0), slots: Array.from({ length: v.length / total - 1 }, (_, i) => at(i + 1)), step };
}
