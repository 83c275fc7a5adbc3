// The one vocabulary: every entry point (lesson directives, URL, CLI --set, saved files) names trainer
// settings by these dotted paths and validates them with this schema.
import { z } from 'zod';
import { DISTRIBUTION_NAMES, type Distribution } from './distributions';
import { LOSS_NAMES, type Loss } from './losses';

export { DISTRIBUTION_NAMES, LOSS_NAMES, type Distribution, type Loss };
export const OPTIMIZERS = ['sgd', 'momentum', 'adam', 'rmsprop'] as const;
export const ACTIVATIONS = ['relu', 'leakyRelu', 'tanh'] as const;
export const NOISE_TYPES = ['uniform', 'gaussian'] as const;

export type OptimizerName = (typeof OPTIMIZERS)[number];
export type Activation = (typeof ACTIVATIONS)[number];

/** Most points a `points` distribution may hold (drawn or uploaded). */
export const MAX_POINTS = 5000;

const networkSchema = z
  .object({
    layers: z.number().int().min(0).max(6).default(2).describe('hidden layers (counted honestly: 0 means input straight to output)'),
    neurons: z.number().int().min(1).max(128).default(16).describe('neurons in each hidden layer'),
    activation: z.enum(ACTIVATIONS).default('relu').describe('hidden-layer activation'),
    optimizer: z.enum(OPTIMIZERS).default('adam').describe('optimizer'),
    learningRate: z.number().min(1e-6).max(10).default(1e-3).describe('learning rate (any value in range)'),
    beta1: z.number().min(0).max(0.9999).default(0.5).describe("Adam's first-moment decay (also momentum's momentum)"),
    beta2: z.number().min(0).max(0.99999).default(0.999).describe("Adam's and RMSProp's second-moment decay"),
  })
  .strict();

export const configSchema = z
  .object({
    distribution: z.enum(DISTRIBUTION_NAMES).default('gaussians').describe('the real data'),
    points: z
      .array(z.tuple([z.number().finite(), z.number().finite()]))
      .max(MAX_POINTS)
      .default([])
      .describe('the 2-D points of the `points` distribution (drawn or uploaded), sampled with a small jitter'),
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(1).describe('one seed for every random draw'),
    batchSize: z.number().int().min(4).max(1024).default(128).describe('samples per batch, real and fake each'),
    noise: z
      .object({
        type: z.enum(NOISE_TYPES).default('gaussian').describe("the generator's noise distribution"),
        dim: z.number().int().min(1).max(8).default(2).describe("the noise's dimension"),
      })
      .strict()
      .default({}),
    generator: networkSchema.default({}),
    discriminator: networkSchema.default({}),
    loss: z.enum(LOSS_NAMES).default('nonsaturating').describe('the GAN loss'),
    gradientPenalty: z.number().min(0).max(100).default(0).describe('weight of the gradient penalty on D (WGAN-GP uses 10 or 0.1)'),
    dSteps: z.number().int().min(0).max(10).default(1).describe('discriminator steps per iteration'),
    gSteps: z.number().int().min(0).max(10).default(1).describe('generator steps per iteration'),
    pack: z.number().int().min(1).max(4).default(1).describe('PacGAN packing: D judges this many samples at once'),
    minibatchStd: z.boolean().default(false).describe('give D a minibatch standard-deviation feature'),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.batchSize % c.pack !== 0) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['batchSize'], message: `must be a multiple of pack (${c.pack})` });
    }
    if (c.distribution === 'points' && c.points.length === 0) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['points'], message: 'distribution "points" needs at least one point' });
    }
  });

export type GanConfig = z.infer<typeof configSchema>;
export type NetworkConfig = GanConfig['generator'];

export const DEFAULT_CONFIG: GanConfig = configSchema.parse({});

/** One problem with an input, in words a person can act on. */
export interface ConfigIssue {
  path: string;
  message: string;
  /** The rejected value, as given. */
  value?: unknown;
  /** What is allowed, e.g. `an integer from 1 to 128` or `one of: relu, leakyRelu, tanh`. */
  allowed?: string;
  suggestion?: string;
}

