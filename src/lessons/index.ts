// The lesson engine's pure part: parse, validate and compile chapters. No DOM, no tfjs, no Astro.
export { compileChapter } from './compile';
export type { CompiledChapter, CompiledStep, StepActions, LiveValue } from './compile';
export { formatError, sortErrors, escapeHtml } from './errors';
export type { LessonError } from './errors';
export { parseExpectations, holds } from './expect';
export type { Expectation } from './expect';
export { parseFrontmatter, frontmatterSchema, FRONTMATTER_KEYS } from './frontmatter';
export type { Frontmatter } from './frontmatter';
export { PRESETS, PRESET_NAMES, presetAssignments } from './presets';
export type { Preset, PresetName } from './presets';
export { lessonPath } from './paths';
export type { LessonPath } from './paths';
export * from './vocabulary';
export {
  REGISTRY,
  DIRECTIVES,
  DIRECTIVE_NAMES,
  directiveSyntax,
  STEP_ATTRIBUTES,
  LAB_ATTRIBUTES,
  VALUE_ATTRIBUTES,
  chapterRuns,
} from './directives/index';
export type { ChapterRun, DirectiveName, DirectiveOutputs } from './directives/index';
export type { AttributeSpec, DirectiveKind, ValueKind } from './directives/types';
export type { Checkpoint } from './directives/step/index';
