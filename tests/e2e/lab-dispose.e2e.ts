// Mounting and disposing labs in real Chromium, against the built site (run `npm run build` first): whatever a lab
// holds outside its own DOM must be let go by its dispose().
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useSite } from './harness';

const site = useSite();

const attr = (page: Page, name: string) => page.evaluate((n) => document.getElementById('lab')!.getAttribute(n), name);
/**
 * Wraps, before any page script runs, what a lab may hold on to outside its own DOM, and counts what is live:
 * listeners on the document, the window and media queries; workers (constructed, not terminated); observed
 * elements; animation frames, timeouts and intervals asked for and not yet run or cancelled.
 */
function trackResources() {
  const w = window as any;
  const listeners = new Map<string, Set<unknown>>();
  const live = { workers: 0, observed: 0, frames: new Set<number>(), timeouts: new Set<unknown>(), intervals: new Set<unknown>() };
  const where = (t: EventTarget) => (t === document ? 'document' : t === window ? 'window' : t instanceof MediaQueryList ? 'media' : null);
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  const keyOf = (t: EventTarget, type: string, opts: unknown) => `${where(t)}:${type}:${typeof opts === 'boolean' ? opts : !!(opts as AddEventListenerOptions)?.capture}`;
  EventTarget.prototype.addEventListener = function (this: EventTarget, type: string, fn: any, opts?: any) {
    if (where(this) && fn) {
      const k = keyOf(this, type, opts);
      if (!listeners.has(k)) listeners.set(k, new Set());
      listeners.get(k)!.add(fn);
    }
    return add.call(this, type, fn, opts);
  };
  EventTarget.prototype.removeEventListener = function (this: EventTarget, type: string, fn: any, opts?: any) {
    if (where(this)) listeners.get(keyOf(this, type, opts))?.delete(fn);
    return remove.call(this, type, fn, opts);
  };
  const OrigWorker = w.Worker;
  w.Worker = class extends OrigWorker {
    private ended = false;
    constructor(...args: any[]) {
      super(...args);
      live.workers++;
    }
    terminate() {
      if (!this.ended) live.workers--;
      this.ended = true;
      super.terminate();
    }
  };
  for (const name of ['IntersectionObserver', 'ResizeObserver']) {
    const Orig = w[name];
    w[name] = class extends Orig {
      private targets = 0;
      observe(el: Element, o?: unknown) {
        this.targets++;
        live.observed++;
        return super.observe(el, o);
      }
      disconnect() {
        live.observed -= this.targets;
        this.targets = 0;
        return super.disconnect();
      }
    };
  }
  const raf = w.requestAnimationFrame.bind(w);
  const caf = w.cancelAnimationFrame.bind(w);
  w.requestAnimationFrame = (cb: FrameRequestCallback) => {
    const id = raf((t: number) => {
      live.frames.delete(id);
      cb(t);
    });
    live.frames.add(id);
    return id;
  };
  w.cancelAnimationFrame = (id: number) => {
    live.frames.delete(id);
    caf(id);
  };
  const st = w.setTimeout.bind(w);
  const ct = w.clearTimeout.bind(w);
  w.setTimeout = (cb: any, ms?: number, ...a: any[]) => {
    const id = st(
      (...x: any[]) => {
        live.timeouts.delete(id);
        if (typeof cb === 'function') cb(...x);
      },
      ms,
      ...a,
    );
    live.timeouts.add(id);
    return id;
  };
  w.clearTimeout = (id: any) => {
    live.timeouts.delete(id);
    ct(id);
  };
  const si = w.setInterval.bind(w);
  const ci = w.clearInterval.bind(w);
  w.setInterval = (...a: any[]) => {
    const id = si(...a);
    live.intervals.add(id);
    return id;
  };
  w.clearInterval = (id: any) => {
    live.intervals.delete(id);
    ci(id);
  };
  w.__labResources = () => ({
    listeners: [...listeners].filter(([, s]) => s.size > 0).map(([k, s]) => `${k} x${s.size}`).sort(),
    workers: live.workers,
    observed: live.observed,
    frames: live.frames.size,
    timeouts: live.timeouts.size,
    intervals: live.intervals.size,
  });
}

