// The chapter page's island script. Small on purpose: scrollama and these modules load with the page; tfjs and the
// lab (src/lab/lab-element.ts) load only as the lab nears the viewport.
//
// What the reader sees depends only on the active step's index (DESIGN.md principle 2): on every scroll event the
// active step is recomputed from geometry (reading-line.ts), never from the order of scrollama's events. Entering
// step i shows step i on every step view (step-view.ts: its baked snapshot, layers and highlight, then freeze,
// play, or one manual step in slow motion); a newer step cancels whatever an older one was still doing.
//
// The parts: page.ts (the page's data and elements, and the marks tests read), scroll.ts + reading-line.ts (the
// active step), lab-slot.ts (a lab mounted on demand), step-view.ts + step-state.ts + arrival.ts (a step on a lab),
// snapshots.ts, turns.ts, progress.ts, live-values.ts, sandbox.ts, motion.ts + motion-hint.ts (reduced motion),
// step-keys.ts (J / K), debug.ts (?debug: the author's view) and dev-claims.ts (astro dev: claims checked as the
// author reads).
import { FigureView } from './figure-view';
import { LabSlot } from './lab-slot';
import { wireLiveValues } from './live-values';
import { prefersReducedMotion } from './motion';
import { addMotionHints } from './motion-hint';
import { isNearViewport, whenNear } from './near-viewport';
import { backendFromSearch, debugRequested, followLabHeight, markActive, markArrived, markShown, markStarted, readLessonPage, type LessonPage } from './page';
import { Progress } from './progress';
import { activeStepAt, readingLine, stepFromHash } from './reading-line';
import { startSandbox } from './sandbox';
import { trackSteps } from './scroll';
import { SnapshotCache } from './snapshots';
import { wireStepKeys } from './step-keys';
import { StepView } from './step-view';

export interface LessonRuntime {
  /** The active step's index (-1 before the first). */
  readonly active: number;
  /** Makes step i the active one (what scrolling does); again with `force`, to show it afresh. */
  activate(i: number, force?: boolean): void;
  /** Stops tracking, unmounts the lab and the sandbox. */
  dispose(): Promise<void>;
}

export function startLesson(doc: Document = document): LessonRuntime | null {
  const page = readLessonPage(doc);
  if (!page) return null;
  const backend = backendFromSearch(location.search);
  markStarted(page);
  const progress = new Progress(page.progress, page.progressText);
  const reduced = prefersReducedMotion();
  const lesson = new Lesson(page, progress, backend, reduced);
  const stops: (() => void)[] = [followLabHeight(page)];
  if (reduced) stops.push(addMotionHints(doc, page.data.steps, page.stepEls, (i) => lesson.playIfActive(i)));

  // The lab's column, not the lab: a figure may stand in the lab's place (the lab hidden) on a deep link.
  const near = page.aside ?? page.labRoot;
  const stopNear = whenNear(near, '100% 0px 100% 0px', () => lesson.wantLab());
  if (stopNear) stops.push(stopNear);
  else lesson.wantLab();
  if (page.sandboxEl && page.data.sandbox) stops.push(startSandbox(page.sandboxEl, page.data.sandbox, backend));
  // Where the lab is already near the viewport (a chapter page's lab is sticky, beside or above the text), start
  // tfjs now rather than when the observer first reports, after the first paint: ~70-100 ms sooner on a deep link
  // (issue 4). Same margin as the observer's; the layout it reads is needed for the active step just below anyway.
  if (isNearViewport(near)) lesson.wantLab();
  if (debugRequested(location.search)) {
    void import('./debug').then((m) => stops.push(m.showDebugView(doc, page.stepEls, page.data, () => readingLine(page.aside))));
  }
  // `astro dev` only (the build drops this branch and the module): check each step's claims as the author reads.
  if (import.meta.env.DEV) {
    const claims = `${import.meta.env.BASE_URL.replace(/\/?$/, '/')}__lessons/claims`;
    void import('./dev-claims').then((m) => stops.push(m.checkStepClaims(page, progress, { chapter: page.data.chapter, claims })));
  }
  if (page.stepEls.length) {
    stops.push(trackSteps(page.stepEls, page.aside, (i) => lesson.activate(i)));
    stops.push(
      wireStepKeys({
        doc,
        stepEls: page.stepEls,
        exclude: [page.aside, page.sandboxEl],
        active: () => lesson.active,
        readingLine: () => readingLine(page.aside),
        activate: (i) => lesson.activate(i),
      }),
    );
    lesson.activate(stepFromHash(doc, location.hash, page.stepEls) ?? activeStepAt(page.stepEls, readingLine(page.aside)));
  }
  return {
    get active() {
      return lesson.active;
    },
    activate: (i, force) => lesson.activate(i, force),
    dispose: () => {
      stops.forEach((stop) => stop());
      return lesson.dispose();
    },
  };
}

