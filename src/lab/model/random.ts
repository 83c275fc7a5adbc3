// One seeded generator drives every random draw. Its whole state is four 32-bit words, so a snapshot can
// carry it and a restored run draws exactly what the original would have drawn.

/** sfc32: small, fast, passes PractRand; state = 4 uint32. */
export class Rng {
  private s: Uint32Array;

  constructor(seed: number | number[]) {
    this.s = new Uint32Array(4);
    if (Array.isArray(seed)) {
      this.s.set(seed.map((v) => v >>> 0));
    } else {
      // Spread the seed with splitmix32 so that nearby seeds give unrelated streams.
      let x = seed >>> 0;
      for (let i = 0; i < 4; i++) {
        x = (x + 0x9e3779b9) >>> 0;
        let z = x;
        z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
        z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
        this.s[i] = (z ^ (z >>> 16)) >>> 0;
      }
      for (let i = 0; i < 12; i++) this.nextUint32();
    }
  }

  state(): number[] {
    return Array.from(this.s);
  }

  nextUint32(): number {
    const s = this.s;
    const t = (((s[0] + s[1]) >>> 0) + s[3]) >>> 0;
    s[3] = (s[3] + 1) >>> 0;
    s[0] = s[1] ^ (s[1] >>> 9);
    s[1] = (s[2] + (s[2] << 3)) >>> 0;
    s[2] = ((s[2] << 21) | (s[2] >>> 11)) >>> 0;
    s[2] = (s[2] + t) >>> 0;
    return t;
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform in (0, 1): safe for log. */
  open01(): number {
    return (this.nextUint32() + 0.5) / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** Fills `out` with standard normals (Box-Muller, both values used; no cached spare, so state stays 4 words). */
  fillNormal(out: Float32Array | number[], mean = 0, sd = 1): void {
    for (let i = 0; i < out.length; i += 2) {
      const r = Math.sqrt(-2 * Math.log(this.open01()));
      const a = 2 * Math.PI * this.uniform();
      out[i] = mean + sd * r * Math.cos(a);
      if (i + 1 < out.length) out[i + 1] = mean + sd * r * Math.sin(a);
    }
  }

  normal(): number {
    const r = Math.sqrt(-2 * Math.log(this.open01()));
    return r * Math.cos(2 * Math.PI * this.uniform());
  }

  fillUniform(out: Float32Array | number[], lo = 0, hi = 1): void {
    for (let i = 0; i < out.length; i++) out[i] = lo + (hi - lo) * this.uniform();
  }
}

/** A generator whose stream depends only on (seed, purpose, k): draws for views and metrics never disturb training. */
export function derivedRng(seed: number, purpose: number, k = 0): Rng {
  return new Rng((Math.imul(seed ^ 0x5bd1e995, 0x27d4eb2d) ^ Math.imul(purpose + 1, 0x165667b1) ^ Math.imul(k + 7, 0x9e3779b1)) >>> 0);
}
