// The lesson compiler: a chapter's Markdown with directives -> page HTML, a resolved step script, and every error.
// Pure TypeScript: no DOM, no tfjs, no Astro. Every step's state is resolved statically (principle 2).
import {
  DEFAULT_CONFIG,
  allowedText,
  applyPatch,
  changeEffect,
  changedPaths,
  coerceValue,
  didYouMean,
  keyInfo,
  parseAssignments,
  type ConfigIssue,
  type GanConfig,
} from '../lab/model/config';
import { readTail, type Attr, type Tail } from './attributes';
import { ErrorSink, escapeHtml, sortErrors, type LessonError } from './errors';
import { parseExpectations, type Expectation } from './expect';
import { parseFrontmatter, type Frontmatter } from './frontmatter';
import { placeholder, renderChunks, substitute } from './markdown';
import { PRESET_NAMES, presetAssignments } from './presets';
import {
  CONFIG_PATHS,
  DEFAULT_LAYERS,
  DIRECTIVES,
  DIRECTIVE_NAMES,
  GRAPH_PARTS,
  LAB_ATTRIBUTES,
  LAYERS,
  MANUAL_STEPS,
  MAX_DIGITS,
  MAX_TRAIN,
  METRICS,
  MIXTURE_DISTRIBUTIONS,
  MIXTURE_METRICS,
  STEP_ATTRIBUTES,
  VALUE_ATTRIBUTES,
  directiveSyntax,
  type DirectiveKind,
  type GraphPart,
  type Layer,
  type LayerMap,
  type ManualStep,
  type MetricName,
} from './vocabulary';

// ---- Output types -------------------------------------------------------------------------------

export interface StepActions {
  /**
   * The checkpoint's iteration: the step's state is the previous step's checkpoint (or a fresh trainer, when
   * `restart`) with this step's config, trained until this iteration. Inherited from the previous step when the
   * step gives no `train`; 0 on the first step.
   */
  train: number;
  /** After arriving: stay at the checkpoint (`freeze`), or keep training live (`play`). */
  mode: 'freeze' | 'play';
  /** After arriving: one manual step in slow motion (`d`, `g`, or `both`), or none. */
  manualStep: ManualStep | null;
  /** Every layer's visibility at this step (show/hide persist from the step that sets them). */
  layers: LayerMap;
  /** Parts of the model graph highlighted at this step (not persistent). */
  highlight: GraphPart[];
  /** Claims about the checkpoint, checked when baking. */
  expect: Expectation[];
  /** Config paths that differ from the previous step's config (from the `::lab` config on the first step). */
  changes: string[];
  /** Build a fresh trainer from `config` (the first step, or a change that restarts, e.g. `seed`). */
  restart: boolean;
}

export interface CompiledStep {
  /** 0-based position in the chapter; the page's `data-step`. */
  index: number;
  /** The step's anchor (`id=`, or `step-<index + 1>`). */
  id: string;
  /** Line of the `:::step` directive. */
  line: number;
  /** The full config at this step: `::lab`, then every step's changes up to and including this one. */
  config: GanConfig;
  actions: StepActions;
  /** The step's prose, rendered. */
  html: string;
}

/** An inline `:value` in the prose. */
export interface LiveValue {
  metric: MetricName;
  digits: number | null;
  line: number;
  col: number;
  /** The step whose prose holds it, or null outside steps. */
  step: number | null;
}

export interface CompiledChapter {
  file: string;
  html: string;
  /** Validated frontmatter; null when it has errors. */
  frontmatter: Frontmatter | null;
  steps: CompiledStep[];
  errors: LessonError[];
  sandbox: boolean;
  /** The `::lab` directive: its line, preset and the chapter's starting config. Null when there is none. */
  lab: { line: number; preset: string | null; config: GanConfig } | null;
  /** The step whose checkpoint the sandbox starts from (the last step); null: the `::lab` config, untrained. */
  sandboxFrom: number | null;
  values: LiveValue[];
}

// ---- Block scan ---------------------------------------------------------------------------------

