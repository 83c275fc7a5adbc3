// Scroll tracking: scrollama and the window's scroll, resize, hashchange and load events prompt a look at the
// geometry (once per animation frame), which names the active step (reading-line.ts).
import scrollama from 'scrollama';

/**
 * What scrollama 3.2 really has: its bundled types declare `offsetTrigger`, which the code lacks (calling it threw
 * on every resize), and omit `offset(x)`, which takes a px string and rebuilds the observers.
 */
type Scroller = Omit<scrollama.ScrollamaInstance, 'offsetTrigger' | 'setup'> & {
  setup(opts: Omit<scrollama.ScrollamaOptions, 'offset'> & { offset?: string | number }): Scroller;
  offset(x: string | number): Scroller;
};
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
  // A resize or a phone's rotation moves the reading line and the steps: re-measure both.
  const resize = () => {
    scroller.offset(offset());
    update();
  };
  const scroller = scrollama() as unknown as Scroller;
  scroller
    .setup({ step: stepEls, offset: offset() })
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
