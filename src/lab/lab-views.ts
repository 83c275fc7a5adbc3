// The lab's views and how they follow the controller: the layered canvas with its legend and divergence box, the
// model graph, the slow-motion narration, the charts, the transport bar and the counts. Every subscription and
// pending paint is registered with the lab's Disposables.
import type { LabController } from './controller';
import type { Disposables } from './disposables';
import type { LabState } from './lab-api';
import type { Divergence, TrainerFrame } from './model/types';
import { afterPaint, Charts } from './view/charts';
import { Transport } from './view/controls';
import { getLocale, t } from './i18n';
import { fmt, h } from './view/dom';
import { GraphLink } from './view/graph-link';
import { LayeredCanvas } from './view/layered-canvas';
import { LayerLegend } from './view/legend';
import { ModelGraph } from './view/model-graph';
import { onColourSchemeChange, readColours } from './view/palette';
import { SlowMotionPanel } from './view/slow-motion';

/** Below this many ms since the last, a frame does not redraw the graph's miniatures while playing. */
const GRAPH_EVERY_MS = 150;

/** A warning sign that lasted (Divergence.what, trainer/health.ts), in words. */
const SIGN_TEXT = { 'weights-exploding': 'divergence.weightsExploding', 'losses-exploding': 'divergence.lossesExploding', 'fakes-outside': 'divergence.fakesOutside' } as const;

export class LabViews {
  readonly canvas = h('canvas', { class: 'lab-canvas', role: 'img', 'aria-label': t('view.canvas') });
  readonly view = new LayeredCanvas(this.canvas);
  readonly graph = new ModelGraph();
  readonly charts = new Charts(h('div', { class: 'lab-charts' }));
  readonly slow: SlowMotionPanel;
  readonly transport: Transport;
  readonly counts = h('p', { class: 'lab-counts', 'aria-live': 'off' });
  readonly changeLine = h('p', { class: 'lab-change', role: 'status', 'aria-live': 'polite' });
  private legend: LayerLegend;
  private link?: GraphLink;
  private divergence = h('div', { class: 'lab-divergence', role: 'alert', hidden: true });
  private graphWrap = h('div', { class: 'lab-graph-box-wrap' }, this.graph.root);
  private side = h('div', { class: 'lab-side' });
  /**
   * False while the side panel (graph, charts) is not displayed, as in a comparison figure's columns: its views then
   * skip their updates (SVG and chart rebuilds nobody sees cost each column milliseconds a frame) and catch up when
   * it shows again.
   */
  private sideShown = true;

  constructor(
    private root: HTMLElement,
    private ctl: LabController,
    private d: Disposables,
  ) {
    this.legend = new LayerLegend(
      (name) => ctl.setLayers({ [name]: !this.view.layers[name] }),
      (name) => this.link?.chip(name),
    );
    this.slow = new SlowMotionPanel({ next: () => void ctl.nextSubStep(), goTo: (i) => void ctl.goToSubStep(i), close: () => ctl.stopSlowMotion() });
    this.transport = new Transport({
      togglePlay: () => ctl.toggle(),
      reset: () => void ctl.reset(),
      step: (w) => void ctl.step(w),
      toggleSlowMotion: () => ctl.toggleSlowMotion(),
      setSpeed: (n) => ctl.setSpeed(n),
    });
  }

  /** The top bar and the main area (view + side panel). */
  layout(): HTMLElement[] {
    const viewBox = h('div', { class: 'lab-view' }, h('div', { class: 'lab-canvas-wrap' }, this.canvas, this.divergence), this.legend.root);
    this.side.append(this.slow.root, this.graphWrap, this.charts.root);
    return [h('div', { class: 'lab-top' }, this.transport.root, this.counts), h('div', { class: 'lab-main' }, viewBox, this.side)];
  }

  /** Subscribes every view to the controller; redraws on resize and colour-scheme changes. */
  wire() {
    const { ctl, d } = this;
    d.add(ctl.on('state', (s) => this.showState(s)));
    d.add(ctl.on('frame', this.frameFollower()));
    d.add(
      ctl.on('metrics', (hist) => {
        if (!this.sideShown) return;
        this.charts.update(hist);
        this.graph.setHistory(hist);
      }),
    );
    this.graph.setHistory(ctl.history);
    const reduced = () => this.root.classList.contains('lab-reduced-motion') || (typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches);
    this.link = new GraphLink({ root: this.root, graph: this.graph, legend: this.legend, view: this.view, noise: () => ctl.config.noise, reduced }, d);
    d.add(
      ctl.on('layers', (patch) => {
        this.view.setLayers(patch);
        this.legend.update(this.view.layers);
      }),
    );
    d.add(ctl.on('highlight', (hl) => this.graph.highlight(hl)));
    this.charts.onPick = (name) => ctl.showChart(name);
    d.add(ctl.on('chart', (name) => this.charts.showChart(name)));
    d.add(
      ctl.on('slowmotion', ({ index, plan }) => {
        if (index === 0) this.slow.setPlan(plan);
        this.slow.show(index, ctl.state.playing);
      }),
    );
    d.add(ctl.on('diverged', (dv) => this.showDivergence(dv)));
    d.add(
      ctl.on('config', ({ config, effects }) => {
        if (effects.includes('restart')) this.graph.resetLosses();
        this.graph.setNoiseDim(config.noise.dim);
      }),
    );
    this.graph.setNoiseDim(ctl.config.noise.dim);
    this.watchSize();
    this.watchColours();
    d.add(() => this.charts.dispose());
  }