export class ConfigError extends Error {
  constructor(readonly issues: ConfigIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'ConfigError';
  }
}

export function formatIssue(i: ConfigIssue): string {
  let s = `${i.path || '(config)'}: ${i.message}`;
  if (i.value !== undefined) s += ` (got ${JSON.stringify(i.value)?.slice(0, 60)})`;
  if (i.allowed) s += `; allowed: ${i.allowed}`;
  if (i.suggestion) s += `; did you mean "${i.suggestion}"?`;
  return s;
}

// ---- The dotted-path catalogue ------------------------------------------------------------------

export type KeyKind = 'enum' | 'int' | 'number' | 'boolean' | 'points';
export interface KeyInfo {
  path: string;
  kind: KeyKind;
  description: string;
  default: unknown;
  values?: readonly string[];
  min?: number;
  max?: number;
}

function unwrap(t: z.ZodTypeAny): z.ZodTypeAny {
  while (t instanceof z.ZodDefault || t instanceof z.ZodOptional || t instanceof z.ZodEffects) {
    t = t instanceof z.ZodEffects ? t.innerType() : t._def.innerType;
  }
  return t;
}

function describeLeaf(path: string, t: z.ZodTypeAny, dflt: unknown): KeyInfo {
  const description = t.description ?? '';
  const inner = unwrap(t);
  if (inner instanceof z.ZodEnum) return { path, kind: 'enum', description, default: dflt, values: inner.options };
  if (inner instanceof z.ZodBoolean) return { path, kind: 'boolean', description, default: dflt };
  if (inner instanceof z.ZodArray) return { path, kind: 'points', description, default: dflt };
  if (inner instanceof z.ZodNumber) {
    const checks = inner._def.checks;
    const int = checks.some((c) => c.kind === 'int');
    const min = checks.find((c) => c.kind === 'min') as { value: number } | undefined;
    const max = checks.find((c) => c.kind === 'max') as { value: number } | undefined;
    return { path, kind: int ? 'int' : 'number', description, default: dflt, min: min?.value, max: max?.value };
  }
  throw new Error(`config schema: unsupported leaf at ${path}`);
}

function collectKeys(obj: z.ZodObject<z.ZodRawShape>, prefix: string, defaults: Record<string, unknown>, out: KeyInfo[]) {
  for (const [k, t] of Object.entries(obj.shape)) {
    const path = prefix ? `${prefix}.${k}` : k;
    const inner = unwrap(t as z.ZodTypeAny);
    if (inner instanceof z.ZodObject) collectKeys(inner, path, defaults[k] as Record<string, unknown>, out);
    else out.push(describeLeaf(path, t as z.ZodTypeAny, defaults[k]));
  }
}

/** Every dotted path of the config, with its kind, range and default. Docs, URL, CLI and directives use it. */
export const CONFIG_KEYS: readonly KeyInfo[] = (() => {
  const out: KeyInfo[] = [];
  collectKeys(unwrap(configSchema) as z.ZodObject<z.ZodRawShape>, '', DEFAULT_CONFIG as unknown as Record<string, unknown>, out);
  return out;
})();

const KEY_BY_PATH = new Map(CONFIG_KEYS.map((k) => [k.path, k]));

export function keyInfo(path: string): KeyInfo | undefined {
  return KEY_BY_PATH.get(path);
}

export function allowedText(k: KeyInfo): string {
  switch (k.kind) {
    case 'enum':
      return `one of: ${k.values!.join(', ')}`;
    case 'boolean':
      return 'true or false';
    case 'int':
      return `an integer from ${k.min} to ${k.max}`;
    case 'number':
      return `a number from ${k.min} to ${k.max}`;
    case 'points':
      return `a list of up to ${MAX_POINTS} [x, y] pairs`;
  }
}

// ---- did-you-mean -----------------------------------------------------------------------------

