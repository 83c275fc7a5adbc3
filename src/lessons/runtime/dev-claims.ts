// `astro dev` only (index.ts loads it under import.meta.env.DEV): each step's claims are checked as the author reads.
// Steps are asked for in order from the dev server (src/lessons/dev-server.ts), which bakes what changed; while a
// step bakes, it says so on the step and in the loading line, and a claim its checkpoint does not bear out is marked
// on its step with what was claimed and what was measured (the terminal gets the same text). On a step showing a
// comparison figure the claims are checked on each column's run; the marker names the columns they fail on.
import type { LessonPage } from './page';
import type { Progress } from './progress';

export interface DevData {
  /** The chapter's slug (the page's `RuntimeData.chapter`). */
  chapter: string;
  /** The dev server's claims endpoint. */
  claims: string;
}

interface StepClaims {
  step: number;
  claims: number;
  /** `column`: on a step showing a comparison figure, the column the claim failed on. */
  failures: { line: number; col: number; text: string; message: string; column?: string }[];
  /** A step showing a comparison figure: its claims were checked on each of these columns' runs. */
  figure?: { id: string; columns: string[] };
}

/** The marker's title: how many claims failed, and on a figure's step, in which columns. */
function failedTitle(body: StepClaims): string {
  const n = body.failures.length;
  const head = n === 1 ? 'A claim does not hold' : `${n} claims do not hold`;
  const columns = [...new Set(body.failures.map((f) => f.column).filter((c): c is string => !!c))];
  return columns.length ? `${head} in column${columns.length === 1 ? '' : 's'} ${columns.map((c) => `“${c}”`).join(', ')}` : head;
}

/**
 * A note on a step: a title, then each text's first line (the error, wrapped to the column) and the rest (the
 * source line and its caret) unwrapped, so the caret stays under its column.
 */
function marker(doc: Document, cls: string, role: string, title: string, texts: readonly string[] = []): HTMLElement {
  const el = doc.createElement('div');
  el.className = `dev-claims ${cls}`;
  el.setAttribute('role', role);
  const strong = doc.createElement('strong');
  strong.textContent = title;
  el.append(strong);
  for (const text of texts) {
    const [first, ...frame] = text.split('\n');
    const p = doc.createElement('p');
    p.className = 'dev-claims-error';
    p.textContent = first;
    el.append(p);
    if (frame.length) {
      const pre = doc.createElement('pre');
      pre.textContent = frame.join('\n');
      el.append(pre);
    }
  }
  return el;
}

/** Checks every step's claims, one after another; returns how to stop. Marks <html data-claims-checked="n">. */
export function checkStepClaims(page: LessonPage, progress: Progress, dev: DevData): () => void {
  let stopped = false;
  const { doc } = page;
  const clear = (el: HTMLElement) => {
    el.querySelectorAll(':scope > .dev-claims').forEach((m) => m.remove());
    delete el.dataset.claimsColumns;
  };
  const run = async () => {
    const n = page.stepEls.length;
    for (let i = 0; i < n && !stopped; i++) {
      const el = page.stepEls[i];
      clear(el);
      el.dataset.claims = 'baking';
      const badge = marker(doc, 'claims-baking', 'status', 'Baking this step to check its claims…');
      el.prepend(badge);
      progress.set('claims', true, `Baking step ${i + 1} of ${n} to check its claims…`);
      try {
        const r = await fetch(`${dev.claims}?chapter=${encodeURIComponent(dev.chapter)}&step=${i}`);
        const body = (await r.json()) as StepClaims | { error: string };
        if (stopped) return;
        badge.remove();
        if ('error' in body) {
          el.dataset.claims = 'error';
          el.prepend(marker(doc, 'claims-failed', 'note', 'Could not check this step', [body.error]));
        } else if (body.failures.length) {
          el.dataset.claims = 'failed';
          const columns = body.failures.map((f) => f.column).filter((c): c is string => !!c);
          if (columns.length) el.dataset.claimsColumns = [...new Set(columns)].join(',');
          el.prepend(marker(doc, 'claims-failed', 'note', failedTitle(body), body.failures.map((f) => f.text)));
        } else el.dataset.claims = body.claims ? 'ok' : 'none';
      } catch (err) {
        badge.remove();
        el.dataset.claims = 'error';
        el.prepend(marker(doc, 'claims-failed', 'note', 'Could not check this step', [err instanceof Error ? err.message : String(err)]));
      }
      page.html.dataset.claimsChecked = String(i + 1);
    }
    progress.set('claims', false);
  };
  void run();
  return () => {
    stopped = true;
    progress.set('claims', false);
  };
}
