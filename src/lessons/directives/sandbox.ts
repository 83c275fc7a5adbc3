// `::sandbox`: the full interactive lab, starting from the chapter's last state. No attributes.
import { unknownAttr } from '../attribute-checks';
import { defineLeaf } from './types';

export interface SandboxOutput {
  sandbox: boolean;
  /** The step whose checkpoint the sandbox starts from (the last step); null: the `::lab` config, untrained. */
  sandboxFrom: number | null;
}

export const sandbox = defineLeaf<SandboxOutput>()({
  name: 'sandbox',
  kind: 'leaf',
  summary: 'the free-play lab',
  attributes: [],
  init: () => null,
  read(n, _state, scope) {
    const sink = scope.sink;
    if (scope.sandboxLine !== null) sink.add(n.line, n.col, `only one ::sandbox per chapter (the first is on line ${scope.sandboxLine})`);
    else scope.sandboxLine = n.line;
    if (n.tail.label) sink.add(n.tail.label.line, n.tail.label.col - 1, '::sandbox takes no [label]');
    for (const a of n.tail.attrs) unknownAttr(sink, a, '::sandbox', [], false);
  },
  render: (n, _state, scope) => (scope.sandboxLine === n.line ? '<div class="sandbox" data-sandbox></div>\n' : ''),
  output: (_state, scope): SandboxOutput => ({
    sandbox: scope.sandboxLine !== null,
    sandboxFrom: scope.sandboxLine !== null && scope.steps ? scope.steps - 1 : null,
  }),
});
