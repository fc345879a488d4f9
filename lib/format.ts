/** Formatting shared by every view, server and client (one place decides how a score or an excerpt looks). */

const grouped = new Intl.NumberFormat("en-US");

/** An integer count with thousands separators: 1000000 → "1,000,000". */
export function formatCount(value: number): string {
  return grouped.format(value);
}

/**
 * An excerpt of a document's text for a list row: the text itself when it has at most
 * `length` characters, else `length` of them with "…" where it was cut. With `at` (the
 * position of something the row should show, such as a highlighted answer) beyond the
 * first 60% of the window, the window moves to start a third of its length before it.
 *
 * @param length characters kept (the ellipses come on top)
 * @param at character index to keep in view; -1 for none
 */
export function snippet(text: string, length = 240, at = -1): string {
  if (text.length <= length) return text;
  if (at < 0 || at < length * 0.6) return `${text.slice(0, length).trimEnd()}…`;
  const start = Math.max(0, Math.min(at - Math.floor(length / 3), text.length - length));
  const end = Math.min(text.length, start + length);
  return `${start > 0 ? "…" : ""}${text.slice(start, end).trim()}${end < text.length ? "…" : ""}`;
}

/** Text on one line: every run of whitespace as one space, trimmed. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
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
