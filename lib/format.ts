/** Number formatting shared by every view (one place decides how a score looks). */

const grouped = new Intl.NumberFormat("en-US");

/** An integer count with thousands separators: 1000000 → "1,000,000". */
export function formatCount(value: number): string {
  return grouped.format(value);
}

/** A raw influence score: 4 significant digits, exponent for very large or small magnitudes. */
export function formatScore(value: number): string {
  if (value === 0) return "0";
  const magnitude = Math.abs(value);
  return magnitude >= 1e4 || magnitude < 1e-3 ? value.toExponential(3) : value.toPrecision(4);
}

/** A statistic such as r or alpha, fixed decimals; null as an em dash. */
export function formatStat(value: number | null | undefined, digits = 3): string {
  return value === null || value === undefined || Number.isNaN(value) ? "—" : value.toFixed(digits);
}

/** Significance stars as in the paper's table: * p < 0.05, ** p < 0.01, *** p < 0.001. */
export function stars(p: number | null | undefined): string {
  if (p === null || p === undefined || Number.isNaN(p)) return "";
  return p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : "";
}

/** A p-value for reading: three decimals, or an exponent below 0.001. */
export function formatP(p: number): string {
  if (Number.isNaN(p)) return "—";
  return p === 0 ? "0" : p < 0.001 ? p.toExponential(1) : p.toFixed(3);
}
