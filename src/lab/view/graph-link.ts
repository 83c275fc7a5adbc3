// The link between the model graph and the view: hovering, focusing or tapping a graph box lights the layer it
// stands for (and its legend chip); hovering a chip lights its box; the generator's box also plays the morph of
// the noise grid into G's manifold (morph.ts), in the view and in its own miniature. Any leave, blur or tap
// elsewhere interrupts it. The root's data-morph says where the morph is (playing | static | done) for tests.
import type { Disposables } from '../disposables';
import { GRAPH_BOX_NAMES, type GraphBox } from '../graph-parts';
import type { GanConfig } from '../model/config';
import type { LayeredCanvas } from './layered-canvas';
import { layersOfBox, VIEW_LAYERS } from './layers';
import type { LayerLegend } from './legend';
import type { ModelGraph } from './model-graph';
import { GeneratorMorph, morphFrame, noiseGridPoints } from './morph';

export interface GraphLinkParts {
  root: HTMLElement;
  graph: ModelGraph;
  legend: LayerLegend;
  view: LayeredCanvas;
  noise(): GanConfig['noise'];
  reduced(): boolean;
}

export class GraphLink {
  readonly morph: GeneratorMorph;
  private hovered: GraphBox | null = null;

  constructor(
    private p: GraphLinkParts,
    d: Disposables,
  ) {
    this.morph = new GeneratorMorph(
      { frame: (cb) => requestAnimationFrame(cb), cancel: (id) => cancelAnimationFrame(id as number), now: () => performance.now() },
      (t, phase) => this.showMorph(t, phase),
      p.reduced,
    );
    d.add(() => this.morph.stop());
    for (const part of GRAPH_BOX_NAMES) {
      const g = p.graph.boxElement(part);
      if (!g.classList.contains('is-linkable')) continue;
      d.listen<PointerEvent>(g, 'pointerenter', (e) => e.pointerType !== 'touch' && this.enter(part));
      d.listen<PointerEvent>(g, 'pointerleave', (e) => e.pointerType !== 'touch' && this.leave(part));
      d.listen(g, 'focus', () => this.enter(part));
      d.listen(g, 'blur', () => this.leave(part));
      // A tap (or a click, or Enter on the focused box) plays it again from the start.
      d.listen(g, 'click', () => this.enter(part, true));
      d.listen<KeyboardEvent>(g, 'keydown', (e) => {
        if (e.key !== 'Enter' && e.key !== ' ') return;
        e.preventDefault();
        e.stopPropagation(); // not the lab's Space = play
        this.enter(part, true);
      });
    }
    // A tap anywhere else ends a tapped hover (touch has no pointerleave worth the name).
    d.listen<PointerEvent>(document, 'pointerdown', (e) => {
      if (this.hovered && !p.graph.boxElement(this.hovered).contains(e.target as Node)) this.leave(this.hovered);
    });
  }

  /** A legend chip hovered or focused (its layer's name), or left (null): its box lights up, and its layer. */
  chip(name: string | null) {
    const layer = VIEW_LAYERS.find((l) => l.name === name);
    const box = layer && 'box' in layer ? layer.box : undefined;
    this.p.graph.setLinked(box ? [box] : []);
    this.p.view.setFocus(name ? [name] : []);
  }

  private enter(part: GraphBox, replay = false) {
    if (this.hovered === part && !replay) return;
    if (this.hovered && this.hovered !== part) this.leave(this.hovered);
    this.hovered = part;
    const layers = layersOfBox(part);
    this.p.legend.setLinked(layers);
    this.p.view.setFocus(layers);
    if (part === 'generator') this.morph.start();
  }

  private leave(part: GraphBox) {
    if (this.hovered !== part) return;
    this.hovered = null;
    this.p.legend.setLinked([]);
    this.p.view.setFocus([]);
    if (part === 'generator') this.morph.stop();
  }

  private showMorph(t: number | 'static' | null, phase: string | null) {
    const { root, view, graph } = this.p;
    if (phase) root.dataset.morph = phase;
    else delete root.dataset.morph;
    view.setMorph(t === null ? null : { noise: this.p.noise(), t });
    // The miniature morphs too (under reduced motion it shows the grid, the "before", while pointed at).
    const mt = t === null ? 1 : t === 'static' ? 0 : t;
    const noise = this.p.noise();
    graph.transformBox('generator', mt >= 1 ? null : (f) => morphFrame(f, noiseGridPoints(noise, f.manifold.cells, f.manifold.dim, f.bounds), mt));
  }
}
