// The chapter page's island script. Small on purpose: scrollama and this file load with the page; tfjs and the
// lab (src/lab/lab-element.ts) load only as the lab nears the viewport.
//
// What the reader sees depends only on the active step's index (DESIGN.md principle 2): on every scroll event
// the active step is recomputed from geometry (the last step whose top is above a fixed line), never from the
// order of scrollama's enter/exit events, which can skip steps or arrive out of order. Entering step i loads
// step i's baked snapshot (neighbours are prefetched), applies its layers and highlight, then freezes, plays,
// or takes one manual step in slow motion. A newer step cancels whatever an older one was still doing.
//
// For tests and styles: <html data-active-step="i" data-step-loaded="i" data-step-iteration="n">.
import scrollama from 'scrollama';
import type { LabController } from '../lab/controller';
import type { Metrics, TrainerFrame, TrainerSnapshot } from '../lab/model/types';
import type { RuntimeData, RuntimeStep } from './page-data';
import { formatLive } from './live-value';

const NARROW = '(max-width: 59.99em)';
const SLOW_SUBSTEP_MS = 900;

type Mounted = { ctl: LabController };

export function startLesson(doc: Document = document): void {
  const dataEl = doc.getElementById('lesson-data');
  const labRoot = doc.getElementById('lesson-lab');
  if (!dataEl || !labRoot) return;
  const data = JSON.parse(dataEl.textContent || '{}') as RuntimeData;
  const html = doc.documentElement;
  const stepEls = Array.from(doc.querySelectorAll<HTMLElement>('.lesson-text section.step[data-step]'));
  const aside = labRoot.closest<HTMLElement>('.lesson-lab-col');
  const progress = doc.querySelector<HTMLElement>('.lesson-progress');
  const progressText = progress?.querySelector<HTMLElement>('.lesson-progress-text');
  const placeholder = labRoot.querySelector<HTMLElement>('.lesson-lab-placeholder');
  const reduced = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
  const backendParam = new URLSearchParams(location.search).get('backend');
  const backend = backendParam === 'wasm' || backendParam === 'cpu' || backendParam === 'webgl' ? backendParam : 'auto';
  if (placeholder) placeholder.textContent = 'The lab starts as it scrolls into view.';
  html.classList.add('lesson-js');

  // ---- progress indicator ----
  const busy = new Set<string>();
  const setBusy = (what: string, on: boolean, text?: string) => {
    if (on) busy.add(what);
    else busy.delete(what);
    if (!progress) return;
    progress.hidden = busy.size === 0;
    if (on && text && progressText) progressText.textContent = text;
  };

  // ---- snapshots: fetched once, shared by every visit ----
  const snapshots = new Map<number, Promise<TrainerSnapshot>>();
  const fetchSnapshot = (i: number): Promise<TrainerSnapshot> => {
    let p = snapshots.get(i);
    if (!p) {
      p = fetch(data.steps[i].snapshot).then((r) => {
        if (!r.ok) throw new Error(`step ${i + 1}'s state could not be loaded (HTTP ${r.status})`);
        return r.json() as Promise<TrainerSnapshot>;
      });
      p.catch(() => snapshots.delete(i));
      snapshots.set(i, p);
    }
    return p;
  };

  // ---- the active step ----
  let active = -1;
  let token = 0;
  let mounted: Mounted | null = null;
  let mounting: Promise<Mounted | null> | null = null;
  /** The snapshot the lab was mounted with, until the first apply() uses it. */
  let mountedWith: TrainerSnapshot | null = null;
  let shownOnce = false;
  let timers: ReturnType<typeof setTimeout>[] = [];
  const clearTimers = () => {
    timers.forEach(clearTimeout);
    timers = [];
  };
  const sleep = (ms: number) => new Promise<void>((ok) => timers.push(setTimeout(ok, ms)));

  /** The reading line: steps whose top is above it have started. Below the sticky lab on phones. */
  const lineY = () => {
    const vh = innerHeight;
    if (aside && typeof matchMedia === 'function' && matchMedia(NARROW).matches) {
      const bottom = Math.max(0, Math.min(vh * 0.6, aside.getBoundingClientRect().bottom));
      return bottom + (vh - bottom) * 0.35;
    }
    return vh * 0.45;
  };
  /**
   * A deep link's step (#step-4, or an anchor inside a step) before the browser has scrolled to it, so the first
   * snapshot fetched is the right one. Only the first guess: geometry decides from the first scroll event on.
   */
  const initialStep = (): number | null => {
    let target: Element | null = null;
    try {
      target = location.hash.length > 1 ? doc.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    } catch {
      return null;
    }
    const st = target?.closest<HTMLElement>('section.step[data-step]');
    const i = st ? stepEls.indexOf(st) : -1;
    return i >= 0 ? i : null;
  };
  const computeActive = (): number => {
    if (!stepEls.length) return -1;
    const y = lineY();
    let idx = 0;
    for (let i = 0; i < stepEls.length; i++) {
      if (stepEls[i].getBoundingClientRect().top <= y) idx = i;
      else break;
    }
    return idx;
  };

  const apply = async (i: number, my: number) => {
    const step = data.steps[i];
    if (!step) return;
    const m = await ensureLab();
    if (!m || my !== token) return;
    const { ctl } = m;
    setBusy('step', true, `Loading step ${i + 1}…`);
    try {
      const snap = await fetchSnapshot(i);
      if (my !== token) return;
      ctl.pause();
      if (mountedWith !== snap) await ctl.loadSnapshot(snap);
      mountedWith = null;
      if (my !== token) return;
      ctl.setLayers(step.layers);
      ctl.highlight(step.highlight);
      html.dataset.stepLoaded = String(i);
      html.dataset.stepIteration = String(ctl.iteration);
      labRoot.dataset.step = String(i);
      // When the first step's state was shown, in ms from navigation start (bench/lessons.ts reads it).
      if (!shownOnce) {
        shownOnce = true;
        performance.mark?.('lesson:first-step-shown', { detail: { step: i } });
      }
    } catch (err) {
      if (my === token) ctl.notice(err instanceof Error ? err.message : String(err), 'error');
      return;
    } finally {
      if (my === token) setBusy('step', false);
    }
    // prefetch the neighbours
    for (const j of [i + 1, i - 1]) if (data.steps[j]) fetchSnapshot(j).catch(() => undefined);
    await arrive(step, ctl, my);
  };

  /** What the step does after its checkpoint is shown. */
  const arrive = async (step: RuntimeStep, ctl: LabController, my: number) => {
    if (step.mode === 'play') {
      if (!reduced) ctl.play();
      return;
    }
    const which = step.manualStep;
    if (!which) return;
    await sleep(reduced ? 300 : 700);
    if (my !== token) return;
    if (reduced) {
      await ctl.step(which);
      return;
    }
    if (which === 'g') {
      // slow motion narrates D's turn first; for a lone G step light the G path by hand
      for (const part of ['gForward', 'gBackward'] as const) {
        ctl.highlight(part);
        await sleep(SLOW_SUBSTEP_MS * 1.5);
        if (my !== token) return;
      }
      await ctl.step('g');
      if (my === token) ctl.highlight(step.highlight);
      return;
    }
    // 'both': the whole narrated iteration (13 sub-steps); 'd': up to and including "Update D" (8 sub-steps)
    ctl.startSlowMotion();
    const count = which === 'both' ? 13 : 8;
    for (let k = 0; k < count; k++) {
      await sleep(SLOW_SUBSTEP_MS);
      if (my !== token) return;
      await ctl.nextSubStep();
      if (my !== token) return;
    }
    await sleep(SLOW_SUBSTEP_MS);
    if (my !== token) return;
    ctl.stopSlowMotion();
    ctl.highlight(step.highlight);
  };

  const setActive = (i: number, force = false) => {
    if (i < 0 || (i === active && !force)) return;
    active = i;
    token += 1;
    clearTimers();
    html.dataset.activeStep = String(i);
    delete html.dataset.stepLoaded;
    delete html.dataset.stepIteration;
    stepEls.forEach((el, k) => {
      el.classList.toggle('is-active', k === i);
      if (k === i) el.setAttribute('aria-current', 'step');
      else el.removeAttribute('aria-current');
    });
    if (mounted) {
      mounted.ctl.stopSlowMotion();
      mounted.ctl.pause();
    }
    // Snapshots are small: start fetching now, even before the lab is mounted.
    fetchSnapshot(i).catch(() => undefined);
    void apply(i, token);
  };

  // ---- the lab: mounted once, when it nears the viewport ----
  let wanted = false;
  const ensureLab = (): Promise<Mounted | null> => {
    if (mounted) return Promise.resolve(mounted);
    if (!wanted) return Promise.resolve(null);
    if (!mounting) {
      setBusy('lab', true, 'Loading the lab (TensorFlow.js)…');
      mounting = import('../lab/lab-element')
        .then(async ({ mountLab }) => {
          const first = data.steps[Math.max(0, active)];
          // Start the lab on the active step's state (fetched long before tfjs is ready), so the first picture is
          // already the right one and apply() need not load it a second time.
          const at = active;
          const snapshot = at >= 0 ? await fetchSnapshot(at).catch(() => undefined) : undefined;
          const { controller: ctl } = await mountLab(labRoot, { config: first?.config ?? data.config ?? {}, snapshot, autoplay: false, compact: true, backend });
          if (snapshot) mountedWith = snapshot;
          mounted = { ctl };
          wireLiveValues(ctl);
          return mounted;
        })
        .catch((err) => {
          console.warn('lesson: the lab failed to start', err);
          if (progressText) progressText.textContent = 'The lab could not start. The text reads fully without it.';
          return null;
        })
        .finally(() => setBusy('lab', false));
    }
    return mounting;
  };
  const wantLab = () => {
    if (wanted) return;
    wanted = true;
    if (active >= 0) void apply(active, token);
    else void ensureLab();
  };
  /** Whether the lab is within one viewport height of the visible area (the observer's margin below). */
  const labNearViewport = () => {
    const r = labRoot.getBoundingClientRect();
    return (r.width > 0 || r.height > 0) && r.bottom >= -innerHeight && r.top <= 2 * innerHeight && r.right >= 0 && r.left <= innerWidth;
  };
  if (typeof IntersectionObserver === 'function') {
    const io = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          io.disconnect();
          wantLab();
        }
      },
      { rootMargin: '100% 0px 100% 0px' },
    );
    io.observe(labRoot);
  } else wantLab();

  // ---- live values in the prose ----
  const liveEls = Array.from(doc.querySelectorAll<HTMLElement>('.live-value[data-metric]'));
  function wireLiveValues(ctl: LabController) {
    if (!liveEls.length) return;
    // A value inside a step follows the lab only while that step is active (elsewhere it would describe another
    // step's state); values outside steps always follow it.
    const owner = new Map(liveEls.map((el) => [el, el.closest<HTMLElement>('section.step[data-step]')]));
    const show = (values: Partial<Record<string, number>>) => {
      for (const el of liveEls) {
        const st = owner.get(el);
        if (st && st.dataset.step !== String(active)) continue;
        const v = values[el.dataset.metric!];
        if (typeof v === 'number') el.textContent = formatLive(el.dataset.metric!, v, el.dataset.digits, values.iteration);
      }
    };
    ctl.on('metrics', (hist: Metrics[]) => {
      const m = hist[hist.length - 1];
      if (m) show(m as unknown as Record<string, number>);
    });
    ctl.on('frame', (f: TrainerFrame) => show({ iteration: f.iteration, dLoss: f.dLoss, gLoss: f.gLoss }));
    const last = ctl.history[ctl.history.length - 1];
    if (last) show(last as unknown as Record<string, number>);
  }

  // ---- the free-play sandbox (::sandbox), mounted when it nears the viewport ----
  const sandboxEl = doc.querySelector<HTMLElement>('.lesson-text [data-sandbox]');
  if (sandboxEl && data.sandbox && typeof IntersectionObserver === 'function') {
    const sb = data.sandbox;
    const io = new IntersectionObserver(
      async (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        io.disconnect();
        try {
          const { mountLab } = await import('../lab/lab-element');
          const snapshot = sb.snapshot ? await fetch(sb.snapshot).then((r) => r.json() as Promise<TrainerSnapshot>) : undefined;
          await mountLab(sandboxEl, { config: sb.config, snapshot, autoplay: false, backend });
        } catch (err) {
          console.warn('lesson: the sandbox failed to start', err);
        }
      },
      { rootMargin: '50% 0px' },
    );
    io.observe(sandboxEl);
  }

  // Where the lab is already near the viewport (a chapter page's lab is sticky, beside or above the text), start
  // tfjs now rather than when the observer first reports, after the first paint: ~70-100 ms sooner on a deep link
  // (issue 4). Same margin as the observer's; the layout it reads is needed for the active step just below anyway.
  if (labNearViewport()) wantLab();

  // ---- scrolling ----
  let raf = 0;
  const update = () => {
    if (raf) return;
    raf = requestAnimationFrame(() => {
      raf = 0;
      setActive(computeActive());
    });
  };
  if (stepEls.length) {
    const scroller = scrollama();
    scroller
      .setup({ step: stepEls, offset: `${Math.round(lineY())}px` as unknown as 0.5 })
      // scrollama's events are only a prompt: the active step always comes from geometry.
      .onStepEnter(update)
      .onStepExit(update);
    addEventListener('scroll', update, { passive: true });
    addEventListener('resize', () => {
      scroller.offsetTrigger(`${Math.round(lineY())}px` as unknown as [number, number]);
      update();
    });
    addEventListener('hashchange', update);
    addEventListener('load', update);
    setActive(initialStep() ?? computeActive());
  }
}
