// The chapter page's runtime (src/lessons/runtime/), part by part, in Node with a stand-in lab: the step state is a
// pure function of the index, a newer step cancels an older one's work, the lab mounts once and disposes, and a
// manual step walks exactly the lab's slow-motion plan. (The whole page, in Chromium: tests/e2e/lesson.e2e.ts.)
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/lab/model/config';
import type { TrainerSnapshot } from '../../src/lab/model/types';
import { slowMotionPlan } from '../../src/lab/slow-motion-plan';
import type { RuntimeStep } from '../../src/lessons/page-data';
import { DEFAULT_LAYERS } from '../../src/lessons/vocabulary';
import { arrive, NARRATED_SUBSTEPS } from '../../src/lessons/runtime/arrival';
import type { LessonLab } from '../../src/lessons/runtime/lab';
import { LabSlot } from '../../src/lessons/runtime/lab-slot';
import { ARRIVAL_PAUSE_MS, SUBSTEP_MS } from '../../src/lessons/runtime/motion';
import { backendFromSearch } from '../../src/lessons/runtime/page';
import { Progress } from '../../src/lessons/runtime/progress';
import { activeStepAt, stepFromHash } from '../../src/lessons/runtime/reading-line';
import { SnapshotCache } from '../../src/lessons/runtime/snapshots';
import { stepState } from '../../src/lessons/runtime/step-state';
import { StepView } from '../../src/lessons/runtime/step-view';
import { Turns } from '../../src/lessons/runtime/turns';

const LAYERS = { ...DEFAULT_LAYERS, manifold: false };

function step(index: number, extra: Partial<RuntimeStep> = {}): RuntimeStep {
  return {
    index,
    id: `step-${index + 1}`,
    train: 100 * index,
    mode: 'freeze',
    manualStep: null,
    layers: LAYERS,
    highlight: [],
    chart: 'losses',
    compare: null,
    snapshot: `/baked/s${index}.json`,
    config: DEFAULT_CONFIG,
    ...extra,
  };
}

/** A stand-in lab that records what the runtime asks of it. */
function fakeLab() {
  const calls: string[] = [];
  let iteration = 0;
  const listeners = new Map<string, Set<(v: unknown) => void>>();
  let narrating: ((told: boolean) => void) | null = null;
  const lab = {
    calls,
    listeners,
    pause: () => {
      calls.push('pause');
      narrating?.(false);
      narrating = null;
    },
    play: () => void calls.push('play'),
    step: async (w: string) => void calls.push(`step ${w}`),
    loadSnapshot: async (s: TrainerSnapshot) => {
      calls.push(`load ${s.iteration}`);
      iteration = s.iteration;
    },
    setLayers: () => void calls.push('layers'),
    highlight: (h: unknown) => void calls.push(`highlight ${JSON.stringify(h)}`),
    showChart: (c: string) => void calls.push(`chart ${c}`),
    notice: (t: string) => void calls.push(`notice ${t}`),
    get iteration() {
      return iteration;
    },
    history: [],
    on: (type: string, fn: (v: unknown) => void) => {
      if (!listeners.has(type)) listeners.set(type, new Set());
      listeners.get(type)!.add(fn);
      return () => void listeners.get(type)!.delete(fn);
    },
    startSlowMotion: () => void calls.push('slow on'),
    nextSubStep: async () => void calls.push('substep'),
    stopSlowMotion: () => void calls.push('slow off'),
    // Like the lab's: told as playing, one sub-step every `ms`; a pause ends it untold.
    narrate: (n: number, ms: number) => {
      calls.push(`narrate ${n}`);
      return new Promise<boolean>((resolve) => {
        narrating = resolve;
        setTimeout(() => narrating === resolve && resolve(true), n * ms);
      });
    },
  };
  return lab as typeof lab & LessonLab;
}

const snap = (i: number) => ({ iteration: 100 * i }) as TrainerSnapshot;
const okFetch = (url: string) => Promise.resolve({ ok: true, status: 200, json: async () => snap(Number(/s(\d+)/.exec(url)![1])) } as Response);
const quietProgress = () => new Progress(null, null);