  showState(s: LabState) {
    const root = this.root;
    root.dataset.status = s.status;
    root.dataset.iteration = String(s.iteration);
    root.dataset.dSteps = String(s.dSteps);
    root.dataset.gSteps = String(s.gSteps);
    root.dataset.slowMotion = String(s.slowMotion);
    this.transport.update({ playing: s.playing, status: s.status, iteration: s.iteration, speed: s.speed, slowMotion: s.slowMotion });
    if (s.slowMotion) this.slow.show(s.slowStep, s.playing);
    this.counts.textContent = t('counts.line', { d: fmt(s.dSteps), g: fmt(s.gSteps), seed: String(s.config.seed) }) + (s.held ? t('counts.held') : '');
    if (s.status !== 'diverged') this.divergence.hidden = true;
  }

  /**
   * The main view follows every frame; the graph's miniatures are small and change slowly, so a few updates a
   * second are enough (each repaint of the SVG costs the browser a few ms at every frame otherwise). The first
   * frame paints the main view first and the miniatures (~20 ms) right after that paint, so a deep link shows its
   * step sooner (issue 4); frames that arrive meanwhile only replace the pending one.
   */
  private frameFollower(): (f: TrainerFrame) => void {
    let graphAt = -Infinity;
    let first: TrainerFrame | null | undefined;
    return (f) => {
      this.view.draw(f);
      if (!this.sideShown) return;
      if (first !== null) {
        const due = first === undefined;
        first = f;
        if (due)
          afterPaint(() => {
            if (this.d.disposed) return;
            graphAt = performance.now();
            this.graph.update(first!);
            first = null;
          });
        return;
      }
      const now = performance.now();
      if (now - graphAt >= GRAPH_EVERY_MS || this.ctl.status !== 'playing') {
        graphAt = now;
        this.graph.update(f);
      }
    };
  }

  private showDivergence(dv: Divergence) {
    const restore = h('button', { type: 'button', class: 'lab-btn lab-btn-primary lab-restore' }, t('divergence.restore'));
    restore.addEventListener('click', () => void this.ctl.restoreLastGood());
    const hint = dv.hintText?.[getLocale()] ?? dv.hint;
    const sign = SIGN_TEXT[dv.what as keyof typeof SIGN_TEXT];
    const body = sign
      ? t('divergence.bodySign', { what: t(sign, { since: fmt(dv.since ?? dv.iteration) }), hint })
      : t('divergence.body', { what: dv.what === 'weights' ? t('divergence.weights') : dv.what === 'dLoss' ? t('divergence.dLoss') : t('divergence.gLoss'), hint });
    this.divergence.replaceChildren(h('strong', {}, t('divergence.title', { iteration: fmt(dv.iteration) })), h('p', {}, body), restore);
    this.divergence.hidden = false;
  }

  /** Sizes come from a ResizeObserver, not from layout reads per draw; the side panel's visibility likewise. */
  private watchSize() {
    if (typeof ResizeObserver !== 'function') return;
    let pending = false;
    const ro = new ResizeObserver((entries) => {
      for (const e of entries) {
        const box = e.borderBoxSize?.[0];
        const w = box ? box.inlineSize : e.contentRect.width;
        const hgt = box ? box.blockSize : e.contentRect.height;
        if (e.target === this.canvas) this.view.setBoxSize(w, hgt);
        else this.setSideShown(w > 0 || hgt > 0);
      }
      if (pending) return;
      pending = true;
      this.d.frame(() => {
        pending = false;
        this.view.draw();
      });
    });
    ro.observe(this.canvas, { box: 'border-box' });
    ro.observe(this.side);
    // the graph's layout follows the room it has (GAN Lab's row where its labels read, else folded in two rows)
    const graphRo = new ResizeObserver(() => this.graph.fit());
    graphRo.observe(this.graphWrap);
    this.d.add(() => {
      ro.disconnect();
      graphRo.disconnect();
    });
  }

  private setSideShown(shown: boolean) {
    if (shown === this.sideShown) return;
    this.sideShown = shown;
    if (!shown) return;
    this.graph.setHistory(this.ctl.history);
    const last = this.ctl.frameData;
    if (last) this.graph.update(last);
    this.charts.update(this.ctl.history);
  }

  /** The canvases read the palette from the page's styles: again when the reader's colour scheme changes. */
  private watchColours() {
    const apply = () => {
      const colours = readColours(this.root);
      this.view.setColours(colours);
      this.graph.setColours(colours);
      this.charts.setColours(colours);
      const last = this.ctl.frameData;
      if (last) this.graph.update(last);
      this.charts.update(this.ctl.history);
    };
    const colours = readColours(this.root);
    this.view.setColours(colours);
    this.graph.setColours(colours);
    this.charts.setColours(colours);
    this.d.add(onColourSchemeChange(apply));
  }
}
