/**
 * Reference statistics written the slow, obvious way, for tests to check lib/ against.
 * Plain functions (no test runner): vitest and Playwright specs both import them.
 */

/** Pearson r by its definition, two-pass means, in float64. NaN when either side is constant. */
export function naivePearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** BM25 tokens the obvious way: NFKC, lower-case, split on anything not [a-z0-9]. */
export function naiveBm25Tokens(text: string): string[] {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t !== "");
}

/**
 * Okapi BM25 (k1 1.2, b 0.75, idf ln(1 + (N - n + 0.5) / (n + 0.5))) of every document
 * for `query`, by the formula: every query token (repeats included), document frequencies
 * and lengths counted afresh.
 */
export function naiveBm25(query: string, documents: readonly (string | null)[]): number[] {
  const k1 = 1.2;
  const b = 0.75;
  const docs = documents.map((text) => naiveBm25Tokens(text ?? ""));
  const N = docs.length;
  const avgdl = docs.reduce((s, t) => s + t.length, 0) / N;
  return docs.map((tokens) => {
    let score = 0;
    for (const term of naiveBm25Tokens(query)) {
      const n = docs.filter((t) => t.includes(term)).length;
      const idf = Math.log(1 + (N - n + 0.5) / (n + 0.5));
      const tf = tokens.filter((t) => t === term).length;
      if (tf > 0) score += (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * tokens.length) / avgdl));
    }
    return score;
  });
}
