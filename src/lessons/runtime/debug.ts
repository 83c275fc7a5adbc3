// The author's debug view, on any chapter page with `?debug` in its URL (like scrollama's and Closeread's debug
// modes): the reading line that makes a step active is drawn across the page, each step is outlined with its
// trigger edge (its top: the step turns active when that edge crosses the line), and each step is labelled with its
// checkpoint: the iteration it trains to and its config's changes against the previous step's. Pure DOM, no lab.
import type { RuntimeData } from '../page-data';

type Tree = { [k: string]: unknown };

/** Leaf values by dotted path. */
function leaves(o: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (o && typeof o === 'object' && !Array.isArray(o)) {
    for (const [k, v] of Object.entries(o as Tree)) leaves(v, prefix ? `${prefix}.${k}` : k, out);
  } else out.set(prefix, o);
  return out;
}

const show = (v: unknown) => (v === undefined ? '(unset)' : typeof v === 'string' ? v : JSON.stringify(v));

/** `path: before → after` for every config leaf that differs (in `after`'s order, then removed ones). */
export function configDiff(before: unknown, after: unknown): string[] {
  const a = leaves(before);
  const b = leaves(after);
  const out: string[] = [];
  for (const [k, v] of b) if (JSON.stringify(a.get(k)) !== JSON.stringify(v)) out.push(`${k}: ${show(a.get(k))} → ${show(v)}`);
  for (const [k, v] of a) if (!b.has(k)) out.push(`${k}: ${show(v)} → (unset)`);
  return out;
}

/** Each step's label: its number and anchor, its checkpoint's iteration, its config diff against the step before. */
export function stepLabels(data: Pick<RuntimeData, 'steps' | 'config'>): string[] {
  return data.steps.map((s, i) => {
    const prev = i > 0 ? data.steps[i - 1].config : data.config;
    const diff = configDiff(prev ?? {}, s.config);
    const what = i === 0 ? 'config against the chapter\'s ::lab' : `config against step ${i}`;
    return `step ${i + 1} (#${s.id}) · checkpoint at iteration ${s.train} · ${what}: ${diff.length ? diff.join(', ') : 'no change'}`;
  });
}

/** Draws the debug view; returns how to remove it. */
export function showDebugView(doc: Document, stepEls: readonly HTMLElement[], data: RuntimeData, readingLine: () => number): () => void {
  const made: HTMLElement[] = [];
  const line = doc.createElement('div');
  line.className = 'lesson-debug-line';
  line.setAttribute('aria-hidden', 'true');
  line.textContent = 'reading line: a step is active once its top edge passes here';
  doc.body.append(line);
  made.push(line);
  const labels = stepLabels(data);
  stepEls.forEach((el, i) => {
    el.classList.add('lesson-debug-step');
    const label = doc.createElement('p');
    label.className = 'lesson-debug-label';
    label.textContent = labels[i] ?? `step ${i + 1}`;
    el.prepend(label);
    made.push(label);
  });
  doc.documentElement.dataset.lessonDebug = '';
  const place = () => void (line.style.top = `${Math.round(readingLine())}px`);
  place();
  const view = doc.defaultView ?? window;
  view.addEventListener('resize', place);
  view.addEventListener('scroll', place, { passive: true });
  return () => {
    view.removeEventListener('resize', place);
    view.removeEventListener('scroll', place);
    made.forEach((m) => m.remove());
    stepEls.forEach((el) => el.classList.remove('lesson-debug-step'));
    delete doc.documentElement.dataset.lessonDebug;
  };
}