/** The chapter's lab and its step view, and its comparison figures (built when first shown), driven by the active step. */
class Lesson {
  active = -1;
  private readonly slot: LabSlot;
  private readonly views: StepView[];
  private readonly figures = new Map<string, FigureView>();
  private shownOnce = false;
  private wanted = false;

  constructor(
    private readonly page: LessonPage,
    private readonly progress: Progress,
    private readonly backend: ReturnType<typeof backendFromSearch>,
    private readonly reduced: boolean,
  ) {
    const { data } = page;
    const mainLive = page.liveEls.filter((el) => !el.dataset.column);
    const snapshots = new SnapshotCache(data.steps.map((s) => s.snapshot));
    this.slot = new LabSlot({
      root: page.labRoot,
      progress,
      backend,
      start: () => ({
        config: data.steps[Math.max(0, this.active)]?.config ?? data.config ?? {},
        snapshot: this.active >= 0 ? snapshots.fetch(this.active).catch(() => undefined) : Promise.resolve(undefined),
      }),
      onMounted: (lab) => wireLiveValues(lab, mainLive, () => this.active),
    });
    const view = new StepView({
      steps: data.steps,
      slot: this.slot,
      snapshots,
      progress,
      reduced,
      onShown: (i, lab) => this.shown(i, lab.iteration),
      onArrived: (i) => markArrived(page, i),
    });
    this.views = [view];
  }

  activate(i: number, force = false): void {
    if (i < 0 || (i === this.active && !force)) return;
    this.active = i;
    markActive(this.page, i);
    const id = this.page.data.steps[i]?.compare;
    const figure = id ? this.figure(id) : null;
    for (const [, f] of this.figures) if (f !== figure) f.hide();
    this.page.labRoot.hidden = !!figure;
    if (figure) {
      for (const v of this.views) v.park();
      figure.show(i);
      if (this.wanted) figure.wake();
    } else for (const v of this.views) v.show(i);
  }

  /** The figure `id`, built on first use beside the chapter's lab. */
  private figure(id: string): FigureView | null {
    let f = this.figures.get(id);
    const fig = this.page.data.figures?.find((x) => x.id === id);
    if (!f && fig) {
      f = new FigureView({
        figure: fig,
        host: this.page.labRoot.parentElement ?? this.page.labRoot,
        progress: this.progress,
        backend: this.backend,
        reduced: this.reduced,
        liveEls: this.page.liveEls,
        active: () => this.active,
        onShown: (i) => this.shown(i, Number(this.page.doc.querySelector<HTMLElement>('.lesson-figure:not([hidden]) .figure-col')?.dataset.iteration ?? 0)),
      });
      this.figures.set(id, f);
    }
    return f ?? null;
  }

  /** The reader asked a step frozen for reduced motion to play anyway (motion-hint.ts): its lab, or its figure. */
  playIfActive(i: number): void {
    if (i !== this.active) return;
    const id = this.page.data.steps[i]?.compare;
    if (id) this.figures.get(id)?.playAll();
    else this.slot.mounted?.play();
  }

  /** The lab nears the viewport: mount it (tfjs loads) and show the active step on it (or on the figure showing). */
  wantLab(): void {
    this.wanted = true;
    if (this.slot.want()) for (const v of this.views) v.wake();
    const id = this.page.data.steps[this.active]?.compare;
    if (id) this.figures.get(id)?.wake();
  }

  private shown(i: number, iteration: number): void {
    markShown(this.page, i, iteration);
    // When the first step's state was shown, in ms from navigation start (bench/lessons.ts reads it).
    if (!this.shownOnce) {
      this.shownOnce = true;
      performance.mark?.('lesson:first-step-shown', { detail: { step: i } });
    }
  }

  async dispose(): Promise<void> {
    for (const v of this.views) v.dispose();
    await Promise.all([this.slot.dispose(), ...[...this.figures.values()].map((f) => f.dispose())]);
    this.figures.clear();
  }
}
