// `astro dev` only (index.ts loads it under import.meta.env.DEV): each step's claims are checked as the author reads.
// Steps are asked for in order from the dev server (src/lessons/dev-server.ts), which bakes what changed; while a
// step bakes, it says so on the step and in the loading line, and a claim its checkpoint does not bear out is marked
// on its step with what was claimed and what was measured (the terminal gets the same text).
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
  failures: { line: number; col: number; text: string; message: string }[];
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
  const clear = (el: HTMLElement) => el.querySelectorAll(':scope > .dev-claims').forEach((m) => m.remove());
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
          el.prepend(marker(doc, 'claims-failed', 'note', body.failures.length === 1 ? 'A claim does not hold' : `${body.failures.length} claims do not hold`, body.failures.map((f) => f.text)));
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
