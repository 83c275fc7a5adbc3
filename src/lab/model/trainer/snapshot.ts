// Snapshots: JSON-safe copies of a run (restore(snapshot) then N iterations equals N iterations without it).
import { parseConfig, type GanConfig } from '../config';
import type { NetworkState, TrainerSnapshot } from '../types';
import { netLayout, type Net } from './nets';

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

/** The snapshot's config, once every shape in it is checked. Throws on a malformed snapshot. */
export function checkSnapshot(s: TrainerSnapshot): GanConfig {
  if (!s || s.version !== 1) throw new Error('not a trainer snapshot (version 1)');
  const config = parseConfig(s.config);
  const gTotal = netLayout('g', config).total;
  const dTotal = netLayout('d', config).total;
  for (const [st, total, name] of [[s.generator, gTotal, 'generator'], [s.discriminator, dTotal, 'discriminator']] as const) {
    if (!st || !Array.isArray(st.params) || st.params.length !== total) throw new Error(`snapshot ${name}: expected ${total} parameters, got ${st?.params?.length}`);
    if (!Array.isArray(st.slots) || st.slots.some((x) => !Array.isArray(x) || x.length !== total)) throw new Error(`snapshot ${name}: optimizer slots do not match the parameters`);
  }
  if (!Array.isArray(s.rng) || s.rng.length !== 4) throw new Error('snapshot rng: expected 4 words');
  return config;
}
