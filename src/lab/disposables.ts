// Everything a mounted lab holds on to outside its own DOM (listeners on the document or the root, observers,
// animation frames, timers, event subscriptions, the worker), so that dispose() can let go of all of it.
export class Disposables {
  private undo: (() => void)[] = [];
  private done = false;

  /** Runs `fn` on dispose (last added, first run); at once if already disposed. */
  add(fn: () => void): void {
    if (this.done) fn();
    else this.undo.push(fn);
  }

  /** addEventListener, removed on dispose. */
  listen<E extends Event>(target: EventTarget, type: string, fn: (e: E) => void, opts?: AddEventListenerOptions): void {
    target.addEventListener(type, fn as EventListener, opts);
    this.add(() => target.removeEventListener(type, fn as EventListener, opts));
  }

  /** requestAnimationFrame that is cancelled on dispose if it has not run. */
  frame(fn: () => void): void {
    const id = requestAnimationFrame(() => {
      this.undo = this.undo.filter((u) => u !== cancel);
      fn();
    });
    const cancel = () => cancelAnimationFrame(id);
    this.add(cancel);
  }

  get disposed(): boolean {
    return this.done;
  }

  dispose(): void {
    if (this.done) return;
    this.done = true;
    for (const fn of this.undo.reverse()) {
      try {
        fn();
      } catch (err) {
        console.warn('lab: a dispose step failed', err);
      }
    }
    this.undo = [];
  }
}
