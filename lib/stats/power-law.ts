/**
 * Power-law fit of influence against rank (the paper's "power law" finding): over the
 * top documents, ln(score) falls linearly in ln(rank).
 */

/** A least-squares line ln(score) = intercept + alpha * ln(rank). */
export interface PowerLawFit {
  /** Slope of ln(score) on ln(rank): the power-law exponent (negative for a decay). */
  alpha: number;
  /** Standard error of alpha: sqrt(SSR / (n - 2) / Sxx), as scipy.stats.linregress. */
  stderr: number;
  /** ln(score) at rank 1, in ln(score units). */
  intercept: number;
  /** Ranks fitted: min(maxRank, number of magnitudes). */
  n: number;
}

/**
 * Ordinary least squares of ln(score) on ln(rank) over ranks 1..min(maxRank, n).
 *
 * @param magnitudesDesc a tail's strictly positive magnitudes, descending (the positive
 *   scores, from tailMagnitudes); fitting stops early at a non-positive value
 * @param maxRank highest rank fitted (documents)
 * @returns the fit, or null when fewer than 3 ranks are available (no residual freedom)
 */
export function fitPowerLaw(magnitudesDesc: ArrayLike<number>, maxRank = 500): PowerLawFit | null {
  const limit = Math.min(maxRank, magnitudesDesc.length);
  let n = 0;
  while (n < limit && magnitudesDesc[n]! > 0) n++;
  if (n < 3) return null;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    x[i] = Math.log(i + 1);
    y[i] = Math.log(magnitudesDesc[i]!);
    sx += x[i]!;
    sy += y[i]!;
  }
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    sxx += dx * dx;
    sxy += dx * (y[i]! - my);
  }
  const alpha = sxy / sxx;
  const intercept = my - alpha * mx;
  let ssr = 0;
  for (let i = 0; i < n; i++) {
    const e = y[i]! - intercept - alpha * x[i]!;
    ssr += e * e;
  }
  return { alpha, stderr: Math.sqrt(ssr / (n - 2) / sxx), intercept, n };
}
