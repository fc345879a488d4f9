/** Tokens in a document's "most influential span" (fewer when the document is shorter). */
export const SPAN_TOKENS = 8;

export interface TokenSpan {
  /** First token of the span (0-based) and one past its last. */
  start: number;
  end: number;
  /** The span's summed token scores. */
  total: number;
}

/**
 * The most influential span of a document for a query: the window of `width` consecutive
 * tokens (all of them when there are fewer) whose per-token scores sum highest; the
 * earliest such window on ties. Null without tokens.
 */
export function mostInfluentialSpan(scores: ArrayLike<number>, width = SPAN_TOKENS): TokenSpan | null {
  const n = scores.length;
  if (n === 0) return null;
  const w = Math.min(width, n);
  let sum = 0;
  for (let i = 0; i < w; i++) sum += scores[i]!;
  let best: TokenSpan = { start: 0, end: w, total: sum };
  for (let start = 1; start + w <= n; start++) {
    // Re-summed rather than slid: a running sum drifts, and ties must compare exactly.
    let total = 0;
    for (let i = start; i < start + w; i++) total += scores[i]!;
    if (total > best.total) best = { start, end: start + w, total };
  }
  return best;
}
