// Which step is active, from geometry alone: the last step whose top has passed the reading line (45% of the
// window; below the sticky lab on phones, where it sits above the text: src/styles/lesson.css, below 45em). Never from the order of scroll events, which can skip steps or arrive
// out of order.

const NARROW = '(max-width: 44.99em)';

/** The reading line's y in the viewport: steps whose top is above it have started. */
export function readingLine(aside: HTMLElement | null): number {
  const vh = innerHeight;
  if (aside && typeof matchMedia === 'function' && matchMedia(NARROW).matches) {
    const bottom = Math.max(0, Math.min(vh * 0.6, aside.getBoundingClientRect().bottom));
    return bottom + (vh - bottom) * 0.35;
  }
  return vh * 0.45;
}

/** The last step whose top is at or above `y` (the first step when none is); -1 when there are no steps. */
export function activeStepAt(stepEls: readonly Element[], y: number): number {
  if (!stepEls.length) return -1;
  let idx = 0;
  for (let i = 0; i < stepEls.length; i++) {
    if (stepEls[i].getBoundingClientRect().top <= y) idx = i;
    else break;
  }
  return idx;
}

/**
 * A deep link's step (#step-4, or an anchor inside a step) before the browser has scrolled to it, so the first
 * snapshot fetched is the right one. Only the first guess: geometry decides from the first scroll event on.
 */
export function stepFromHash(doc: Document, hash: string, stepEls: readonly HTMLElement[]): number | null {
  let target: Element | null = null;
  try {
    target = hash.length > 1 ? doc.getElementById(decodeURIComponent(hash.slice(1))) : null;
  } catch {
    return null;
  }
  const st = target?.closest<HTMLElement>('section.step[data-step]');
  const i = st ? stepEls.indexOf(st) : -1;
  return i >= 0 ? i : null;
}
