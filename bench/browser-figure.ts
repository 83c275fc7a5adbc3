// bench:browser's 4-column row: a comparison figure (`:::compare`) of four standard networks playing at once, on the
// BUILT site (the fixture chapter /lessons/_fixture/compare/, its play step). Per speed (iterations per animation
// frame, set on every column): iterations/s of each column, each column's view redraws per second, and the page's
// frame time (requestAnimationFrame intervals: what scrolling and the other columns feel) as mean and p95.
// Figures, not a test.
import { loadavg } from 'node:os';
import type { Browser } from 'playwright-core';
import { openPage } from '../tests/e2e/harness';

export const FIGURE_TARGET = { itPerSecEach: 300, fps: 30, p95Ms: 33 } as const;
export const FIGURE_PAGE = 'lessons/_fixture/compare/';

export interface FigureRow {
  speed: number;
  columns: number;
  /** Iterations per second of each column, in figure order. */
  itPerSec: number[];
  /** View redraws per second of each column. */
  viewFps: number[];
  /** The page's animation frames: per second, mean and p95 interval. */
  rafFps: number;
  frameMeanMs: number;
  frameP95Ms: number;
  meets: boolean;
  loadavg1: number;
  /** Where each column trains (e.g. "wasm, in a worker"). */
  placement: string[];
  /** The workers the page was allowed (remote/worker-pool.ts), when the bench set it; else the page's own choice. */
  workers?: number;
}

const round = (x: number, d = 1) => (Number.isFinite(x) ? +x.toFixed(d) : x);

function percentile(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

/** Opens the figure's play step, then measures each speed for `durationMs` after `warmupMs`. */
export async function measureFigure(browser: Browser, base: string, speeds: number[], warmupMs: number, durationMs: number, backend = 'wasm', workers?: number): Promise<FigureRow[]> {
  const initScript = workers ? `globalThis.__labWorkersPerPage = ${Number(workers)};` : undefined;
  const { page, consoleErrors } = await openPage(browser, `${base}${FIGURE_PAGE}?backend=${backend}#step-3`, { initScript });
  try {
    await page.evaluate('globalThis.__name = globalThis.__name || ((f) => f)');
    await page.waitForFunction(
      () => {
        const cols = Array.from(document.querySelectorAll<HTMLElement>('.lesson-figure:not([hidden]) .figure-lab')) as (HTMLElement & { labController?: unknown })[];
        return cols.length > 0 && cols.every((c) => !!c.labController) && document.documentElement.dataset.stepLoaded === '2';
      },
      null,
      { timeout: 120_000 },
    );
    const placement = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('.lesson-figure:not([hidden]) .figure-lab')).map((c) => {
        const b = (c as any).labController.state.backend;
        return `${b?.backend}${/worker/.test(String(b?.reason)) ? ', in a worker' : ''}`;
      }),
    );
    const rows: FigureRow[] = [];
    for (const speed of speeds) {
      const w = await page.evaluate(
        async ({ speed, warmupMs, durationMs }) => {
          const labs = Array.from(document.querySelectorAll<HTMLElement>('.lesson-figure:not([hidden]) .figure-lab')).map((c) => (c as any).labController);
          for (const l of labs) {
            l.setSpeed(speed);
            if (!l.state.playing) l.play();
          }
          await new Promise((r) => setTimeout(r, warmupMs));
          const views = labs.map(() => 0);
          const offs = labs.map((l, k) => l.on('frame', () => (views[k] += 1)));
          const raf: number[] = [];
          let on = true;
          const loop = (t: number) => {
            if (!on) return;
            raf.push(t);
            requestAnimationFrame(loop);
          };
          requestAnimationFrame(loop);
          const it0 = labs.map((l) => l.state.iteration as number);
          const t0 = performance.now();
          await new Promise((r) => setTimeout(r, durationMs));
          on = false;
          const ms = performance.now() - t0;
          const it1 = labs.map((l) => l.state.iteration as number);
          offs.forEach((off) => off());
          return { ms, iterations: it1.map((v, k) => v - it0[k]), views, raf, playing: labs.map((l) => l.state.status) };
        },
        { speed, warmupMs, durationMs },
      );
      const gaps = w.raf.slice(1).map((t, i) => t - w.raf[i]);
      const itPerSec = w.iterations.map((n) => round(n / (w.ms / 1000), 0));
      const rafFps = round(w.raf.length / (w.ms / 1000));
      const frameMeanMs = round(gaps.reduce((s, g) => s + g, 0) / Math.max(1, gaps.length));
      const frameP95Ms = round(percentile(gaps, 95));
      rows.push({
        speed,
        columns: itPerSec.length,
        itPerSec,
        viewFps: w.views.map((v) => round(v / (w.ms / 1000))),
        rafFps,
        frameMeanMs,
        frameP95Ms,
        meets: w.playing.every((s) => s === 'playing') && Math.min(...itPerSec) >= FIGURE_TARGET.itPerSecEach && rafFps >= FIGURE_TARGET.fps && frameP95Ms <= FIGURE_TARGET.p95Ms,
        loadavg1: round(loadavg()[0], 2),
        placement,
        workers,
      });
    }
    if (consoleErrors.length) console.error(`bench:browser (figure): console errors: ${consoleErrors.join('; ')}`);
    return rows;
  } finally {
    await page.close();
  }
}

export function figureRowText(r: FigureRow): string {
  return (
    `${r.columns} columns${r.workers ? ` on ${r.workers} worker${r.workers > 1 ? 's' : ''}` : ''} at speed ${String(r.speed).padStart(2)}: ${r.itPerSec.join(' / ')} it/s per column (total ${r.itPerSec.reduce((s, v) => s + v, 0)}), ` +
    `views ${r.viewFps.join(' / ')} fps; page frames ${r.rafFps} fps, mean ${r.frameMeanMs} ms, p95 ${r.frameP95Ms} ms ` +
    `(load ${r.loadavg1})${r.meets ? ' [meets target]' : ''}`
  );
}

export const FIGURE_TARGET_TEXT = `target: every column >= ${FIGURE_TARGET.itPerSecEach} it/s with page frames >= ${FIGURE_TARGET.fps} fps and p95 <= ${FIGURE_TARGET.p95Ms} ms`;