describe('mounting and disposing labs', () => {
  it('leaves no listener, worker, observer, frame, timer or tensor behind after 50 labs', async () => {
    // Every lab trains in a worker (WebGL too, on an OffscreenCanvas: trainer-placement.ts): each lab's tensors are
    // counted in its worker (its root's labDebug). WebGL labs have their own; WASM and CPU labs share the page's
    // (remote/worker-pool.ts), here at most one per backend, so each round's two WASM labs share one, as do its two
    // CPU labs. A worker must be gone once its last lab is.
    const context = await site.browser.newContext({ reducedMotion: 'reduce', viewport: { width: 1280, height: 800 } });
    await context.addInitScript(trackResources);
    await context.addInitScript('globalThis.__labWorkersPerPage = 1');
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await page.goto(`${site.server.url}lab/?backend=webgl`, { waitUntil: 'load' });
    await page.waitForFunction(() => !!(document.getElementById('lab') as any).labController?.frameData, null, { timeout: 60_000 });
    expect(await attr(page, 'data-backend')).toBe('webgl');
    const measure = () =>
      page.evaluate(async () => ({ ...(window as any).__labResources(), tensors: await (document.getElementById('lab') as any).labDebug.numTensors() }));
    // One round of labs mounted side by side (alternately with global keys and compact), each stepped once and
    // set playing, then disposed together.
    await page.evaluate(() => {
      (window as any).__labRound = async (backends: string[], box: HTMLElement, seen: { backends: Set<string>; maxWorkers: number; maxTensors: number; iterations: number }) => {
        const { mountLab } = (document.getElementById('lab') as any).labDebug;
        const roots: HTMLElement[] = [];
        const labs = await Promise.all(
          backends.map((backend, i) => {
            const el = box.appendChild(document.createElement('div'));
            roots.push(el);
            return mountLab(el, { backend, config: { batchSize: 32, generator: { neurons: 8 }, discriminator: { neurons: 8 } }, globalKeys: i % 2 === 0, compact: i % 2 === 1 });
          }),
        );
        for (const { controller } of labs) {
          seen.backends.add(controller.state.backend.backend);
          await controller.step('both');
          seen.iterations += controller.iteration;
          controller.play(); // reduced motion only stops autoplay: this starts the loop
        }
        await new Promise((r) => setTimeout(r, 30));
        seen.maxWorkers = Math.max(seen.maxWorkers, (window as any).__labResources().workers);
        for (const root of roots) seen.maxTensors = Math.max(seen.maxTensors, await (root as any).labDebug.numTensors());
        await Promise.all(labs.map((l: { dispose(): Promise<void> }) => l.dispose()));
      };
    });
    // A first lab warms tfjs's once-per-page caches up (src/lab/model/constants.ts keeps each scalar it is asked
    // for): what the fifty leave behind is measured against the page after it.
    await page.evaluate(async () => {
      const box = document.body.appendChild(document.createElement('div'));
      await (window as any).__labRound(['webgl'], box, { backends: new Set(), maxWorkers: 0, maxTensors: 0, iterations: 0 });
      box.remove();
    });
    await expect.poll(async () => (await measure()).frames + (await measure()).timeouts, { timeout: 10_000 }).toBe(0);
    const before = await measure();

    const report = await page.evaluate(async () => {
      const box = document.body.appendChild(document.createElement('div'));
      const seen = { backends: new Set<string>(), maxWorkers: 0, maxTensors: 0, iterations: 0 };
      // One WebGL lab a round: each starts its own worker and compiles its shaders there (in SwiftShader here,
      // seconds a lab), so three a round made this test take four minutes on an idle machine.
      for (let round = 0; round < 10; round++) await (window as any).__labRound(['webgl', 'wasm', 'cpu', 'wasm', 'cpu'], box, seen);
      const left = [...box.children].reduce((n, root) => n + root.childElementCount + root.attributes.length, 0);
      box.remove();
      return { backends: [...seen.backends].sort(), maxWorkers: seen.maxWorkers, maxTensors: seen.maxTensors, iterations: seen.iterations, left };
    });
    // The labs did run where they were asked to, and held workers and tensors while they lived.
    expect(report.backends).toEqual(['cpu', 'wasm', 'webgl']);
    expect(report.iterations).toBe(50);
    expect(report.maxWorkers).toBe(before.workers + 3); // WebGL's own, one shared by the WASM labs, one by the CPU labs
    expect(report.maxTensors).toBeGreaterThan(0);
    expect(report.left).toBe(0); // every root emptied
    // Everything they held is let go (frames and timeouts already asked for run once, then stop).
    await expect.poll(measure, { timeout: 15_000 }).toEqual(before);
    expect(consoleErrors).toEqual([]);
    await context.close();
  }, 300_000); // 50 labs, on a slow shared machine
});
