// Live values in the prose (`:value`): each follows the lab's metrics and losses. A value inside a step follows
// the lab only while that step is active (elsewhere it would describe another step's state) and otherwise reads
// its baked number again (written by the build, page-data.ts), so the text is a function of the active step alone;
// values outside steps always follow the lab.
import type { Metrics, TrainerFrame } from '../../lab/model/types';
import { formatLive } from '../live-value';
import type { LessonLab } from './lab';
import { pageLocale } from './locale';

type Values = Partial<Record<string, number>>;

/** Starts updating `els` from `lab`; `active()`: the active step's index. Returns how to stop. */
export function wireLiveValues(lab: LessonLab, els: readonly HTMLElement[], active: () => number): () => void {
  if (!els.length) return () => undefined;
  const locale = pageLocale();
  const owner = new Map(els.map((el) => [el, el.closest<HTMLElement>('section.step[data-step]')]));
  const show = (values: Values) => {
    for (const el of els) {
      const st = owner.get(el);
      if (st && st.dataset.step !== String(active())) {
        el.textContent = el.dataset.baked ?? '–';
        continue;
      }
      const v = values[el.dataset.metric!];
      if (typeof v === 'number') el.textContent = formatLive(el.dataset.metric!, v, el.dataset.digits, values.iteration, locale, el.dataset.format);
    }
  };
  const offMetrics = lab.on('metrics', (hist: Metrics[]) => {
    const m = hist[hist.length - 1];
    if (m) show(m as unknown as Values);
  });
  const offFrame = lab.on('frame', (f: TrainerFrame) => show({ iteration: f.iteration, dLoss: f.dLoss, gLoss: f.gLoss }));
  const last = lab.history[lab.history.length - 1];
  if (last) show(last as unknown as Values);
  return () => {
    offMetrics();
    offFrame();
  };
}