describe('the step state', () => {
  it('is a pure function of the index: the same state however often it is asked', () => {
    const steps = [step(0), step(1, { mode: 'play', highlight: ['generator'] })];
    expect(stepState(steps, 1)).toEqual(stepState(steps, 1));
    expect(stepState(steps, 1)).toMatchObject({ index: 1, mode: 'play', highlight: ['generator'], snapshot: '/baked/s1.json', train: 100 });
    expect(stepState(steps, 2)).toBeNull();
  });
});

describe('turns', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());
  it('a new turn ends the old one: it is no longer live and its sleeps never wake', async () => {
    const turns = new Turns();
    const a = turns.next();
    let woke = false;
    void a.sleep(100).then(() => (woke = true));
    const b = turns.next();
    await vi.advanceTimersByTimeAsync(1000);
    expect([a.live, b.live, woke]).toEqual([false, true, false]);
    expect(turns.current().live).toBe(true);
    turns.end();
    expect(b.live).toBe(false);
  });
});

describe('the snapshot cache', () => {
  it('fetches each step once, forgets a failure, and names the step in its error', async () => {
    const get = vi.fn((url: string) => (url.includes('s1') && get.mock.calls.length === 1 ? Promise.resolve({ ok: false, status: 404 } as Response) : okFetch(url)));
    const cache = new SnapshotCache(['/baked/s0.json', '/baked/s1.json'], get);
    await expect(cache.fetch(1)).rejects.toThrow("step 2's state could not be loaded (HTTP 404)");
    expect((await cache.fetch(1)).iteration).toBe(100);
    await cache.fetch(1);
    cache.prefetch(5);
    cache.prefetch(-1);
    expect(get).toHaveBeenCalledTimes(2);
  });
});

describe('arriving at a step', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it("walks the lab's slow-motion plan: every sub-step for both, D's turn for d", () => {
    const plan = slowMotionPlan(DEFAULT_CONFIG);
    expect(NARRATED_SUBSTEPS.both).toBe(plan.length);
    expect(NARRATED_SUBSTEPS.d).toBe(plan.findIndex((s) => s.action === 'stepD') + 1);
  });

  it('step=both narrates 13 sub-steps, then stops slow motion and restores the highlight', async () => {
    const lab = fakeLab();
    const done = arrive(lab, stepState([step(0, { manualStep: 'both', highlight: ['loss'] })], 0)!, new Turns().next(), false);
    await vi.advanceTimersByTimeAsync(ARRIVAL_PAUSE_MS.normal + 14 * SUBSTEP_MS);
    await done;
    expect(lab.calls).toEqual(['narrate 13', 'slow off', 'highlight ["loss"]']);
  });

  it('a newer step (which pauses the lab) stops a narration part-way, and so does the reader pausing', async () => {
    const lab = fakeLab();
    const turns = new Turns();
    const done = arrive(lab, stepState([step(0, { manualStep: 'd' })], 0)!, turns.next(), false);
    await vi.advanceTimersByTimeAsync(ARRIVAL_PAUSE_MS.normal + 3 * SUBSTEP_MS);
    turns.next();
    lab.pause();
    await vi.advanceTimersByTimeAsync(20 * SUBSTEP_MS);
    await done;
    expect(lab.calls).toEqual(['narrate 8', 'pause']);
  });

  it('step=g lights the G path by hand, then takes one G step', async () => {
    const lab = fakeLab();
    const done = arrive(lab, stepState([step(0, { manualStep: 'g' })], 0)!, new Turns().next(), false);
    await vi.advanceTimersByTimeAsync(ARRIVAL_PAUSE_MS.normal + 3 * SUBSTEP_MS);
    await done;
    expect(lab.calls).toEqual(['highlight "gForward"', 'highlight "gBackward"', 'step g', 'highlight []']);
  });

  it('under reduced motion: play stays frozen, a manual step is one plain step', async () => {
    const lab = fakeLab();
    await arrive(lab, stepState([step(0, { mode: 'play' })], 0)!, new Turns().next(), true);
    const done = arrive(lab, stepState([step(0, { manualStep: 'both' })], 0)!, new Turns().next(), true);
    await vi.advanceTimersByTimeAsync(ARRIVAL_PAUSE_MS.reduced);
    await done;
    expect(lab.calls).toEqual(['step both']);
    await arrive(lab, stepState([step(0, { mode: 'play' })], 0)!, new Turns().next(), false);
    expect(lab.calls).toEqual(['step both', 'play']);
  });
});

