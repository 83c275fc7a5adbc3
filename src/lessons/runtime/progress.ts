// The loading indicator above the lab: shown while anything is loading (the lab, a step's state), with the text of
// the latest thing that started.

export class Progress {
  private busy = new Set<string>();

  constructor(
    private readonly root: HTMLElement | null,
    private readonly text: HTMLElement | null,
  ) {}

  set(what: string, on: boolean, text?: string): void {
    if (on) this.busy.add(what);
    else this.busy.delete(what);
    if (!this.root) return;
    this.root.hidden = this.busy.size === 0;
    if (on && text && this.text) this.text.textContent = text;
  }

  /** Replaces the text without changing what is busy (a failure's explanation). */
  say(text: string): void {
    if (this.text) this.text.textContent = text;
  }
}
