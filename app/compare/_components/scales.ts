/** Scale settings both sides share (pure, importable by the server page and the client charts). */

/** Coverage x range: the top 20% of documents, where curves differ (the table lists every percentile). */
export const COVERAGE_X_DOMAIN: [number, number] = [0.2, 20];

/** A y maximum for coverage: the next multiple of 10, at most 100. */
export function coverageYMax(values: readonly number[]): number {
  const max = Math.max(10, ...values);
  return Math.min(100, Math.ceil(max / 10) * 10);
}

/** A log domain spanning whole decades around every positive multiplier and at least 0.1..10. */
export function multiplierDomain(values: readonly number[]): [number, number] {
  const positive = values.filter((v) => v > 0 && Number.isFinite(v));
  return [10 ** Math.floor(Math.log10(Math.min(0.1, ...positive))), 10 ** Math.ceil(Math.log10(Math.max(10, ...positive)))];
}