export function editDistance(a: string, b: string): number {
  a = a.toLowerCase();
  b = b.toLowerCase();
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

/** The closest candidate, if it is close enough to be a plausible typo. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const last = c.split('.').pop()!;
    const dist = Math.min(editDistance(word, c), word.includes('.') ? Infinity : editDistance(word, last) + 0.5);
    if (dist < bestD) {
      bestD = dist;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

// ---- Validation -------------------------------------------------------------------------------

function pathOf(p: (string | number)[]): string {
  return p.filter((s) => typeof s === 'string').join('.');
}

function getAt(obj: unknown, path: (string | number)[]): unknown {
  let cur: unknown = obj;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[p];
  }
  return cur;
}

function toIssues(err: z.ZodError, input: unknown): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const e of err.issues) {
    if (e.code === z.ZodIssueCode.unrecognized_keys) {
      const prefix = pathOf(e.path);
      for (const key of e.keys) {
        const full = prefix ? `${prefix}.${key}` : key;
        issues.push({
          path: full,
          message: 'unknown key',
          suggestion: didYouMean(full, CONFIG_KEYS.map((k) => k.path)),
        });
      }
      continue;
    }
    const path = pathOf(e.path);
    const info = keyInfo(path);
    issues.push({
      path,
      // zod's enum message repeats the list that `allowed` already gives.
      message: e.code === z.ZodIssueCode.invalid_enum_value ? 'not an allowed value' : e.message,
      value: getAt(input, e.path),
      allowed: info ? allowedText(info) : undefined,
      suggestion:
        info?.kind === 'enum' && typeof getAt(input, e.path) === 'string'
          ? didYouMean(String(getAt(input, e.path)), info.values!)
          : undefined,
    });
  }
  return issues;
}

/** A full config from a partial one (missing keys take defaults); throws ConfigError listing every problem. */
export function parseConfig(input: unknown): GanConfig {
  const r = configSchema.safeParse(input ?? {});
  if (!r.success) throw new ConfigError(toIssues(r.error, input));
  return r.data;
}

export type ValidationResult = { ok: true; config: GanConfig } | { ok: false; issues: ConfigIssue[] };

export function validateConfig(input: unknown): ValidationResult {
  const r = configSchema.safeParse(input ?? {});
  return r.success ? { ok: true, config: r.data } : { ok: false, issues: toIssues(r.error, input) };
}

// ---- Dotted assignments (`generator.neurons=32`) -----------------------------------------------

export type PartialConfig = { [k: string]: unknown };

/** Reads one value given as text, by the kind of its key. Returns an issue instead of throwing. */
export function coerceValue(path: string, raw: string): { value: unknown } | { issue: ConfigIssue } {
  const info = keyInfo(path);
  if (!info) {
    return { issue: { path, message: 'unknown key', suggestion: didYouMean(path, CONFIG_KEYS.map((k) => k.path)) } };
  }
  const text = raw.trim();
  switch (info.kind) {
    case 'enum':
      return { value: text };
    case 'boolean':
      if (text === 'true' || text === '1' || text === '') return { value: true };
      if (text === 'false' || text === '0') return { value: false };
      return { issue: { path, message: 'not a boolean', value: raw, allowed: allowedText(info) } };
    case 'int':
    case 'number': {
      const n = text === '' ? NaN : Number(text);
      if (!Number.isFinite(n)) return { issue: { path, message: 'not a number', value: raw, allowed: allowedText(info) } };
      return { value: n };
    }
    case 'points': {
      try {
        return { value: JSON.parse(text) };
      } catch {
        return { issue: { path, message: 'not a JSON list of [x, y] pairs', value: raw.slice(0, 40), allowed: allowedText(info) } };
      }
    }
  }
}

/** Sets a dotted path in a nested plain object (creating objects on the way). */
export function setPath(target: PartialConfig, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur = target;
  for (const p of parts.slice(0, -1)) {
    if (typeof cur[p] !== 'object' || cur[p] === null) cur[p] = {};
    cur = cur[p] as PartialConfig;
  }
  cur[parts[parts.length - 1]] = value;
}

export function getPath(obj: unknown, path: string): unknown {
  return getAt(obj, path.split('.'));
}

/** Deep merge of plain objects; arrays and scalars in `patch` replace. */
export function mergeConfig<T extends object>(base: T, patch: PartialConfig): T {
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(patch)) {
    const b = out[k];
    out[k] =
      v && typeof v === 'object' && !Array.isArray(v) && b && typeof b === 'object' && !Array.isArray(b)
        ? mergeConfig(b as object, v as PartialConfig)
        : v;
  }
  return out as T;
}

