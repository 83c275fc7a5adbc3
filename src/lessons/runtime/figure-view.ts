// A comparison figure (`:::compare`): N small labs side by side in the lab's place, one per column, each its own
// lab slot (mounted on demand, its own trainer: a worker each where the trainer runs in one) and its own step view
// over the column's baked states. show(i) puts every column at step i; one transport plays, pauses and steps them
// together; under each column its live modes covered, high-quality share and reverse KL, and "open in the lab".
// Everything it builds is released by dispose().
import { Disposables } from '../../lab/disposables';
import type { Metrics } from '../../lab/model/types';
import type { BackendRequest } from '../../lab/trainer-placement';
import { formatLive } from '../live-value';
import type { RuntimeFigure } from '../page-data';
import type { LessonLab } from './lab';
import { LabSlot } from './lab-slot';
import { pageLocale, runtimeText as rt } from './locale';
import { wireLiveValues } from './live-values';
import type { Progress } from './progress';
import { SnapshotCache } from './snapshots';
import { StepView } from './step-view';

export interface FigureViewOptions {
  figure: RuntimeFigure;
  /** Where the figure goes (the lab's column). */
  host: HTMLElement;
  progress: Progress;
  backend: BackendRequest;
  reduced: boolean;
  /** `:value{column=...}` elements in the prose (each follows its column). */
  liveEls: readonly HTMLElement[];
  /** The active step's index. */
  active(): number;
  /** Every column shows step i's checkpoint. */
  onShown?(i: number): void;
}

interface Column {
  label: string;
  el: HTMLElement;
  slot: LabSlot;
  view: StepView;
  open: HTMLAnchorElement;
  readout: HTMLElement;
  shown: number;
}

const h = <K extends keyof HTMLElementTagNameMap>(tag: K, cls: string, text?: string): HTMLElementTagNameMap[K] => {
  const el = document.createElement(tag);
  el.className = cls;
  if (text !== undefined) el.textContent = text;
  return el;
};

/** "8/8 modes · 96% HQ · rev. KL 0.01" from the last measurement (short: four of them share a phone's width). */
export function readoutText(m: Metrics | undefined): string {
  if (!m || m.modes === undefined) return rt('figure.notMeasured');
  // written as the prose's `:value{metric=highQuality format=percent}` is, so the two beside each other agree
  const hq = m.highQuality === undefined ? '–' : formatLive('highQuality', m.highQuality, undefined, m.iteration, pageLocale(), 'percent');
  const rkl = m.reverseKL === undefined ? '–' : m.reverseKL.toFixed(2);
  return rt('figure.readout', { modes: String(m.modes), total: String(m.modesTotal ?? '?'), hq, rkl });
}

export class FigureView {
  readonly el: HTMLElement;
  private readonly columns: Column[];
  private readonly bin = new Disposables();
  private readonly playBtn: HTMLButtonElement;
  private wanted = false;
  private active = -1;
  private playing = false;

  constructor(private readonly opts: FigureViewOptions) {
    const { figure } = opts;
    this.el = h('div', 'lesson-figure');
    this.el.dataset.figure = figure.id;
    this.el.dataset.columns = String(figure.columns.length);
    this.el.hidden = true;
    this.el.setAttribute('role', 'group');
    this.el.setAttribute('aria-label', rt('figure.label', { n: String(figure.columns.length), labels: figure.columns.map((c) => c.label).join(', ') }));
    const bar = h('div', 'figure-transport');
    this.playBtn = h('button', 'lab-btn lab-btn-primary figure-play', rt('figure.playAll'));
    this.playBtn.type = 'button';
    const stepBtn = h('button', 'lab-btn figure-step', rt('figure.stepAll'));
    stepBtn.type = 'button';
    stepBtn.title = rt('figure.stepAllTitle');
    bar.append(this.playBtn, stepBtn);
    const grid = h('div', 'figure-grid');
    this.el.append(bar, grid);
    opts.host.append(this.el);
    this.bin.add(() => this.el.remove());
    this.bin.listen(this.playBtn, 'click', () => (this.playing ? this.pauseAll() : this.playAll()));
    this.bin.listen(stepBtn, 'click', () => void this.stepAll());
    this.columns = figure.columns.map((col) => this.column(col, grid));
  }

