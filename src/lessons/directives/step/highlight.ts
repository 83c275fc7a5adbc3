// `highlight=`: parts of the model graph lit on this step only.
import { readList } from '../../attribute-checks';
import { GRAPH_PARTS, type GraphPart } from '../../vocabulary';
import { defineStepPart } from './part';

export interface HighlightAction {
  /** Parts of the model graph highlighted at this step (not persistent). */
  highlight: GraphPart[];
}

export const highlight = defineStepPart<HighlightAction>()({
  draft: (): { parts: GraphPart[] } => ({ parts: [] }),
  attributes: [
    {
      name: 'highlight',
      value: 'list',
      values: GRAPH_PARTS,
      allowed: 'a comma list of [graph parts](#graph-parts)',
      doc: 'light up these parts of the model graph on this step only',
      read(a, d, sink) {
        d.parts = readList(a, GRAPH_PARTS, sink, 'graph parts');
      },
    },
  ],
  resolve: (d): HighlightAction => ({ highlight: d.parts }),
  runtime: ['highlight'],
  checkpoint: [],
});