interface SrcLine {
  text: string;
  no: number;
  /** Inside a fenced code block (fence lines included): no directives here. */
  code: boolean;
}
interface MdNode {
  kind: 'md';
  lines: SrcLine[];
}
interface LeafNode {
  kind: 'lab' | 'sandbox';
  line: number;
  col: number;
  tail: Tail;
}
interface StepNode {
  kind: 'step';
  line: number;
  col: number;
  tail: Tail;
  children: Node[];
}
type Node = MdNode | LeafNode | StepNode;

interface OpenContainer {
  name: string;
  fence: number;
  line: number;
  col: number;
  /** The node its content goes into; null: the content joins the enclosing container (unknown or nested). */
  node: StepNode | null;
}

const FENCE_OPEN = /^(\s*)(`{3,}|~{3,})(.*)$/;
const CLOSE_LINE = /^( {0,3})(:{3,})\s*$/;
const CONTAINER_LINE = /^( {0,3})(:{3,})([A-Za-z][\w-]*)/;
const SPACED_CONTAINER = /^( {0,3})(:{3,})[ \t]+[A-Za-z]/;
const LEAF_LINE = /^( {0,3})::([A-Za-z][\w-]*)/;

const kindOf = (name: string): DirectiveKind | undefined => (DIRECTIVES as Record<string, DirectiveKind>)[name];
const ALL_DIRECTIVES = DIRECTIVE_NAMES.map(directiveSyntax).join(', ');

function unknownDirective(sink: ErrorSink, line: number, col: number, written: string, name: string): void {
  const s = didYouMean(name, DIRECTIVE_NAMES);
  const prefix = s ? { leaf: '::', container: ':::', inline: ':' }[kindOf(s)!] : '';
  sink.add(line, col, `unknown directive "${written}"`, { allowed: ALL_DIRECTIVES, suggestion: s ? prefix + s : undefined });
}

function scan(bodyLines: SrcLine[], sink: ErrorSink): Node[] {
  const root: Node[] = [];
  const stack: OpenContainer[] = [];
  let fence: { ch: string; len: number; line: number; col: number } | null = null;

  const target = (): Node[] => {
    for (let i = stack.length - 1; i >= 0; i--) if (stack[i].node) return stack[i].node!.children;
    return root;
  };
  const addMd = (l: SrcLine) => {
    const t = target();
    const last = t[t.length - 1];
    if (last && last.kind === 'md') last.lines.push(l);
    else t.push({ kind: 'md', lines: [l] });
  };
  const trailing = (text: string, tail: Tail, line: number, what: string) => {
    if (tail.ok && text.slice(tail.end).trim()) {
      const col = tail.end + (text.slice(tail.end).length - text.slice(tail.end).trimStart().length) + 1;
      sink.add(line, col, `unexpected text after ${what}: a block directive stands alone on its line`);
    }
  };
  const openStep = (line: number, col: number, fenceLen: number, tail: Tail) => {
    const enclosing = stack.find((c) => c.name === 'step');
    if (enclosing) {
      sink.add(line, col, `a step cannot hold another step (the step opened on line ${enclosing.line} is still open; close it with ":::" first)`);
      stack.push({ name: 'step', fence: fenceLen, line, col, node: null });
      return;
    }
    const node: StepNode = { kind: 'step', line, col, tail, children: [] };
    target().push(node);
    stack.push({ name: 'step', fence: fenceLen, line, col, node });
  };

  for (const l of bodyLines) {
    const { text, no } = l;
    if (fence) {
      addMd({ ...l, code: true });
      const m = /^\s*(`{3,}|~{3,})\s*$/.exec(text);
      if (m && m[1][0] === fence.ch && m[1].length >= fence.len) fence = null;
      continue;
    }
    const f = FENCE_OPEN.exec(text);
    if (f && !(f[2][0] === '`' && f[3].includes('`'))) {
      fence = { ch: f[2][0], len: f[2].length, line: no, col: f[1].length + 1 };
      addMd({ ...l, code: true });
      continue;
    }
    let m: RegExpExecArray | null;
    if ((m = CLOSE_LINE.exec(text))) {
      const col = m[1].length + 1;
      const top = stack[stack.length - 1];
      if (!top) {
        sink.add(no, col, 'stray ":::": there is no open container to close');
      } else if (m[2].length < top.fence) {
        sink.add(no, col, `"${m[2]}" cannot close "${':'.repeat(top.fence)}${top.name}" (line ${top.line}): a closing fence needs at least ${top.fence} colons`);
      } else {
        stack.pop();
      }
      continue;
    }
    if ((m = CONTAINER_LINE.exec(text))) {
      const col = m[1].length + 1;
      const name = m[3];
      const tail = readTail(text, m[0].length, no, sink);
      trailing(text, tail, no, `${m[2]}${name}`);
      const kind = kindOf(name);
      if (kind === 'container') openStep(no, col, m[2].length, tail);
      else if (kind === 'leaf') {
        sink.add(no, col, `"${name}" is a leaf directive, not a container: write ::${name}{...} alone on its line, with no closing ":::"`);
        target().push({ kind: name as LeafNode['kind'], line: no, col, tail });
      } else if (kind === 'inline') {
        sink.add(no, col, `"${name}" is an inline directive: write :${name}[...] inside a sentence`);
      } else {
        unknownDirective(sink, no, col, `${m[2]}${name}`, name);
        stack.push({ name, fence: m[2].length, line: no, col, node: null });
      }
      continue;
    }
    if ((m = SPACED_CONTAINER.exec(text))) {
      sink.add(no, m[1].length + 1, 'no space is allowed between ":::" and the directive\'s name', { allowed: ':::step{...}' });
      continue;
    }
    if ((m = LEAF_LINE.exec(text))) {
      const col = m[1].length + 1;
      const name = m[2];
      const tail = readTail(text, m[0].length, no, sink);
      trailing(text, tail, no, `::${name}`);
      const kind = kindOf(name);
      if (kind === 'leaf') target().push({ kind: name as LeafNode['kind'], line: no, col, tail });
      else if (kind === 'container') {
        sink.add(no, col, `"${name}" is a container: open it with :::${name}{...} and close it with a line ":::"`);
        openStep(no, col, 3, tail);
      } else if (kind === 'inline') {
        sink.add(no, col, `"${name}" is an inline directive: write :${name}[...] inside a sentence`);
      } else unknownDirective(sink, no, col, `::${name}`, name);
      continue;
    }
    addMd(l);
  }
  for (const c of stack) {
    let msg = `unclosed "${':'.repeat(c.fence)}${c.name}": close it with a line holding only "${':'.repeat(c.fence)}"`;
    if (fence) msg += ` (the code fence opened on line ${fence.line} is never closed and hides everything after it)`;
    sink.add(c.line, c.col, msg);
  }
  return root;
}

