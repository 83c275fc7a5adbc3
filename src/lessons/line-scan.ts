// Facts about one line that the inline scanner and the attribute reader share, so that scanning a line costs time
// linear in its length however many would-be directives on it fail to close (issue 13: `" :a{"` repeated to 50 KB
// took 40 s, each failed `{` being read again to the end of the line). `steps` counts the characters examined;
// tests/unit/lessons-scan-linear.test.ts bounds it.

/** States of the attribute reader that a failed read may pass through (see LineScan.failed): before an attribute
 * (spaces skipped), or inside junk after an unexpected character. */
export const AT_ATTR = 0;
export const IN_JUNK = 1;
export type ListState = typeof AT_ATTR | typeof IN_JUNK;

export class LineScan {
  /** Characters examined so far (precomputations included). */
  steps = 0;
  private labelEnds?: Int32Array;
  private runs?: Map<number, number[]>;
  /**
   * (index, state) pairs an attribute list read has passed through on its way to failing. The reader is
   * deterministic from such a pair, so a later read that reaches one fails too, and can stop there: used only
   * where the errors of the read are not kept (prose that merely looks like a directive).
   */
  private failedAt?: Uint8Array;

  constructor(readonly text: string) {}

  failed(i: number, state: ListState): boolean {
    return this.failedAt !== undefined && this.failedAt[i * 2 + state] === 1;
  }

  /** Keys are `index * 2 + state`. */
  markFailed(keys: readonly number[]): void {
    if (!keys.length) return;
    const f = (this.failedAt ??= new Uint8Array(this.text.length * 2 + 2));
    for (const k of keys) f[k] = 1;
  }

  /**
   * Where the label opening at `open` (a `[` after a directive name) closes: the index of its `]`, or -1. A label
   * nests brackets and a backslash escapes the next character. One pass with a stack finds every `[`'s match.
   */
  labelEnd(open: number): number {
    if (!this.labelEnds) {
      const t = this.text;
      const ends = new Int32Array(t.length).fill(-1);
      const stack: number[] = [];
      for (let i = 0; i < t.length; i++) {
        const c = t[i];
        if (c === '\\') i++;
        else if (c === '[') stack.push(i);
        else if (c === ']' && stack.length) ends[stack.pop()!] = i;
      }
      this.steps += t.length;
      this.labelEnds = ends;
    }
    return this.labelEnds[open];
  }

  /** Where the code span opening at `i` ends (its last backtick), or the end of the opening run if unclosed. */
  codeSpanEnd(i: number): number {
    const t = this.text;
    let n = 1;
    while (t[i + n] === '`') n++;
    this.steps += n;
    // A span closes at the next run of exactly as many backticks (escapes do not apply inside it).
    const starts = this.backtickRuns().get(n);
    if (starts) {
      let lo = 0;
      let hi = starts.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (starts[mid] < i + n) lo = mid + 1;
        else hi = mid;
      }
      if (lo < starts.length) return starts[lo] + n - 1;
    }
    return i + n - 1;
  }

  /** Start indices of the line's maximal backtick runs, by run length. */
  private backtickRuns(): Map<number, number[]> {
    if (!this.runs) {
      const t = this.text;
      const runs = new Map<number, number[]>();
      for (let i = 0; i < t.length; i++) {
        if (t[i] !== '`') continue;
        let j = i;
        while (t[j] === '`') j++;
        const list = runs.get(j - i);
        if (list) list.push(i);
        else runs.set(j - i, [i]);
        i = j - 1;
      }
      this.steps += t.length;
      this.runs = runs;
    }
    return this.runs;
  }
}
