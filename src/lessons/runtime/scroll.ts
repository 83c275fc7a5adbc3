// Scroll tracking: scrollama and the window's scroll, resize, hashchange and load events prompt a look at the
// geometry (once per animation frame), which names the active step (reading-line.ts).
import scrollama from 'scrollama';
import { activeStepAt, readingLine } from './reading-line';

/** Calls `onActive(i)` with the active step whenever scrolling may have changed it. Returns how to stop. */
export function trackSteps(stepEls: HTMLElement[], aside: HTMLElement | null, onActive: (i: number) => void): () => void {
  const offset = () => `${Math.round(readingLine(aside))}px`;
  let raf = 0;
  const update = () => {
    if (raf) return;
    raf = requestAnimationFrame(() => {
      raf = 0;
      onActive(activeStepAt(stepEls, readingLine(aside)));
    });
  };
  const resize = () => {
    scroller.offsetTrigger(offset() as unknown as [number, number]);
    update();
  };
  const scroller = scrollama();
  scroller
    .setup({ step: stepEls, offset: offset() as unknown as 0.5 })
    // scrollama's events are only a prompt: the active step always comes from geometry.
    .onStepEnter(update)
    .onStepExit(update);
  addEventListener('scroll', update, { passive: true });
  addEventListener('resize', resize);
  addEventListener('hashchange', update);
  addEventListener('load', update);
  return () => {
    if (raf) cancelAnimationFrame(raf);
    removeEventListener('scroll', update);
    removeEventListener('resize', resize);
    removeEventListener('hashchange', update);
    removeEventListener('load', update);
    scroller.destroy();
  };
}
