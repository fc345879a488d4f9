/**
 * Two-dimensional binning for density scatters (the transfer view's scatter of two
 * queries' scores over every document). Pure, so the server bins and the tests check
 * one implementation.
 */

/** A closed numeric interval [lower, upper] with lower < upper. */
export type Domain = [number, number];

/**
 * The finite extent of one or more value arrays, widened so it is never empty: a
 * constant input c gives [c - 0.5, c + 0.5] (or ±|c|/2 when c is not 0), no finite
 * values give [0, 1].
 */
export function finiteExtent(...arrays: ArrayLike<number>[]): Domain {
  let lower = Infinity;
  let upper = -Infinity;
  for (const values of arrays) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (!Number.isFinite(v)) continue;
      if (v < lower) lower = v;
      if (v > upper) upper = v;
    }
  }
  if (lower > upper) return [0, 1];
  if (lower === upper) {
    const half = lower === 0 ? 0.5 : Math.abs(lower) / 2;
    return [lower - half, upper + half];
  }
  return [lower, upper];
}

/**
 * Index of the bin holding `value` among `bins` equal-width bins over `domain`; the
 * upper edge belongs to the last bin. -1 outside the domain or for non-finite values.
 */
export function binIndex(value: number, domain: Domain, bins: number): number {
  const [lower, upper] = domain;
  if (!Number.isFinite(value) || value < lower || value > upper) return -1;
  const i = Math.floor(((value - lower) / (upper - lower)) * bins);
  return Math.min(bins - 1, Math.max(0, i));
}

export interface Bins2d {
  xBins: number;
  yBins: number;
  xDomain: Domain;
  yDomain: Domain;
  /** Row-major counts, row = y bin (0 = lowest y), column = x bin: counts[y * xBins + x]. */
  counts: Uint32Array;
  /** Largest count (0 when nothing was binned). */
  max: number;
  /** Pairs left out (outside a domain or not finite). */
  outside: number;
}

/**
 * Counts (x[i], y[i]) pairs in an xBins x yBins grid of equal-width bins. With `clamp`,
 * finite values beyond a domain count in its edge bin (a robust extent's outliers drawn on
 * the edge) instead of being left out.
 */
export function bin2d(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  options: { xBins: number; yBins: number; xDomain: Domain; yDomain: Domain; clamp?: boolean },
): Bins2d {
  const { xBins, yBins, xDomain, yDomain } = options;
  const onAxis = (v: number, [lower, upper]: Domain) => (options.clamp ? Math.min(upper, Math.max(lower, v)) : v);
  if (xs.length !== ys.length) throw new RangeError(`x has ${xs.length} values, y has ${ys.length}`);
  if (!(xBins >= 1 && yBins >= 1)) throw new RangeError("bin counts must be at least 1");
  const counts = new Uint32Array(xBins * yBins);
  let outside = 0;
  let max = 0;
  for (let i = 0; i < xs.length; i++) {
    const bx = binIndex(onAxis(xs[i]!, xDomain), xDomain, xBins);
    const by = binIndex(onAxis(ys[i]!, yDomain), yDomain, yBins);
    if (bx < 0 || by < 0) {
      outside++;
      continue;
    }
    const c = ++counts[by * xBins + bx]!;
    if (c > max) max = c;
  }
  return { xBins, yBins, xDomain, yDomain, counts, max, outside };
}

/** The transfer scatter's density grid, bins per axis (binned at ingest, counted on request). */
export const SCATTER_DENSITY_BINS = 60;

/** A quantised value's byte when binIndex gives -1 (outside the domain or not finite). */
export const NOT_BINNED = 255;

/**
 * Each value's binIndex among `bins` (at most 255) over `domain`, one byte each after a
 * first byte holding `bins`: what ingest stores per query so that a pair's density is
 * counted from two such columns (countQuantised) with exactly bin2d's counts (`clamp` as
 * bin2d's).
 */
export function quantise(values: ArrayLike<number>, domain: Domain, bins: number, options: { clamp?: boolean } = {}): Uint8Array {
  if (!(bins >= 1 && bins < NOT_BINNED)) throw new RangeError(`bins must be 1 to ${NOT_BINNED - 1}`);
  const out = new Uint8Array(values.length + 1);
  out[0] = bins;
  const [lower, upper] = domain;
  for (let i = 0; i < values.length; i++) {
    // As bin2d's clamp: a finite value beyond the domain goes to its edge bin.
    const b = binIndex(options.clamp ? Math.min(upper, Math.max(lower, values[i]!)) : values[i]!, domain, bins);
    out[i + 1] = b < 0 ? NOT_BINNED : b;
  }
  return out;
}

/**
 * The 2-D counts of two quantised columns (quantise's output, same length and bins),
 * laid out as bin2d's; `outside` counts documents not binned on either axis.
 */
export function countQuantised(x: Uint8Array, y: Uint8Array): Pick<Bins2d, "xBins" | "yBins" | "counts" | "max" | "outside"> {
  const xBins = x[0] ?? 0;
  const yBins = y[0] ?? 0;
  if (x.length !== y.length) throw new RangeError(`x has ${x.length - 1} values, y has ${y.length - 1}`);
  // Counted by the byte pair itself (NOT_BINNED included), without a branch or a multiply
  // in the loop that runs once a document (5M times a request at the paper's scale); the
  // grid is read off after.
  const byPair = new Uint32Array(256 * 256);
  for (let i = 1; i < x.length; i++) byPair[(y[i]! << 8) | x[i]!]!++;
  const counts = new Uint32Array(xBins * yBins);
  let max = 0;
  let binned = 0;
  for (let by = 0; by < yBins; by++) {
    for (let bx = 0; bx < xBins; bx++) {
      const c = byPair[(by << 8) | bx]!;
      counts[by * xBins + bx] = c;
      binned += c;
      if (c > max) max = c;
    }
  }
  return { xBins, yBins, counts, max, outside: x.length - 1 - binned };
}
