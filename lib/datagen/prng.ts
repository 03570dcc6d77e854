// Counter-based pseudo-random numbers: every draw is a pure function of
// (seed, stream, row index, draw number). No generator state is carried from
// one row to the next, so rows can be produced in any order, in chunks or on
// several threads, and still come out identical.

/** murmur3's 32-bit finaliser: a fast, well-mixing bijection on uint32. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-bit key for a named stream ("vehicles", "sales", …) under a seed. */
export function streamKey(seed: number, stream: string): number {
  // FNV-1a over the name, then mixed with the seed.
  let h = 0x811c9dc5;
  for (let k = 0; k < stream.length; k++) {
    h ^= stream.charCodeAt(k);
    h = Math.imul(h, 0x01000193);
  }
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 0x1_0000_0000) >>> 0;
  return fmix32(fmix32(h ^ lo) + Math.imul(hi, 0x9e3779b9) + 0x6a09e667);
}

const INV_2_32 = 1 / 0x1_0000_0000;

/**
 * The draws of one row. `reset(i)` positions it on row `i`; each `next()`
 * then yields the following uniform number in [0, 1).
 */
export class RowRandom {
  private base = 0;
  private counter = 0;

  constructor(private readonly key: number) {}

  reset(row: number): this {
    // Two rounds so that neighbouring rows are decorrelated; rows up to 2^53
    // are distinct because the high part enters the second round.
    const lo = row >>> 0;
    const hi = Math.floor(row / 0x1_0000_0000) >>> 0;
    this.base = fmix32(fmix32(this.key ^ lo) ^ Math.imul(hi + 0x632be5ab, 0x85ebca6b));
    this.counter = 0;
    return this;
  }

  /** The next draw as a uint32. */
  nextU32(): number {
    this.counter = (this.counter + 1) | 0;
    return fmix32((this.base + Math.imul(this.counter, 0x9e3779b9)) | 0);
  }

  /** Draw number `k` (1-based) of the current row, without moving on. */
  at(k: number): number {
    return fmix32((this.base + Math.imul(k, 0x9e3779b9)) | 0) * INV_2_32;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextU32() * INV_2_32;
  }

  /** Uniform integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** An element of `items`, uniformly. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** An index drawn from cumulative weights (last element = total). */
  weighted(cumulative: ArrayLike<number>): number {
    const n = cumulative.length;
    const u = this.next() * (cumulative[n - 1] as number);
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (u < (cumulative[mid] as number)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Standard normal (Box–Muller, one value per two draws). */
  normal(): number {
    const u1 = 1 - this.next();
    const u2 = this.next();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** Poisson-distributed count with mean `lambda` (inverse transform, small means). */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    return poissonInverse(lambda, this.next());
  }
}

/** The Poisson count whose CDF first reaches `u` (inverse transform; capped at 200). */
export function poissonInverse(lambda: number, u: number): number {
  let p = Math.exp(-lambda);
  let cdf = p;
  let k = 0;
  while (u > cdf && k < 200) {
    k += 1;
    p *= lambda / k;
    cdf += p;
  }
  return k;
}

/** Cumulative sums of `weights` (for `RowRandom.weighted`). */
export function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, k) => {
    sum += w;
    out[k] = sum;
  });
  return out;
}
