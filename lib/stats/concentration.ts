/**
 * How unevenly one tail's influence is spread over its documents.
 */
import { topCount } from "./coverage";

/**
 * Gini coefficient of a tail's magnitudes: mean absolute difference over twice the mean,
 * Σᵢ Σⱼ |xᵢ - xⱼ| / (2 n Σ x), via the sorted-values identity in O(n).
 *
 * @param magnitudesDesc strictly positive magnitudes, descending (from tailMagnitudes)
 * @returns 0 (all equal) up to (n - 1) / n (one document holds everything); NaN for n = 0
 */
export function gini(magnitudesDesc: ArrayLike<number>): number {
  const n = magnitudesDesc.length;
  if (n === 0) return NaN;
  // With x ascending, Σᵢⱼ |xᵢ - xⱼ| = 2 Σᵢ (2i - n - 1) xᵢ. Pairing the i-th largest with
  // the i-th smallest, whose coefficients are opposite, leaves non-negative terms only:
  // no cancellation, and exactly 0 when all values are equal.
  let weighted = 0;
  for (let j = 0; j < n >> 1; j++) {
    weighted += (n - 1 - 2 * j) * (magnitudesDesc[j]! - magnitudesDesc[n - 1 - j]!);
  }
  let total = 0;
  for (let j = 0; j < n; j++) total += magnitudesDesc[j]!;
  return weighted / (n * total);
}

/**
 * Share of a tail's total magnitude held by its top ceil(fraction * n) documents.
 *
 * @param magnitudesDesc strictly positive magnitudes, descending (from tailMagnitudes)
 * @param fraction share of the documents, 0..1 (default the top 1%)
 * @returns a percentage, 0..100; NaN for n = 0
 */
export function topShare(magnitudesDesc: ArrayLike<number>, fraction = 0.01): number {
  const n = magnitudesDesc.length;
  if (n === 0) return NaN;
  const m = topCount(fraction, n);
  let top = 0;
  for (let j = 0; j < m; j++) top += magnitudesDesc[j]!;
  let total = top;
  for (let j = m; j < n; j++) total += magnitudesDesc[j]!;
  return m === n ? 100 : (100 * top) / total;
}
