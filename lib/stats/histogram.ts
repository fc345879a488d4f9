import type { CoverageTail } from "@/lib/domain/vocabulary";
/**
 * Histograms of score magnitudes on a log10 scale: influence is heavy-tailed, so equal
 * bins of log10 |score| show the bulk and the tail together.
 */

export interface LogBins {
  /** Bin edges on log10 |score|, ascending; bins = edges.length - 1. */
  edges: number[];
}

/** Smallest and largest non-zero |score| over all rows; null when every score is 0. */
export function magnitudeRange(rows: readonly Float32Array[]): { min: number; max: number } | null {
  let min = Infinity;
  let max = 0;
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) {
      const m = Math.abs(row[i]!);
      if (m === 0) continue;
      if (m < min) min = m;
      if (m > max) max = m;
    }
  }
  return max === 0 ? null : { min, max };
}

/** `bins` equal-width bins of log10 |score| spanning [min, max] (widened when min = max). */
export function logBins(range: { min: number; max: number }, bins = 40): LogBins {
  let lo = Math.log10(range.min);
  let hi = Math.log10(range.max);
  if (hi - lo < 1e-9) {
    lo -= 0.5;
    hi += 0.5;
  }
  return { edges: Array.from({ length: bins + 1 }, (_, i) => (i === bins ? hi : lo + ((hi - lo) * i) / bins)) };
}

/**
 * Counts of the positive (or negative) scores of the member rows per bin, pooled over
 * documents. Zero scores belong to neither side. The last bin is closed on the right.
 */
export function logMagnitudeHistogram(
  rows: readonly Float32Array[],
  members: readonly number[],
  sign: CoverageTail,
  { edges }: LogBins,
): number[] {
  const bins = edges.length - 1;
  const lo = edges[0]!;
  const width = (edges[bins]! - lo) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (const q of members) {
    const row = rows[q]!;
    for (let i = 0; i < row.length; i++) {
      const s = row[i]!;
      if (sign === "positive" ? !(s > 0) : !(s < 0)) continue;
      let bin = Math.floor((Math.log10(Math.abs(s)) - lo) / width);
      // Floating error at the edges: clamp into the range the edges cover.
      if (bin < 0) bin = 0;
      if (bin >= bins) bin = bins - 1;
      counts[bin]! += 1;
    }
  }
  return counts;
}
