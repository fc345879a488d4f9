/** Scale settings both sides share (pure, importable by the server page and the client charts); multipliers use components/charts/multiplier-scale. */

/** Coverage x range: the top 20% of documents, where curves differ (the table lists every percentile). */
export const COVERAGE_X_DOMAIN: [number, number] = [0.2, 20];

/** A y maximum for coverage: the next multiple of 10, at most 100. */
export function coverageYMax(values: readonly number[]): number {
  const max = Math.max(10, ...values);
  return Math.min(100, Math.ceil(max / 10) * 10);
}
