// The types of the lab's public API (controller.ts): what it is built from, the state it reports and the events
// views and lessons subscribe to.
import type { HighlightTarget } from './graph-parts';
import type { ChartName } from './view/chart-kinds';
import type { ChangeEffect, GanConfig, PartialConfig } from './model/config';
import type { Divergence, Metrics, TrainerFrame } from './model/types';
import type { SubStep } from './slow-motion-plan';
import type { BackendInfo, BackendName, TrainerLike } from './trainer-like';

export type LabStatus = 'playing' | 'paused' | 'diverged';
export type StepKind = 'd' | 'g' | 'both';
/**
 * Which view layers to show, by name. The controller only passes this on to the views, so it names no layer
 * itself: the names are the view-layer registry's (view/layers/index.ts), which the lessons' vocabulary shares.
 */
export type LayerPatch = Partial<Record<string, boolean>>;

export interface ControllerDeps {
  createTrainer(config: GanConfig): TrainerLike;
  /** Starts a tfjs backend for the trainers created from now on; those made before keep theirs until settled. */
  switchBackend?(name: BackendName | 'auto'): Promise<BackendInfo>;
  /** Ends a switch: 'commit' releases the previous backend, 'revert' goes back to it (the new one failed). */
  settleBackend?(outcome: 'commit' | 'revert'): void;
  requestFrame?(cb: () => void): unknown;
  cancelFrame?(id: unknown): void;
  now?(): number;
  setTimer?(cb: () => void, ms: number): unknown;
  clearTimer?(id: unknown): void;
}

export interface ControllerOptions {
  config?: GanConfig | PartialConfig;
  /** Iterations per animation frame. */
  speed?: number;
  /** Milliseconds between metric measurements while playing. */
  measureEveryMs?: number;
  /** Milliseconds per slow-motion sub-step. */
  slowStepMs?: number;
  backend?: BackendInfo;
  /** The work one play-loop chunk should hold, ms (chunk-sizer.ts); Infinity trains whole ticks of `speed` iterations. */
  chunkMs?: number;
}

/** The state views show; also mirrored onto the lab root's data-* attributes. */
export interface LabState {
  status: LabStatus;
  /** The reader (or lesson) wants it to play; it may still be held by visibility. */
  playing: boolean;
  iteration: number;
  /**
   * Which run this is: a new number whenever the trainer is replaced, restored or restarted (a snapshot loaded, a
   * restart, going back after a divergence). Two lesson steps can end at the same iteration with different seeds or
   * settings: views key "has this changed" on the run and the iteration together, never the iteration alone.
   */
  run: number;
  /** D and G updates taken since this run (or snapshot) began. */
  dSteps: number;
  gSteps: number;
  speed: number;
  slowMotion: boolean;
  slowStep: number | null;
  config: GanConfig;
  backend?: BackendInfo;
  divergence?: Divergence;
  /** Held back because the lab is off screen or the tab is hidden. */
  held: boolean;
}

export interface LabEvents {
  state: LabState;
  frame: TrainerFrame;
  metrics: Metrics[];
  config: { config: GanConfig; effects: ChangeEffect[] };
  diverged: Divergence;
  notice: { text: string; kind: 'info' | 'error' };
  layers: LayerPatch;
  highlight: HighlightTarget;
  chart: ChartName;
  slowmotion: { index: number | null; step?: SubStep; plan: SubStep[] };
  backend: BackendInfo;
}
