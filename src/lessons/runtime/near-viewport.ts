// Loading things as they near the viewport: the lab (tfjs) and the sandbox start only when the reader gets close.

/**
 * Calls `fn` once, the first time `el` comes within `rootMargin` of the viewport. Returns how to stop watching, or
 * null where IntersectionObserver is missing (the caller decides what to do then).
 */
export function whenNear(el: Element, rootMargin: string, fn: () => void): (() => void) | null {
  if (typeof IntersectionObserver !== 'function') return null;
  const io = new IntersectionObserver(
    (entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      io.disconnect();
      fn();
    },
    { rootMargin },
  );
  io.observe(el);
  return () => io.disconnect();
}

/** Whether `el` is within one viewport height of the visible area now (the lab observer's margin), from its layout. */
export function isNearViewport(el: Element): boolean {
  const r = el.getBoundingClientRect();
  return (r.width > 0 || r.height > 0) && r.bottom >= -innerHeight && r.top <= 2 * innerHeight && r.right >= 0 && r.left <= innerWidth;
}
