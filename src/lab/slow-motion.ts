// Slow motion's state: where in the plan (slow-motion-plan.ts) the narration is, and the timer that moves it on
// while the lab plays. The controller performs each sub-step's action and emits what the views show.
import type { GanConfig } from './model/config';
import { slowMotionPlan, type SubStep } from './slow-motion-plan';

export interface SlowTimers {
  set(cb: () => void, ms: number): unknown;
  clear(id: unknown): void;
}

export class SlowMotion {
  private index: number | null = null;
  private steps: SubStep[] = [];
  private timer: unknown = null;

  constructor(
    private timers: SlowTimers,
    /** Milliseconds per sub-step while playing. */
    public stepMs: number,
  ) {}

  get active(): boolean {
    return this.index !== null;
  }

  /** The current sub-step's index, or null when off. */
  get position(): number | null {
    return this.index;
  }

  get plan(): SubStep[] {
    return this.steps;
  }

  get current(): SubStep | undefined {
    return this.index === null ? undefined : this.steps[this.index];
  }

  start(config: GanConfig): void {
    this.steps = slowMotionPlan(config);
    this.index = 0;
  }

  /** Turns it off; false if it was off already. */
  stop(): boolean {
    if (this.index === null) return false;
    this.clearTimer();
    this.index = null;
    return true;
  }

  /** Re-tells the plan for a changed config, keeping the place. */
  replan(config: GanConfig): void {
    if (this.index !== null) this.steps = slowMotionPlan(config);
  }

  /** On to the next sub-step; after the last, back to the first, told for `config` (it may have changed). */
  advance(config: GanConfig): void {
    if (this.index === null) return;
    this.index = (this.index + 1) % this.steps.length;
    if (this.index === 0) this.steps = slowMotionPlan(config);
  }

  /** While `playing`, calls `next` after one sub-step's time; replaces any earlier timer. */
  schedule(playing: boolean, next: () => void): void {
    this.clearTimer();
    if (this.index === null || !playing) return;
    this.timer = this.timers.set(() => {
      this.timer = null;
      next();
    }, this.stepMs);
  }

  clearTimer(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
  }
}
