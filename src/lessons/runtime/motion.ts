// Reduced motion, and the pace of what a step does on arrival. Under `prefers-reduced-motion` a `play` step stays
// frozen at its checkpoint and a manual step is taken at once, without the narration (src/lessons/runtime/arrival.ts).

/** Read once, when the lesson starts (as the page's first picture is chosen). */
export function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** Before a manual step starts: time to see the checkpoint first. */
export const ARRIVAL_PAUSE_MS = { normal: 700, reduced: 300 } as const;
/** One narrated slow-motion sub-step. */
export const SUBSTEP_MS = 900;