// ---- Config attributes --------------------------------------------------------------------------

const stringOf = (a: Attr): string => (a.value === true ? '' : a.value);

function issueMessage(issue: ConfigIssue, raw: string | undefined): { message: string; allowed?: string; suggestion?: string } {
  const info = keyInfo(issue.path);
  if (info && raw !== undefined) {
    if (info.kind === 'enum') {
      return { message: `unknown value "${raw}" for ${issue.path}`, allowed: allowedText(info), suggestion: didYouMean(raw, info.values!) };
    }
    if (info.kind === 'int' || info.kind === 'number') {
      const n = Number(raw);
      if (info.kind === 'int' && Number.isFinite(n) && !Number.isInteger(n)) return { message: `${issue.path}=${raw} is not an integer`, allowed: allowedText(info) };
      if (Number.isFinite(n) && ((info.min !== undefined && n < info.min) || (info.max !== undefined && n > info.max))) {
        return { message: `${issue.path}=${raw} is out of range`, allowed: allowedText(info) };
      }
    }
  }
  const shown = raw !== undefined ? `${issue.path}=${raw}` : issue.path || 'config';
  return { message: `${shown}: ${issue.message}`, allowed: issue.allowed ?? (info ? allowedText(info) : undefined), suggestion: issue.suggestion };
}

/** Keys whose change can break a rule reported on another key. */
const RELATED: Record<string, string[]> = { batchSize: ['pack'], points: ['distribution'] };

