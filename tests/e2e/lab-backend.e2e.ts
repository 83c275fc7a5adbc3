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
    expect(first).toMatch(/(WebGL|WASM) won a short race on this network \(measured just now\): WebGL [\d,]+ it\/s, WASM [\d,]+ it\/s in a worker/);
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
});