/** A slot whose mount resolves when the test says so. */
function slotWith(lab: LessonLab, opts: { snapshot?: TrainerSnapshot } = {}) {
  let release!: () => void;
  const gate = new Promise<void>((ok) => (release = ok));
  const dispose = vi.fn(async () => undefined);
  const unwire = vi.fn();
  const mountLab = vi.fn(async () => {
    await gate;
    return { controller: lab, dispose };
  });
  const slot = new LabSlot({
    root: {} as HTMLElement,
    progress: quietProgress(),
    backend: 'wasm',
    start: () => ({ config: {}, snapshot: Promise.resolve(opts.snapshot) }),
    onMounted: () => unwire,
    load: async () => mountLab as never,
  });
  return { slot, release, dispose, unwire, mountLab };
}

describe('the lab slot', () => {
  it('mounts only once wanted, only once, and hands over its starting snapshot once', async () => {
    const lab = fakeLab();
    const s0 = snap(0);
    const { slot, release, mountLab } = slotWith(lab, { snapshot: s0 });
    expect(await slot.get()).toBeNull();
    expect(slot.want()).toBe(true);
    expect(slot.want()).toBe(false);
    const a = slot.get();
    const b = slot.get();
    release();
    expect(await a).toBe(lab);
    expect(await b).toBe(lab);
    expect(mountLab).toHaveBeenCalledTimes(1);
    expect(slot.takeHeld()).toBe(s0);
    expect(slot.takeHeld()).toBeNull();
  });

  it('disposing it unmounts the lab and undoes what was wired, even while it is still mounting', async () => {
    const lab = fakeLab();
    const { slot, release, dispose, unwire } = slotWith(lab);
    slot.want();
    const pending = slot.get();
    const disposed = slot.dispose();
    release();
    expect(await pending).toBeNull();
    await disposed;
    expect(dispose).toHaveBeenCalledTimes(1);
    expect(unwire).toHaveBeenCalledTimes(1);
    expect(slot.mounted).toBeNull();
  });

  it('a lab that fails to start resolves to null and says so in the progress line', async () => {
    const text = { textContent: '' } as HTMLElement;
    const slot = new LabSlot({
      root: {} as HTMLElement,
      progress: new Progress({ hidden: false } as HTMLElement, text),
      backend: 'auto',
      start: () => ({ config: {}, snapshot: Promise.resolve(undefined) }),
      load: () => Promise.reject(new Error('no tfjs')),
    });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    slot.want();
    expect(await slot.get()).toBeNull();
    expect(text.textContent).toMatch(/could not start/);
    warn.mockRestore();
  });
});

