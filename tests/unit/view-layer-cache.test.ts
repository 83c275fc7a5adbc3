import { afterEach, describe, expect, it, vi } from 'vitest';
import { drawCached } from '../../src/lab/view/layer-cache';

/** A canvas context that records its calls, on a canvas of the given size. */
function fakeContext(width: number, height: number) {
  const calls: string[] = [];
  let m = { a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 };
  const saved: (typeof m)[] = [];
  const ctx = {
    canvas: { width, height },
    getTransform: () => ({ ...m }),
    setTransform: (...a: unknown[]) => {
      m = typeof a[0] === 'object' ? { ...(a[0] as typeof m) } : { a: a[0], b: a[1], c: a[2], d: a[3], e: a[4], f: a[5] } as typeof m;
      calls.push('setTransform');
    },
    save: () => calls.push('save') && saved.push(m),
    restore: () => calls.push('restore') && (m = saved.pop() ?? m),
    clearRect: () => calls.push('clearRect'),
    drawImage: () => calls.push('drawImage'),
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, calls, scale: (s: number) => (m = { a: s, b: 0, c: 0, d: s, e: 0, f: 0 }) };
}

class FakeOffscreen {
  ctx = fakeContext(0, 0).ctx;
  constructor(public width: number, public height: number) {}
  getContext() {
    return this.ctx;
  }
}

describe('layer cache', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('draws a layer once and copies it while its points, key, size and transform stay the same', () => {
    vi.stubGlobal('OffscreenCanvas', FakeOffscreen);
    const target = fakeContext(200, 100);
    const draw = vi.fn();
    const pts = Float32Array.from([0.1, 0.2, 0.3, 0.4]);
    drawCached(target.ctx, 'real', pts, 'k', draw);
    // a fresh copy with the same values (as every frame from a worker brings) is the same layer
    drawCached(target.ctx, 'real', Float32Array.from(pts), 'k', draw);
    expect(draw).toHaveBeenCalledTimes(1);
    expect(target.calls.filter((c) => c === 'drawImage')).toHaveLength(2);
    drawCached(target.ctx, 'real', Float32Array.from([0.1, 0.2, 0.3, 0.5]), 'k', draw); // other points
    drawCached(target.ctx, 'real', Float32Array.from([0.1, 0.2, 0.3, 0.5]), 'k2', draw); // another colour or scale
    target.scale(2); // another device pixel ratio
    drawCached(target.ctx, 'real', Float32Array.from([0.1, 0.2, 0.3, 0.5]), 'k2', draw);
    expect(draw).toHaveBeenCalledTimes(4);
    // drawn onto the bitmap, not onto the target
    expect(draw.mock.calls.every(([c]) => c !== target.ctx)).toBe(true);
    // another layer of the same canvas keeps its own bitmap
    const axes = vi.fn();
    drawCached(target.ctx, 'axes', new Float32Array(0), 'k2', axes);
    drawCached(target.ctx, 'real', Float32Array.from([0.1, 0.2, 0.3, 0.5]), 'k2', draw);
    expect(axes).toHaveBeenCalledTimes(1);
    expect(draw).toHaveBeenCalledTimes(4);
  });

  it('draws directly where there is no bitmap to keep', () => {
    vi.stubGlobal('OffscreenCanvas', undefined);
    const target = fakeContext(200, 100);
    const draw = vi.fn();
    drawCached(target.ctx, 'real', Float32Array.from([1, 2]), 'k', draw);
    drawCached(target.ctx, 'real', Float32Array.from([1, 2]), 'k', draw);
    expect(draw).toHaveBeenCalledTimes(2);
    expect(draw.mock.calls.every(([c]) => c === target.ctx)).toBe(true);
  });
});