/**
 * Parses `key=value` assignments (from a directive, the URL or the CLI) into a nested patch.
 * Every problem is returned, not just the first. Values are range-checked later, by parseConfig on the merge.
 */
export function parseAssignments(pairs: Iterable<[string, string]>): { patch: PartialConfig; issues: ConfigIssue[] } {
  const patch: PartialConfig = {};
  const issues: ConfigIssue[] = [];
  for (const [key, raw] of pairs) {
    const r = coerceValue(key, raw);
    if ('issue' in r) issues.push(r.issue);
    else setPath(patch, key, r.value);
  }
  return { patch, issues };
}

/** Applies a patch to a base config and validates the result with the one schema. */
export function applyPatch(base: GanConfig, patch: PartialConfig): ValidationResult {
  return validateConfig(mergeConfig(base, patch));
}

/** The assignments that turn the defaults into `config` (for URLs and share links); `points` is left out. */
export function diffFromDefaults(config: GanConfig): [string, string][] {
  const out: [string, string][] = [];
  for (const k of CONFIG_KEYS) {
    if (k.kind === 'points') continue;
    const v = getPath(config, k.path);
    if (v !== getPath(DEFAULT_CONFIG, k.path)) out.push([k.path, String(v)]);
  }
  return out;
}

// ---- What a change costs ----------------------------------------------------------------------

/**
 * Which live changes keep the networks and which rebuild them. `rebuild-g`/`rebuild-d` re-initialise that
 * network (new shapes), `reset-optimizer` keeps weights but drops optimizer state, `restart` starts over.
 */
export type ChangeEffect = 'live' | 'data' | 'reset-optimizer' | 'rebuild-g' | 'rebuild-d' | 'restart';

export function changeEffect(path: string): ChangeEffect {
  if (path === 'seed') return 'restart';
  if (path === 'distribution' || path === 'points') return 'data';
  if (path === 'noise.dim') return 'rebuild-g';
  if (path === 'pack' || path === 'minibatchStd') return 'rebuild-d';
  const m = /^(generator|discriminator)\.(layers|neurons|optimizer)$/.exec(path);
  if (m) {
    if (m[2] === 'optimizer') return 'reset-optimizer';
    return m[1] === 'generator' ? 'rebuild-g' : 'rebuild-d';
  }
  return 'live';
}

export function changedPaths(a: GanConfig, b: GanConfig): string[] {
  return CONFIG_KEYS.filter((k) => JSON.stringify(getPath(a, k.path)) !== JSON.stringify(getPath(b, k.path))).map((k) => k.path);
}

/** What going from `a` to `b` costs: each kind of effect once (the answer setConfig gives). */
export function changeEffects(a: GanConfig, b: GanConfig): ChangeEffect[] {
  return [...new Set(changedPaths(a, b).map(changeEffect))];
}

/**
 * Settings that change how fast and how often the networks learn, and nothing a frame shows or a mark holds (the
 * weights, the data, the noise, the loss): an edit of these alone keeps the picture on screen, and the state a
 * Pause rewinds to (model/trainer/mark.ts), as they are.
 */
const UNSEEN = new Set(['generator.learningRate', 'generator.beta1', 'generator.beta2', 'discriminator.learningRate', 'discriminator.beta1', 'discriminator.beta2', 'dSteps', 'gSteps']);

/** Whether every change from `a` to `b` leaves every frame as it was (see UNSEEN); false when nothing changed. */
export function changesNothingShown(a: GanConfig, b: GanConfig): boolean {
  const paths = changedPaths(a, b);
  return paths.length > 0 && paths.every((p) => UNSEEN.has(p));
}
