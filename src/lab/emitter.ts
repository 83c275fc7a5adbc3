// A typed event emitter: one set of listeners per event; a listener that throws is reported and skipped, so one
// broken view cannot stop the others (or the run loop that emits).
export class Emitter<Events extends object> {
  private listeners = new Map<keyof Events, Set<(v: never) => void>>();

  /** Subscribes; returns the unsubscribe function. */
  on<K extends keyof Events>(type: K, fn: (v: Events[K]) => void): () => void {
    let set = this.listeners.get(type);
    if (!set) this.listeners.set(type, (set = new Set()));
    set.add(fn as (v: never) => void);
    return () => void set!.delete(fn as (v: never) => void);
  }

  emit<K extends keyof Events>(type: K, value: Events[K]): void {
    for (const fn of this.listeners.get(type) ?? []) {
      try {
        (fn as (v: Events[K]) => void)(value);
      } catch (err) {
        console.warn(`lab: a "${String(type)}" listener failed`, err);
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}