describe('a step view', () => {
  it('shows the step on the lab: its snapshot (not again when the lab was mounted with it), layers, highlight, chart', async () => {
    const lab = fakeLab();
    const { slot, release } = slotWith(lab, { snapshot: undefined });
    const snapshots = new SnapshotCache(['/baked/s0.json', '/baked/s1.json'], okFetch);
    const shown: number[] = [];
    const view = new StepView({ steps: [step(0), step(1, { chart: 'divergence' })], slot, snapshots, progress: quietProgress(), reduced: false, onShown: (i) => shown.push(i) });
    view.show(1);
    slot.want();
    view.wake();
    release();
    await vi.waitFor(() => expect(shown).toEqual([1]));
    expect(lab.calls).toEqual(['pause', 'load 100', 'layers', 'highlight []', 'chart divergence']);
  });

  it('the lab mounted on a step\'s snapshot does not load it again', async () => {
    const lab = fakeLab();
    const snapshots = new SnapshotCache(['/baked/s0.json'], okFetch);
    const { slot, release } = slotWith(lab, { snapshot: await snapshots.fetch(0) });
    const shown: number[] = [];
    const view = new StepView({ steps: [step(0)], slot, snapshots, progress: quietProgress(), reduced: false, onShown: (i) => shown.push(i) });
    slot.want();
    view.show(0);
    release();
    await vi.waitFor(() => expect(shown).toEqual([0]));
    expect(lab.calls).toEqual(['pause', 'layers', 'highlight []', 'chart losses']);
  });

  it('a newer step wins: an older step whose snapshot arrives late changes nothing', async () => {
    const lab = fakeLab();
    const { slot, release } = slotWith(lab);
    let late!: () => void;
    const slow = new Promise<void>((ok) => (late = ok));
    let asked = false;
    const snapshots = new SnapshotCache(['/baked/s0.json', '/baked/s1.json'], async (url) => {
      asked ||= url.includes('s0');
      if (url.includes('s0')) await slow;
      return okFetch(url);
    });
    const shown: number[] = [];
    const view = new StepView({ steps: [step(0), step(1)], slot, snapshots, progress: quietProgress(), reduced: false, onShown: (i) => shown.push(i) });
    slot.want();
    release();
    await slot.get(); // mounted: step 0 gets as far as waiting for its snapshot
    view.show(0);
    await vi.waitFor(() => expect(asked).toBe(true));
    view.show(1);
    await vi.waitFor(() => expect(shown).toEqual([1]));
    late();
    await snapshots.fetch(0);
    await new Promise((ok) => setTimeout(ok, 10));
    expect(shown).toEqual([1]);
    expect(lab.calls.filter((c) => c.startsWith('load'))).toEqual(['load 100']);
  });

  it('a step whose state cannot be loaded says so on the lab', async () => {
    const lab = fakeLab();
    const { slot, release } = slotWith(lab);
    const snapshots = new SnapshotCache(['/baked/s0.json'], async () => ({ ok: false, status: 500 }) as Response);
    const view = new StepView({ steps: [step(0)], slot, snapshots, progress: quietProgress(), reduced: false });
    slot.want();
    release();
    view.show(0);
    await vi.waitFor(() => expect(lab.calls).toContain("notice step 1's state could not be loaded (HTTP 500)"));
  });
});

describe('the active step, from geometry', () => {
  const el = (top: number) => ({ getBoundingClientRect: () => ({ top }) }) as unknown as HTMLElement;
  it('is the last step whose top has passed the reading line (the first when none has)', () => {
    const steps = [el(-500), el(100), el(400), el(900)];
    expect(activeStepAt(steps, 450)).toBe(2);
    expect(activeStepAt(steps, 100)).toBe(1);
    expect(activeStepAt([el(600), el(900)], 450)).toBe(0);
    expect(activeStepAt([], 450)).toBe(-1);
  });
  it("a deep link's first guess: the step holding the anchor, none for a bad hash", () => {
    const steps = [{}, {}] as HTMLElement[];
    const inner = { closest: () => steps[1] };
    const doc = { getElementById: (id: string) => (id === 'why' ? inner : null) } as unknown as Document;
    expect(stepFromHash(doc, '#why', steps)).toBe(1);
    expect(stepFromHash(doc, '#nope', steps)).toBeNull();
    expect(stepFromHash(doc, '#%E0%A4%A', steps)).toBeNull();
    expect(stepFromHash(doc, '', steps)).toBeNull();
  });
  it('?backend= takes wasm, cpu or webgl; anything else is auto', () => {
    expect(['?backend=wasm', '?backend=cpu', '?backend=webgl', '?backend=tpu', ''].map(backendFromSearch)).toEqual(['wasm', 'cpu', 'webgl', 'auto', 'auto']);
  });
});
