// A layer whose picture stays the same from frame to frame (the real samples: one fixed set of points per run; the
// axes and their labels),
// drawn once onto a bitmap the size of the canvas and copied from it while what it depends on is unchanged: the
// points (compared by value, since every frame from a worker brings a fresh copy), the canvas's size and transform,
// and a key for the rest (scale, colour, radius). Copying costs a small fraction of drawing several hundred dots,
// which a comparison figure's four canvases otherwise did at every frame. The copy is the same picture: the layer
// is one fill, composited once either way, under the same clip and global alpha.
type Ctx = CanvasRenderingContext2D;
type Bitmap = { canvas: OffscreenCanvas | HTMLCanvasElement; ctx: Ctx; key: string; data: Float32Array };

/** Per canvas context, one bitmap per layer (`slot`); they go with the context. */
const cache = new WeakMap<Ctx, Map<string, Bitmap>>();

function newCanvas(w: number, h: number): OffscreenCanvas | HTMLCanvasElement | null {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(w, h);
  if (typeof document !== 'undefined') return Object.assign(document.createElement('canvas'), { width: w, height: h });
  return null;
}

function sameValues(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !(a[i] !== a[i] && b[i] !== b[i])) return false;
  return true;
}

/**
 * Draws `draw` onto `ctx`, through the cached bitmap when the context is a real canvas's (a recording test context,
 * or one without bitmaps, is drawn on directly). `data` and `key` must determine what `draw` draws.
 */
export function drawCached(ctx: Ctx, slot: string, data: Float32Array, key: string, draw: (c: Ctx) => void): void {
  const target = (ctx as { canvas?: { width?: unknown; height?: unknown } }).canvas;
  if (!target || typeof target.width !== 'number' || typeof target.height !== 'number' || typeof ctx.getTransform !== 'function') {
    draw(ctx);
    return;
  }
  const w = target.width, h = target.height as number;
  const m = ctx.getTransform();
  const fullKey = `${w}x${h}|${m.a},${m.b},${m.c},${m.d},${m.e},${m.f}|${key}`;
  let slots = cache.get(ctx);
  if (!slots) cache.set(ctx, (slots = new Map()));
  let bmp = slots.get(slot);
  if (!bmp || bmp.key !== fullKey || !sameValues(bmp.data, data)) {
    const canvas = bmp?.canvas ?? newCanvas(w, h);
    const c = canvas?.getContext('2d') as Ctx | null | undefined;
    if (!canvas || !c) {
      draw(ctx);
      return;
    }
    if (canvas.width !== w) canvas.width = w;
    if (canvas.height !== h) canvas.height = h;
    c.setTransform(1, 0, 0, 1, 0, 0);
    c.clearRect(0, 0, w, h);
    c.setTransform(m);
    draw(c);
    bmp = { canvas, ctx: c, key: fullKey, data: Float32Array.from(data) };
    slots.set(slot, bmp);
  }
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.drawImage(bmp.canvas as CanvasImageSource, 0, 0);
  ctx.restore();
}
