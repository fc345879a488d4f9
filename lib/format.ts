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

const SUPERSCRIPT: Record<string, string> = { "-": "⁻", "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹" };

/** Decimals that print every value distinctly and within a millionth of the ticks' step. */
function decimalsFor(values: readonly number[], step: number): number {
  for (let digits = 0; digits < 12; digits++) {
    const shown = values.map((v) => Number(v.toFixed(digits)));
    if (shown.every((s, i) => Math.abs(s - values[i]!) <= step * 1e-6) && new Set(shown).size === new Set(values).size) return digits;
  }
  return 12;
}

/**
 * Labels for one axis's ticks, formatted together so they read alike: plain decimals for
 * magnitudes from 0.001 to 10,000 ("0.25", "−1.5"), otherwise one shared power of ten
 * ("1.5×10⁻⁶"); zero is always "0" (never "0e+0"), negatives use the minus sign.
 */
export function formatTicks(ticks: readonly number[]): string[] {
  const finite = ticks.filter(Number.isFinite);
  const maxAbs = Math.max(0, ...finite.map(Math.abs));
  if (maxAbs === 0) return ticks.map((t) => (Number.isFinite(t) ? "0" : String(t)));
  const distinct = [...new Set(finite)].sort((a, b) => a - b);
  const step = distinct.length > 1 ? Math.min(...distinct.slice(1).map((v, i) => v - distinct[i]!)) : maxAbs;
  const sign = (text: string) => text.replace(/^-/, "−");
  if (maxAbs >= 1e-3 && maxAbs < 1e4) {
    const digits = decimalsFor(finite, step);
    return ticks.map((t) => (t === 0 ? "0" : Number.isFinite(t) ? sign(t.toFixed(digits)) : String(t)));
  }
  const exponent = Math.floor(Math.log10(maxAbs));
  const scale = 10 ** exponent;
  const mantissas = finite.map((t) => t / scale);
  const digits = decimalsFor(mantissas, step / scale);
  const power = `10${String(exponent).replace(/[-0-9]/g, (c) => SUPERSCRIPT[c]!)}`;
  return ticks.map((t) => {
    if (t === 0) return "0";
    if (!Number.isFinite(t)) return String(t);
    const mantissa = (t / scale).toFixed(digits);
    return sign(mantissa === "1" ? power : mantissa === "-1" ? `-${power}` : `${mantissa}×${power}`);
  });
}

/** A tick formatter for an axis whose ticks are `ticks` (see formatTicks). */
export function tickFormatter(ticks: readonly number[]): (value: number) => string {
  const labels = new Map(ticks.map((t, i) => [t, formatTicks(ticks)[i]!]));
  return (value) => labels.get(value) ?? formatTicks([value])[0]!;
}
