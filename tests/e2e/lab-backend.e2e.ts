// `auto` as a measured choice, in real Chromium (issue 12). This machine has no GPU: its WebGL is SwiftShader,
// which `auto` does not race (it is known to lose). To exercise the race, the page is told its renderer is a
// hardware one (WebGL's renderer string is overridden before the page loads); the race itself then really runs
// both backends on the lab's network, here with software WebGL, and the test prints what it measured.
import { describe, expect, it } from 'vitest';
import { useSite } from './harness';

const site = useSite();

describe('the auto backend', () => {
  it('races WebGL against WASM on the lab network, explains the winner, and caches it for the next visit', async () => {
    const context = await site.browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(() => {
      for (const C of [WebGLRenderingContext, WebGL2RenderingContext]) {
        const get = C.prototype.getParameter;
        C.prototype.getParameter = function (p: number) {
          if (p === 0x9246 || p === 0x1f01) return 'ANGLE (Test GPU, renderer name overridden for this test)';
          return get.call(this, p);
        };
      }
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const ready = async () => {
      await page.waitForFunction(() => {
        const b = document.getElementById('lab')?.dataset.backend;
        return b && b !== 'loading';
      }, null, { timeout: 90_000 });
      return page.textContent('#lab .lab-backend-info');
    };
    await page.goto(`${site.server.url}lab/?backend=auto`, { waitUntil: 'load' });
    const first = (await ready())!;
    console.log(`auto backend race (software WebGL, machine under load): ${first}`);
    // Chromium offers WebGL on an OffscreenCanvas in a worker: WebGL raced there, as it would train.
    expect(first).toMatch(/(WebGL|WASM) won a short race on this network \(measured just now\): WebGL [\d,]+ it\/s, WASM [\d,]+ it\/s, both in a worker/);
    const winner = /^(\w+) won/.exec(first.split(' · ').pop()!)![1].toLowerCase();
    expect(await page.getAttribute('#lab', 'data-backend')).toBe(winner);
    const cached = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('gan-lab:backend-race:')));
    expect(cached).toHaveLength(1);
    // the same address again (the page's own URL now names the backend it trained on, for its link's replay)
    await page.goto(`${site.server.url}lab/?backend=auto`, { waitUntil: 'load' });
    const second = (await ready())!;
    console.log(`after reload: ${second}`);
    expect(second).toMatch(/won a short race on this network \(measured earlier in this browser\)/);
    expect(await page.getAttribute('#lab', 'data-backend')).toBe(winner);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('trains WebGL in a worker (OffscreenCanvas), says so, and a context lost there moves the run to WASM with nothing lost', async () => {
    const context = await site.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors: string[] = [];
    const scripts: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => scripts.push(r.url()));
    const lab = () => page.evaluate(() => ({ ...document.getElementById('lab')!.dataset }));
    const webglWorkers = () => page.workers().filter((w) => /trainer-worker-webgl/.test(w.url())).length;
    await page.goto(`${site.server.url}lab/?backend=webgl`, { waitUntil: 'load' });
    await page.waitForFunction(() => Number(document.getElementById('lab')?.dataset.iteration) >= 20, null, { timeout: 120_000 });
    const info = (await page.textContent('#lab .lab-backend-info'))!;
    console.log(`WebGL in a worker: ${info}`);
    expect((await lab()).backend).toBe('webgl');
    expect(info).toMatch(/WebGL as requested.*\(in a worker\)/);
    expect(webglWorkers()).toBe(1);
    // The page never loaded tfjs's WebGL trainer: it only draws.
    expect(scripts.filter((u) => /page-trainer/.test(u))).toEqual([]);
    // Lost while playing (lab-faults.e2e.ts loses it paused and checks the weights): the run carries on on WASM from
    // the last frame drawn, still playing.
    expect((await lab()).status).toBe('playing');
    expect(await page.evaluate(() => (document.getElementById('lab') as any).labDebug.loseWebGLContext())).toBe(true);
    await page.waitForFunction(() => document.getElementById('lab')!.dataset.backend === 'wasm', null, { timeout: 60_000 });
    const said = /context was lost; switched to WASM and continued from the last frame's weights \(iteration ([\d,]+)\)/.exec((await page.textContent('#lab'))!);
    expect(said).not.toBeNull();
    const from = Number(said![1].replace(/,/g, ''));
    expect(from).toBeGreaterThan(0); // not wiped (a chunk posted ahead of the last frame may be lost with the context)
    expect(await page.locator('.lab-backend-select').inputValue()).toBe('wasm');
    await page.waitForFunction((b) => Number(document.getElementById('lab')!.dataset.iteration) > b + 20, from, { timeout: 60_000 });
    expect((await lab()).status).toBe('playing');
    expect(await page.textContent('#lab')).not.toMatch(/Training stopped/);
    expect((await lab()).backend).toBe('wasm');
    await expect.poll(webglWorkers, { timeout: 10_000 }).toBe(0); // the lost worker was stopped
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);

  it("where a worker offers no WebGL, WebGL trains in the page's main thread and the line says why", async () => {
    const context = await site.browser.newContext({ viewport: { width: 1280, height: 800 } });
    // Every worker first imports a module that takes WebGL away from its OffscreenCanvas (as browsers without
    // OffscreenCanvas WebGL in workers are); the page keeps its own.
    await context.addInitScript(`(() => {
      const noWebGL = "const get = OffscreenCanvas.prototype.getContext; OffscreenCanvas.prototype.getContext = function (kind, ...rest) { return /webgl/.test(kind) ? null : get.call(this, kind, ...rest); };";
      const first = URL.createObjectURL(new Blob([noWebGL], { type: 'text/javascript' }));
      const Native = globalThis.Worker;
      globalThis.Worker = class extends Native {
        constructor(url, opts) {
          const own = new URL(url, location.href).href;
          super(URL.createObjectURL(new Blob(["import '" + first + "'; import '" + own + "';"], { type: 'text/javascript' })), opts);
        }
      };
    })();`);
    const page = await context.newPage();
    const errors: string[] = [];
    const scripts: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => scripts.push(r.url()));
    await page.goto(`${site.server.url}lab/?backend=webgl`, { waitUntil: 'load' });
    await page.waitForFunction(() => Number(document.getElementById('lab')?.dataset.iteration) >= 5, null, { timeout: 120_000 });
    const info = (await page.textContent('#lab .lab-backend-info'))!;
    console.log(`WebGL without a worker: ${info}`);
    expect(await page.getAttribute('#lab', 'data-backend')).toBe('webgl');
    expect(info).toMatch(/WebGL as requested.*\(on the page's main thread: WebGL did not start in a worker: WebGL failed to initialise\)/);
    expect(scripts.some((u) => /page-trainer/.test(u))).toBe(true); // tfjs's WebGL trainer loaded in the page
    // The context-loss fallback holds here too.
    expect(await page.evaluate(() => (document.getElementById('lab') as any).labDebug.loseWebGLContext())).toBe(true);
    await page.waitForFunction(() => document.getElementById('lab')!.dataset.backend === 'wasm', null, { timeout: 60_000 });
    expect(await page.textContent('#lab')).toMatch(/context was lost; switched to WASM and continued from the last frame's weights/);
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);
});