  private column(col: RuntimeFigure['columns'][number], grid: HTMLElement): Column {
    const el = h('section', 'figure-col');
    el.dataset.column = col.label;
    const head = h('div', 'figure-col-head');
    const open = h('a', 'figure-col-open');
    open.append(h('span', 'figure-open-long', rt('figure.openLong')), rt('figure.openShort'));
    open.dataset.sandboxLink = '';
    open.setAttribute('aria-label', rt('figure.openLabel', { label: col.label }));
    head.append(h('h3', 'figure-col-label', col.label), open);
    const root = h('div', 'lab figure-lab');
    const readout = h('p', 'figure-col-readout', rt('figure.notMeasured'));
    readout.title = rt('figure.readoutTitle');
    el.append(head, root, readout);
    grid.append(el);
    const snapshots = new SnapshotCache(col.steps.map((s) => s?.snapshot ?? ''));
    const own = this.opts.liveEls.filter((e) => e.dataset.column === col.label);
    const slot = new LabSlot({
      root,
      progress: this.opts.progress,
      backend: this.opts.backend,
      start: () => ({
        config: col.steps[this.active]?.config ?? {},
        snapshot: col.steps[this.active] ? snapshots.fetch(this.active).catch(() => undefined) : Promise.resolve(undefined),
      }),
      onMounted: (lab) => this.wireColumn(c, lab, own),
    });
    const view = new StepView({
      steps: col.steps,
      slot,
      snapshots,
      progress: this.opts.progress,
      reduced: this.opts.reduced,
      onShown: (i, lab) => this.columnShown(c, i, lab),
    });
    const c: Column = { label: col.label, el, open, readout, shown: -1, slot, view };
    this.bin.add(() => c.view.dispose());
    return c;
  }

  /** The column's readout and live values follow its lab. */
  private wireColumn(c: Column, lab: LessonLab, own: readonly HTMLElement[]): () => void {
    const show = () => this.showReadout(c, lab.history[lab.history.length - 1]);
    const offMetrics = lab.on('metrics', show);
    const offState = lab.on('state', (s) => {
      c.el.dataset.iteration = String(s.iteration);
      c.el.dataset.status = s.status;
      this.syncPlaying();
    });
    const unwire = wireLiveValues(lab, own, this.opts.active);
    return () => {
      offMetrics();
      offState();
      unwire();
    };
  }

  private columnShown(c: Column, i: number, lab: LessonLab): void {
    c.shown = i;
    c.el.dataset.step = String(i);
    c.el.dataset.iteration = String(lab.iteration);
    this.showReadout(c, lab.history[lab.history.length - 1]);
    if (this.columns.every((k) => k.shown === i)) this.opts.onShown?.(i);
  }

  /** The column's readout, written only when its text changes (a write lays the line out again). */
  private showReadout(c: Column, m: Metrics | undefined): void {
    const text = readoutText(m);
    if (c.readout.textContent !== text) c.readout.textContent = text;
    if (m?.modes !== undefined && c.el.dataset.modes !== String(m.modes)) c.el.dataset.modes = String(m.modes);
  }

  /** Shows step i in every column (and the figure, in place of the chapter's lab). */
  show(i: number): void {
    this.active = i;
    this.el.hidden = false;
    this.playing = false;
    this.syncButton();
    for (const c of this.columns) {
      c.shown = -1;
      const href = this.opts.figure.columns.find((k) => k.label === c.label)?.hrefs[i];
      if (href) c.open.href = href;
      c.view.show(i);
    }
  }

  /** The figure leaves the screen: every column pauses and holds still. */
  hide(): void {
    this.el.hidden = true;
    this.active = -1;
    this.pauseAll();
    for (const c of this.columns) c.view.park();
  }

  /** The lab column is near the viewport: mount the columns' labs (tfjs) and show the active step on them. */
  wake(): void {
    this.wanted = true;
    if (this.active < 0) return;
    for (const c of this.columns) if (c.slot.want()) c.view.wake();
  }

  get isWanted(): boolean {
    return this.wanted;
  }

  playAll(): void {
    for (const c of this.columns) c.slot.mounted?.play();
    this.playing = true;
    this.syncButton();
  }

  pauseAll(): void {
    for (const c of this.columns) c.slot.mounted?.pause();
    this.playing = false;
    this.syncButton();
  }

  async stepAll(): Promise<void> {
    this.pauseAll();
    await Promise.all(this.columns.map((c) => c.slot.mounted?.step('both')));
  }

  /** The button follows the columns (a step's `play` starts them, divergence stops one). */
  private syncPlaying(): void {
    const labs = this.columns.map((c) => c.el.dataset.status);
    const any = labs.includes('playing');
    if (any !== this.playing) {
      this.playing = any;
      this.syncButton();
    }
  }

  private syncButton(): void {
    this.playBtn.textContent = this.playing ? rt('figure.pauseAll') : rt('figure.playAll');
    this.playBtn.setAttribute('aria-pressed', String(this.playing));
  }

  async dispose(): Promise<void> {
    this.bin.dispose();
    await Promise.all(this.columns.map((c) => c.slot.dispose()));
  }
}
