// The lesson vocabulary's names -> the lab's names (the lab's controller API speaks its own view names).
import type { LayerVisibility } from '../lab/view/layered-canvas';
import type { Highlight } from '../lab/view/model-graph';
import type { GraphPart, LayerMap } from './vocabulary';

/** Lesson layers (`gradients`) -> the lab's layer visibility (`gradient`). */
export function labLayers(l: LayerMap): LayerVisibility {
  return { real: l.real, fake: l.fake, manifold: l.manifold, heatmap: l.heatmap, gradient: l.gradients };
}

/** Lesson graph parts -> the lab graph's highlights (`samples` lights both sample boxes). Null: nothing. */
export function labHighlight(parts: readonly GraphPart[]): Highlight[] | null {
  const out: Highlight[] = [];
  for (const p of parts) {
    if (p === 'samples') out.push('fake', 'real');
    else out.push(p);
  }
  return out.length ? out : null;
}

const DEFAULT_DIGITS: Record<string, number> = { iteration: 0, modes: 0, dLoss: 3, gLoss: 3, kl: 3, js: 3, highQuality: 3, reverseKL: 3, outside: 3 };

/** A live value's text: `digits` from the directive, else a per-metric default. */
export function formatLive(metric: string, v: number, digits?: string, iteration?: number): string {
  if (!Number.isFinite(v)) return '–';
  // before the first training step there is no loss yet (a snapshot stores 0): show the dash, not a false 0
  if (iteration === 0 && (metric === 'dLoss' || metric === 'gLoss')) return '–';
  const d = digits !== undefined && /^\d$/.test(digits) ? Number(digits) : (DEFAULT_DIGITS[metric] ?? 3);
  return v.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
}
