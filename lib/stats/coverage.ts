import { COVERAGE_PERCENTILES } from "@/lib/domain/ks";
import type { CoverageTail } from "@/lib/domain/vocabulary";
/**
 * Coverage curves (the paper's "distribution" finding): what share of a query's total
 * positive (or negative) influence its top p percent of documents hold.
 */
import { meanStd } from "./summary";

/** Top-k percentiles (percent of a tail's documents) every coverage curve reports. */

/**
 * ceil(fraction * n), snapped to the nearest integer when within rounding error of it:
 * 0.2 * 500 and 20 * 5 / 100 must count exactly 1 document, not 2 because the product
 * landed at 1.0000000000000002.
 *
 * @param fraction share of the documents, 0..1
 * @param n number of documents
 * @returns a document count in 0..n
 */
export function topCount(fraction: number, n: number): number {
  const x = fraction * n;
  const nearest = Math.round(x);
  const m = Math.abs(x - nearest) <= 1e-9 * Math.max(1, Math.abs(x)) ? nearest : Math.ceil(x);
  return Math.max(0, Math.min(n, m));
}

/** One point of a coverage curve. */
export interface CoveragePoint {
  /** Top-k percentile, in percent of the tail's documents (0..100). */
  percentile: number;
  /** Documents counted: ceil(percentile * n / 100). */
  count: number;
  /** Summed magnitude of those documents, in score units. */
  sum: number;
  /** sum as a percentage of the tail's total magnitude (0..100). */
  share: number;
}

/**
 * Cumulative share of a tail's total magnitude held by its top documents.
 *
 * @param magnitudesDesc the n strictly positive magnitudes of one tail, descending (the
 *   positive scores, or the absolute values of the negative scores); see tailMagnitudes
 * @param percentiles top-k percentiles in percent, 0..100
 * @returns one point per percentile, in the given order; empty when n = 0
 */
export function coverageCurve(
  magnitudesDesc: ArrayLike<number>,
  percentiles: readonly number[] = COVERAGE_PERCENTILES,
): CoveragePoint[] {
  const n = magnitudesDesc.length;
  if (n === 0) return [];
  const counts = percentiles.map((p) => topCount(p / 100, n));
  // Every prefix sum is accumulated in document order in one walk, so each point's sum
  // is bit-identical to summing its own prefix.
  const byCount = counts.map((m, i) => ({ m, i })).sort((x, y) => x.m - y.m);
  const sums = new Float64Array(counts.length);
  let sum = 0;
  let next = 0;
  for (const { m, i } of byCount) {
    for (; next < m; next++) sum += magnitudesDesc[next]!;
    sums[i] = sum;
  }
  for (; next < n; next++) sum += magnitudesDesc[next]!;
  const total = sum;
  return percentiles.map((percentile, i) => {
    const count = counts[i]!;
    const s = sums[i]!;
    // 100 * T / T can round to 100.00000000000001; the full tail is 100 by definition.
    const share = count === n ? 100 : (100 * s) / total;
    return { percentile, count, sum: s, share };
  });
}

/**
 * The magnitudes of one tail of a query's scores, descending.
 *
 * @param scores one query's scores
 * @param order rankOrder(scores, "top") for the positive tail, "bottom" for the negative
 * @param tail "positive": scores > 0 as they are; "negative": |score| of scores < 0
 * @returns strictly positive magnitudes, largest first (zeros belong to neither tail)
 */
export function tailMagnitudes(
  scores: Float32Array,
  order: Uint32Array,
  tail: CoverageTail,
): Float64Array {
  const sign = tail === "positive" ? 1 : -1;
  let n = 0;
  while (n < order.length && sign * scores[order[n]!]! > 0) n++;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = sign * scores[order[i]!]!;
  return out;
}

/** One percentile of several coverage curves summarised. */
export interface CurveSummaryPoint {
  /** Top-k percentile, in percent of the tail's documents. */
  percentile: number;
  /** Mean share across the curves, in percent. */
  mean: number;
  /** Sample std (ddof = 1) across the curves; null for a single curve. */
  std: number | null;
  /** Curves with a point at this percentile. */
  n: number;
}

/**
 * Mean and sample std per percentile across several coverage curves (e.g. the queries of
 * a selection), as meanStd computes them.
 *
 * @param points the curves' points, in any order; NaN shares are skipped
 * @returns one entry per percentile, ascending
 */
export function curveMeanStd(points: readonly { percentile: number; share: number }[]): CurveSummaryPoint[] {
  const byPercentile = new Map<number, number[]>();
  for (const point of points) {
    const list = byPercentile.get(point.percentile) ?? [];
    list.push(point.share);
    byPercentile.set(point.percentile, list);
  }
  return [...byPercentile.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([percentile, values]) => {
      const { mean, std, n } = meanStd(values);
      return { percentile, mean, std: Number.isNaN(std) ? null : std, n };
    });
}