/** Applies config-key attributes over `base`, reporting each problem at its attribute. Bad ones are left out. */
function applyConfigAttrs(base: GanConfig, attrs: Attr[], sink: ErrorSink, at: { line: number; col: number }, extra: [string, string][] = []): GanConfig {
  const good: [string, string][] = [...extra];
  const byPath = new Map<string, Attr>();
  for (const a of attrs) {
    const info = keyInfo(a.name)!;
    if (a.value === true && info.kind !== 'boolean') {
      sink.add(a.line, a.col, `${a.name} needs a value`, { allowed: allowedText(info) });
      continue;
    }
    const r = coerceValue(a.name, stringOf(a));
    if ('issue' in r) {
      const m = issueMessage(r.issue, stringOf(a));
      sink.add(a.line, a.col, m.message, m);
      continue;
    }
    good.push([a.name, stringOf(a)]);
    byPath.set(a.name, a);
  }
  let pairs = good;
  for (let attempt = 0; attempt < 3; attempt++) {
    const { patch } = parseAssignments(pairs);
    const r = applyPatch(base, patch);
    if (r.ok) return r.config;
    const bad = new Set<string>();
    for (const issue of r.issues) {
      const a = byPath.get(issue.path);
      // A rule across keys (batchSize vs pack): report at the attribute that broke it.
      const related = (RELATED[issue.path] ?? []).map((k) => byPath.get(k)).find((x) => x !== undefined);
      if (attempt === 0) {
        const m = a ? issueMessage(issue, stringOf(a)) : { message: `${issue.path}: ${issue.message}` };
        const pos = a ?? related ?? at;
        sink.add(pos.line, pos.col, m.message, m);
      }
      bad.add(issue.path);
      if (!a && related) bad.add(related.name);
    }
    const next = pairs.filter(([k]) => !bad.has(k));
    if (next.length === pairs.length) break;
    pairs = next;
  }
  return base;
}

/** Config keys in short: top-level keys, and `group.*` for nested ones. */
const CONFIG_GROUPS = [...new Set(CONFIG_PATHS.map((p) => (p.includes('.') ? `${p.split('.')[0]}.*` : p)))].join(', ');

function unknownAttr(sink: ErrorSink, a: Attr, where: string, own: readonly string[], configKeys: boolean): void {
  const candidates = configKeys ? [...own, ...CONFIG_PATHS] : [...own];
  let allowed: string;
  if (!configKeys) allowed = own.length ? own.join(', ') : 'none';
  else if (a.name.includes('.')) {
    const prefix = a.name.split('.')[0] + '.';
    const same = CONFIG_PATHS.filter((p) => p.startsWith(prefix));
    allowed = same.length ? same.join(', ') : `config keys: ${CONFIG_PATHS.join(', ')}`;
  } else allowed = `${own.join(', ')}, or a config key (${CONFIG_GROUPS})`;
  const written = a.form === 'id' ? `#${stringOf(a)}` : a.form === 'class' ? `.${stringOf(a)}` : a.name;
  sink.add(a.line, a.col, `unknown attribute "${written}" on ${where}`, { allowed, suggestion: didYouMean(a.name, candidates) });
}

function checkDuplicates(attrs: Attr[], sink: ErrorSink, where: string): Attr[] {
  const seen = new Map<string, Attr>();
  const out: Attr[] = [];
  for (const a of attrs) {
    const first = seen.get(a.name);
    if (first && a.name !== 'class') {
      sink.add(a.line, a.col, `duplicate attribute "${a.name}" on ${where} (first given at column ${first.col})`);
      continue;
    }
    seen.set(a.name, a);
    out.push(a);
  }
  return out;
}

/** Reads a comma-separated list attribute, checking each item; reports at the item. */
function readList<T extends string>(a: Attr, allowedValues: readonly T[], sink: ErrorSink, what: string): T[] {
  if (a.value === true || !a.value.trim()) {
    sink.add(a.line, a.col, `${a.name} needs a list of ${what}`, { allowed: allowedValues.join(', ') });
    return [];
  }
  const out: T[] = [];
  let offset = 0;
  for (const part of a.value.split(',')) {
    const item = part.trim();
    const col = a.valueCol + offset + (part.length - part.trimStart().length);
    offset += part.length + 1;
    if (!item) continue;
    if ((allowedValues as readonly string[]).includes(item)) {
      if (!out.includes(item as T)) out.push(item as T);
    } else sink.add(a.line, col, `unknown ${what.replace(/s$/, '')} "${item}" in ${a.name}`, { allowed: allowedValues.join(', '), suggestion: didYouMean(item, allowedValues) });
  }
  return out;
}

