import { randomLcg } from "d3";

/*
 * Seeded randomness for the demo generator. Everything derives from d3's 32-bit LCG
 * (`randomLcg`), whose cycle is 2^32 draws long. A 1,000,000-document dataset needs
 * about 10^8 draws for its scores alone, so independently seeded generators would land
 * at random places on the same cycle and overlap by chance; instead each named stream
 * starts a fixed 2^27 draws after the previous one (jump-ahead), which keeps streams
 * disjoint up to 134 million draws each.
 */

/** d3's LCG constants (d3-random's lcg.js): state' = MUL * state + INC (mod 2^32). */
export const LCG_MUL = 0x19660d;
export const LCG_INC = 0x3c6ef35f;
/** 2^-32: maps the unsigned state to [0, 1). */
export const LCG_EPS = 1 / 0x100000000;
/** Draws between the starts of consecutive streams. */
const STREAM_SPACING = 2 ** 27;

/** A source of uniform numbers in [0, 1). */
export type Uniform = () => number;

/**
 * Mixes numbers and strings into one well-spread unsigned 32-bit integer (FNV-1a over
 * string code units, murmur3's finaliser per part). Nearby inputs give unrelated outputs,
 * which matters because an LCG's first draws are affine in its seed.
 */
export function hashSeed(...parts: ReadonlyArray<number | string>): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    if (typeof part === "number") {
      h ^= part >>> 0;
      h = Math.imul(h, 0x01000193);
      // The high half of numbers above 2^32 would otherwise be lost.
      h ^= Math.floor(part / 0x100000000) >>> 0;
    } else {
      for (let i = 0; i < part.length; i++) {
        h ^= part.charCodeAt(i);
        h = Math.imul(h, 0x01000193);
      }
    }
    h = fmix32(h ^ 0x9e3779b9);
  }
  return h >>> 0;
}

/** murmur3's 32-bit finaliser: full avalanche in a few integer operations. */
export function fmix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The LCG state `steps` draws after `state`, by squaring the affine map (O(log steps)). */
export function lcgJump(state: number, steps: number): number {
  // Accumulated map x -> a*x + c, and the current power of the one-step map.
  let a = 1;
  let c = 0;
  let baseA = LCG_MUL;
  let baseC = LCG_INC;
  let rest = Math.floor(steps);
  while (rest > 0) {
    if (rest % 2 === 1) {
      a = Math.imul(baseA, a) >>> 0;
      c = (Math.imul(baseA, c) + baseC) >>> 0;
    }
    baseC = (Math.imul(baseA, baseC) + baseC) >>> 0;
    baseA = Math.imul(baseA, baseA) >>> 0;
    rest = Math.floor(rest / 2);
  }
  return (Math.imul(a, state) + c) >>> 0;
}

/**
 * d3's `randomLcg` with its state exposed, so the hot loops that draw 10^8 numbers can
 * advance it inline: `next()` returns exactly what `randomLcg(seed)()` would (the test
 * checks this). d3 computes `mul * state + inc | 0` in doubles; Math.imul gives the same
 * low 32 bits without leaving integer arithmetic, several times faster.
 */
export class LcgStream {
  /** The signed 32-bit LCG state; the next draw is derived from its successor. */
  state: number;

  constructor(state: number) {
    this.state = state | 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (Math.imul(LCG_MUL, this.state) + LCG_INC) | 0;
    return (this.state >>> 0) * LCG_EPS;
  }

  /** `next` as a plain function, for d3's `.source()` and the helpers below. */
  uniform(): Uniform {
    return () => this.next();
  }
}

/**
 * Uniform stream number `index` (0 to 31) of a seed: d3's LCG started `index * 2^27`
 * draws along the seed's cycle, so that streams do not overlap.
 */
export function seededStream(seed: number, index: number): LcgStream {
  return new LcgStream(lcgJump(hashSeed(seed, "stream"), index * STREAM_SPACING));
}

/**
 * A short-lived generator for one small item (one document's text, one query's numbers),
 * seeded from a hash so items can be generated independently and in any order.
 */
export function itemRandom(...parts: ReadonlyArray<number | string>): Uniform {
  return randomLcg(hashSeed(...parts));
}

/** Integer in [lo, hi], both inclusive. */
export function randInt(random: Uniform, lo: number, hi: number): number {
  return lo + Math.floor(random() * (hi - lo + 1));
}

/** One element of a non-empty list. */
export function pick<T>(random: Uniform, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new RangeError("pick from an empty list");
  return item;
}

/** Fisher-Yates shuffle of a typed array, in place. */
export function shuffleInPlace(random: Uniform, array: Uint8Array | Int32Array): void {
  for (let i = array.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = array[i]!;
    array[i] = array[j]!;
    array[j] = tmp;
  }
}
