// `::lab{preset=... key=value}`: the chapter's starting configuration, and where the lab stands in the page.
import { DEFAULT_CONFIG, didYouMean } from '../../lab/model/config';
import type { Attr } from '../attributes';
import { checkDuplicates, listedNames, readAttributes, stringOf } from '../attribute-checks';
import { applyConfigAttrs } from '../config-attrs';
import { PRESET_NAMES, presetAssignments } from '../presets';
import { defineLeaf, type AttributeDef, type LabInfo } from './types';

interface Draft {
  preset: string | null;
  pairs: [string, string][];
}

const ATTRIBUTES: readonly AttributeDef<Draft>[] = [
  {
    name: 'preset',
    value: 'choice',
    values: PRESET_NAMES,
    allowed: 'a [preset](#presets) name',
    doc: "start from a named configuration (default: the trainer's defaults)",
    read(a, d, sink) {
      const p = presetAssignments(stringOf(a));
      if (!p) sink.add(a.line, a.col, `unknown preset "${stringOf(a)}"`, { allowed: PRESET_NAMES.join(', '), suggestion: didYouMean(stringOf(a), PRESET_NAMES) });
      else {
        d.preset = stringOf(a);
        d.pairs = p;
      }
    },
  },
];
const LISTED = listedNames(ATTRIBUTES);

export interface LabOutput {
  /** The `::lab` directive: its line, preset and the chapter's starting config. Null when there is none. */
  lab: LabInfo | null;
}

export const lab = defineLeaf<LabOutput>()({
  name: 'lab',
  kind: 'leaf',
  summary: "the chapter's starting configuration",
  attributes: ATTRIBUTES,
  configKeys: 'set that key; applied over the preset, whatever the order',
  init: () => null,
  read(n, _state, scope) {
    const sink = scope.sink;
    if (scope.lab) {
      sink.add(n.line, n.col, `only one ::lab per chapter (the first is on line ${scope.lab.line}); change config on a step instead`);
      return;
    }
    if (scope.steps) sink.add(n.line, n.col, '::lab must come before the first step');
    if (n.tail.label) sink.add(n.tail.label.line, n.tail.label.col - 1, '::lab takes no [label]');
    const draft: Draft = { preset: null, pairs: [] };
    const own = new Map<string, (a: Attr) => void>(ATTRIBUTES.map((def) => [def.name, (a: Attr) => def.read(a, draft, sink)]));
    const attrs = checkDuplicates(n.tail.attrs, sink, '::lab');
    const { config: configAttrs } = readAttributes(attrs, own, { name: '::lab', listed: LISTED, configKeys: true }, sink);
    // The preset first, then the directive's own keys over it.
    const config = applyConfigAttrs(DEFAULT_CONFIG, configAttrs, sink, n, draft.pairs);
    scope.config = config;
    scope.lab = { line: n.line, preset: draft.preset, config };
  },
  render: (n, _state, scope) => (scope.lab && scope.lab.line === n.line ? '<div class="lab-anchor" data-lab></div>\n' : ''),
  output: (_state, scope): LabOutput => ({ lab: scope.lab }),
});