function flagValue(a: Attr, sink: ErrorSink): boolean {
  if (a.value === true || a.value === 'true') return true;
  if (a.value === 'false') return false;
  sink.add(a.line, a.col, `${a.name} is a flag: write it bare, with no value`, { allowed: a.name });
  return false;
}

// ---- Inline directives --------------------------------------------------------------------------

interface InlineFound {
  name: string;
  line: number;
  col: number;
  tail: Tail;
  raw: string;
  /** Config in effect where it stands, and the step holding it. */
  config: GanConfig;
  step: number | null;
  errors: LessonError[];
}

/** Finds inline directives in a chunk's lines, replaces them by placeholders; returns the chunk's text. */
function scanInline(lines: SrcLine[], found: InlineFound[], context: { config: GanConfig; step: number | null }, file: string): string {
  const out: string[] = [];
  for (const l of lines) {
    if (l.code) {
      out.push(l.text);
      continue;
    }
    const text = l.text;
    let res = '';
    let last = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === '\\') {
        i++;
        continue;
      }
      if (c === '`') {
        let n = 1;
        while (text[i + n] === '`') n++;
        const run = '`'.repeat(n);
        let j = text.indexOf(run, i + n);
        while (j >= 0 && text[j + n] === '`') {
          let k = j;
          while (text[k] === '`') k++;
          j = text.indexOf(run, k);
        }
        i = j >= 0 ? j + n - 1 : i + n - 1;
        continue;
      }
      if (c !== ':' || (i > 0 && /[\w:\\]/.test(text[i - 1]))) continue;
      const m = /^[A-Za-z][\w-]*/.exec(text.slice(i + 1));
      if (!m) continue;
      const after = i + 1 + m[0].length;
      if (text[after] !== '[' && text[after] !== '{') continue;
      const local = new ErrorSink(file);
      const tail = readTail(text, after, l.no, local);
      if (!tail.ok && !kindOf(m[0])) continue; // prose that only looks like a directive
      const id = found.length;
      found.push({ name: m[0], line: l.no, col: i + 1, tail, raw: text.slice(i, tail.end), config: context.config, step: context.step, errors: local.errors });
      res += text.slice(last, i) + placeholder(id);
      last = tail.end;
      i = tail.end - 1;
    }
    out.push(res + text.slice(last));
  }
  return out.join('\n');
}

function compileInline(d: InlineFound, sink: ErrorSink, values: LiveValue[]): string | null {
  sink.errors.push(...d.errors);
  if (!d.tail.ok) return null;
  const kind = kindOf(d.name);
  if (!kind) {
    unknownDirective(sink, d.line, d.col, `:${d.name}`, d.name);
    return null;
  }
  if (kind !== 'inline') {
    sink.add(d.line, d.col, `"${d.name}" is not an inline directive: write ${directiveSyntax(d.name)} on its own line`);
    return null;
  }
  // :value[metric]{digits=N} or :value{metric=M digits=N}
  let metric: { text: string; line: number; col: number } | undefined = d.tail.label
    ? { text: d.tail.label.text.trim(), line: d.tail.label.line, col: d.tail.label.col }
    : undefined;
  let digits: number | null = null;
  let ok = true;
  for (const a of checkDuplicates(d.tail.attrs, sink, ':value')) {
    if (a.name === 'metric') {
      if (metric && metric.text !== a.value) {
        sink.add(a.line, a.col, `the label "[${metric.text}]" and metric="${stringOf(a)}" disagree: give the metric once`);
        ok = false;
      }
      metric = { text: stringOf(a).trim(), line: a.line, col: a.valueCol };
    } else if (a.name === 'digits') {
      const v = stringOf(a);
      if (!/^\d+$/.test(v) || Number(v) > MAX_DIGITS) {
        sink.add(a.line, a.col, `digits=${v} is not an integer from 0 to ${MAX_DIGITS}`, { allowed: `an integer from 0 to ${MAX_DIGITS}` });
        ok = false;
      } else digits = Number(v);
    } else {
      unknownAttr(sink, a, ':value', VALUE_ATTRIBUTES, false);
      ok = false;
    }
  }
  if (!metric || !metric.text) {
    sink.add(d.line, d.col, ':value needs a metric: write :value[dLoss] or :value{metric=dLoss}', { allowed: METRICS.join(', ') });
    return null;
  }
  if (!(METRICS as readonly string[]).includes(metric.text)) {
    sink.add(metric.line, metric.col, `unknown metric "${metric.text}"`, { allowed: METRICS.join(', '), suggestion: didYouMean(metric.text, METRICS) });
    return null;
  }
  const name = metric.text as MetricName;
  if (MIXTURE_METRICS.includes(name) && !MIXTURE_DISTRIBUTIONS.includes(d.config.distribution)) {
    sink.add(metric.line, metric.col, `${name} is measured only on mixtures, and the distribution here is ${d.config.distribution}`, {
      allowed: `distributions ${MIXTURE_DISTRIBUTIONS.join(', ')}`,
    });
    return null;
  }
  if (!ok) return null;
  values.push({ metric: name, digits, line: d.line, col: d.col, step: d.step });
  const dg = digits === null ? '' : ` data-digits="${digits}"`;
  return `<span class="live-value" data-metric="${escapeHtml(name)}"${dg}>–</span>`;
}

