import { multiplierDomain as decadeDomain } from "@/components/charts/multiplier-scale";

/** Scale settings both sides share (pure, importable by the server page and the client charts). */

/** Coverage x range: the top 20% of documents, where curves differ (the table lists every percentile). */
export const COVERAGE_X_DOMAIN: [number, number] = [0.2, 20];

/** A y maximum for coverage: the next multiple of 10, at most 100. */
export function coverageYMax(values: readonly number[]): number {
  const max = Math.max(10, ...values);
  return Math.min(100, Math.ceil(max / 10) * 10);
}

/**
 * A log domain spanning whole decades around every positive multiplier and at least
 * 0.1..10 (narrower than the concentration view's 0.01..100: one k, fewer extremes).
 */
export function multiplierDomain(values: readonly number[]): [number, number] {
  return decadeDomain(values, [0.1, 10]);
}