// ---- Compile ------------------------------------------------------------------------------------

const ID = /^[A-Za-z][\w-]*$/;

export function compileChapter(markdown: string, { file }: { file: string }): CompiledChapter {
  const sink = new ErrorSink(file);
  const source = markdown.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const fm = parseFrontmatter(source, sink);
  const bodyLines: SrcLine[] = fm.body.split('\n').map((text, i) => ({ text, no: fm.bodyLine + i, code: false }));
  const nodes = scan(bodyLines, sink);

  // Semantic pass: resolve every step's state statically, in document order.
  let lab = null as CompiledChapter['lab'];
  let labMissingReported = false;
  let config: GanConfig = DEFAULT_CONFIG;
  let layers: LayerMap = { ...DEFAULT_LAYERS };
  let prevTrain = 0;
  let sandbox = null as { line: number } | null;
  const steps: (Omit<CompiledStep, 'html'> & { classes: string[]; idAttr?: Attr })[] = [];
  const chunkContext = new Map<MdNode, { config: GanConfig; step: number | null }>();

  const doLab = (n: LeafNode) => {
    if (lab) {
      sink.add(n.line, n.col, `only one ::lab per chapter (the first is on line ${lab.line}); change config on a step instead`);
      return;
    }
    if (steps.length) sink.add(n.line, n.col, '::lab must come before the first step');
    if (n.tail.label) sink.add(n.tail.label.line, n.tail.label.col - 1, '::lab takes no [label]');
    const attrs = checkDuplicates(n.tail.attrs, sink, '::lab');
    let preset: string | null = null;
    let presetPairs: [string, string][] = [];
    const configAttrs: Attr[] = [];
    for (const a of attrs) {
      if (a.name === 'preset') {
        const p = presetAssignments(stringOf(a));
        if (!p) sink.add(a.line, a.col, `unknown preset "${stringOf(a)}"`, { allowed: PRESET_NAMES.join(', '), suggestion: didYouMean(stringOf(a), PRESET_NAMES) });
        else {
          preset = stringOf(a);
          presetPairs = p;
        }
      } else if (a.form === 'pair' || a.form === 'flag') {
        if (keyInfo(a.name)) configAttrs.push(a);
        else unknownAttr(sink, a, '::lab', LAB_ATTRIBUTES, true);
      } else unknownAttr(sink, a, '::lab', LAB_ATTRIBUTES, true);
    }
    // The preset first, then the directive's own keys over it.
    config = applyConfigAttrs(DEFAULT_CONFIG, configAttrs, sink, n, presetPairs);
    lab = { line: n.line, preset, config };
  };

  const doStep = (n: StepNode) => {
    const index = steps.length;
    if (!lab && !labMissingReported) {
      sink.add(n.line, n.col, 'a step needs a ::lab before it, to set the chapter\'s starting configuration', { allowed: '::lab{preset=standard} or ::lab{distribution=... seed=...}' });
      labMissingReported = true;
    }
    if (sandbox) sink.add(n.line, n.col, `a step after ::sandbox (line ${sandbox.line}): the sandbox comes last`);
    if (n.tail.label) sink.add(n.tail.label.line, n.tail.label.col - 1, ':::step takes no [label]; put the text inside the step');
    const attrs = checkDuplicates(n.tail.attrs, sink, ':::step');
    let train: Attr | undefined;
    let trainValue: number | undefined;
    let freeze: Attr | undefined;
    let play: Attr | undefined;
    let manual: ManualStep | null = null;
    let manualAttr: Attr | undefined;
    let show: Layer[] = [];
    let hide: Layer[] = [];
    let hideAttr: Attr | undefined;
    let highlight: GraphPart[] = [];
    let expect: Expectation[] = [];
    let idAttr: Attr | undefined;
    const classes: string[] = [];
    const configAttrs: Attr[] = [];
    for (const a of attrs) {
      switch (a.name) {
        case 'train': {
          const v = stringOf(a);
          if (!/^\d+$/.test(v) || Number(v) > MAX_TRAIN) {
            sink.add(a.line, a.col, a.value === true ? 'train needs an iteration: train=N' : `train=${v} is not an iteration from 0 to ${MAX_TRAIN}`, {
              allowed: `an integer from 0 to ${MAX_TRAIN}`,
            });
          } else {
            train = a;
            trainValue = Number(v);
          }
          break;
        }
        case 'freeze':
          if (flagValue(a, sink)) freeze = a;
          break;
        case 'play':
          if (flagValue(a, sink)) play = a;
          break;
        case 'step': {
          const v = stringOf(a);
          if ((MANUAL_STEPS as readonly string[]).includes(v)) {
            manual = v as ManualStep;
            manualAttr = a;
          } else
            sink.add(a.line, a.col, a.value === true ? 'step needs a value: step=d, step=g or step=both' : `unknown manual step "${v}"`, {
              allowed: MANUAL_STEPS.join(', '),
              suggestion: a.value === true ? undefined : didYouMean(v, MANUAL_STEPS),
            });
          break;
        }
        case 'show':
          show = readList(a, LAYERS, sink, 'layers');
          break;
        case 'hide':
          hide = readList(a, LAYERS, sink, 'layers');
          hideAttr = a;
          break;
        case 'highlight':
          highlight = readList(a, GRAPH_PARTS, sink, 'graph parts');
          break;
        case 'expect':
          if (a.value === true || !a.value.trim()) sink.add(a.line, a.col, 'expect needs claims, e.g. expect="modes<=2"', { allowed: `metrics ${METRICS.join(', ')}` });
          else expect = parseExpectations(a.value, a.line, a.valueCol, sink);
          break;
        case 'id':
          if (!ID.test(stringOf(a))) sink.add(a.line, a.valueCol, `bad step id "${stringOf(a)}"`, { allowed: 'a letter, then letters, digits, "-" or "_"' });
          else idAttr = a;
          break;
        case 'class':
          if (!ID.test(stringOf(a))) sink.add(a.line, a.valueCol, `bad class name "${stringOf(a)}"`, { allowed: 'a letter, then letters, digits, "-" or "_"' });
          else classes.push(stringOf(a));
          break;
        default:
          if (keyInfo(a.name) && (a.form === 'pair' || a.form === 'flag')) configAttrs.push(a);
          else unknownAttr(sink, a, ':::step', STEP_ATTRIBUTES, true);
      }
    }
    if (freeze && play) sink.add(play.line, play.col, 'a step either freezes or plays, not both', { allowed: 'freeze or play' });
    if (play && manualAttr) sink.add(manualAttr.line, manualAttr.col, 'a manual step (step=...) cannot be combined with play', { allowed: 'step=... with freeze, or play alone' });
    if (hideAttr) {
      for (const l of hide.filter((x) => show.includes(x))) sink.add(hideAttr.line, hideAttr.col, `layer "${l}" is both shown and hidden on this step`);
    }
    const prevConfig = config;
    config = applyConfigAttrs(prevConfig, configAttrs, sink, n);
    const changes = changedPaths(prevConfig, config);
    const restart = index === 0 || changes.some((p) => changeEffect(p) === 'restart');
    let target = trainValue ?? prevTrain;
    if (!restart && train && target < prevTrain) {
      sink.add(train.line, train.col, `train=${target} is before the previous step's ${prevTrain}`, {
        allowed: `an iteration of at least ${prevTrain} (train targets only go forward, unless the step changes seed and starts over)`,
      });
      target = prevTrain;
    }
    prevTrain = target;
    layers = { ...layers };
    for (const l of show) layers[l] = true;
    for (const l of hide) if (!show.includes(l)) layers[l] = false;
    for (const e of expect) {
      if (MIXTURE_METRICS.includes(e.metric) && !MIXTURE_DISTRIBUTIONS.includes(config.distribution)) {
        sink.add(e.line, e.col, `${e.metric} is measured only on mixtures, and this step's distribution is ${config.distribution}`, {
          allowed: `distributions ${MIXTURE_DISTRIBUTIONS.join(', ')}`,
        });
      }
    }
    steps.push({
      index,
      id: idAttr ? stringOf(idAttr) : `step-${index + 1}`,
      line: n.line,
      config,
      actions: { train: target, mode: play ? 'play' : 'freeze', manualStep: manual, layers, highlight, expect, changes, restart },
      classes,
      idAttr,
    });
    for (const c of n.children) {
      if (c.kind === 'md') chunkContext.set(c, { config, step: index });
      else if (c.kind === 'lab' || c.kind === 'sandbox') sink.add(c.line, c.col, `::${c.kind} cannot stand inside a step: put it between steps`);
    }
  };

  for (const n of nodes) {
    if (n.kind === 'md') chunkContext.set(n, { config, step: null });
    else if (n.kind === 'lab') doLab(n);
    else if (n.kind === 'step') doStep(n);
    else {
      if (sandbox) sink.add(n.line, n.col, `only one ::sandbox per chapter (the first is on line ${sandbox.line})`);
      else sandbox = { line: n.line };
      if (n.tail.label) sink.add(n.tail.label.line, n.tail.label.col - 1, '::sandbox takes no [label]');
      for (const a of n.tail.attrs) unknownAttr(sink, a, '::sandbox', [], false);
    }
  }

  // Step ids: unique in the chapter.
  const ids = new Map<string, number>();
  for (const s of steps) {
    const first = ids.get(s.id);
    if (first !== undefined) {
      const at = s.idAttr ?? { line: s.line, col: 1 };
      sink.add(at.line, at.col, `duplicate step id "${s.id}" (also the id of step ${first + 1}, line ${steps[first].line})`);
    } else ids.set(s.id, s.index);
  }

  // Render: inline directives become placeholders, chunks go through marked, placeholders come back.
  const mdNodes = [...chunkContext.keys()];
  const found: InlineFound[] = [];
  const chunkSrc = mdNodes.map((node) => scanInline(node.lines, found, chunkContext.get(node)!, file));
  const rendered = renderChunks(chunkSrc);
  const values: LiveValue[] = [];
  const htmlOf = new Map<MdNode, string>();
  mdNodes.forEach((node, i) => {
    const r = substitute(
      rendered[i],
      (id) => found[id].raw,
      (id) => compileInline(found[id], sink, values) ?? escapeHtml(found[id].raw),
    );
    htmlOf.set(node, r.html);
  });
  values.sort((a, b) => a.line - b.line || a.col - b.col);

  const compiled: CompiledStep[] = [];
  let html = '';
  let stepNo = 0;
  for (const n of nodes) {
    if (n.kind === 'md') html += htmlOf.get(n) ?? '';
    else if (n.kind !== 'step') {
      if (n.kind === 'lab') html += lab && lab.line === n.line ? '<div class="lab-anchor" data-lab></div>\n' : '';
      else html += sandbox && sandbox.line === n.line ? '<div class="sandbox" data-sandbox></div>\n' : '';
    } else {
      const s = steps[stepNo++];
      const inner = n.children.map((c) => (c.kind === 'md' ? (htmlOf.get(c) ?? '') : '')).join('');
      const cls = ['step', ...s.classes].map(escapeHtml).join(' ');
      html += `<section class="${cls}" data-step="${s.index}" id="${escapeHtml(s.id)}">\n${inner}</section>\n`;
      const { classes: _c, idAttr: _i, ...rest } = s;
      compiled.push({ ...rest, html: inner });
    }
  }

  return {
    file,
    html,
    frontmatter: fm.data,
    steps: compiled,
    errors: sortErrors(sink.errors),
    sandbox: sandbox !== null,
    lab,
    sandboxFrom: sandbox && compiled.length ? compiled.length - 1 : null,
    values,
  };
}
