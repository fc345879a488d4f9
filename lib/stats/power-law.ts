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

/**
 * Intercept of the line ln(score) = intercept + alpha * ln(rank) with a given slope
 * through the mean of the points, mean(ln s) - alpha * mean(ln r): where a least-squares
 * line passes, so with fitPowerLaw's alpha over the points it fitted this is its
 * intercept (the rank plot redraws a stored alpha, whose intercept is not stored).
 *
 * @param points (rank, score) pairs, ranks 1-based, scores > 0
 * @param alpha the slope
 * @returns the intercept in ln(score units); null when there are no points
 */
export function powerLawIntercept(points: readonly { rank: number; score: number }[], alpha: number): number | null {
  const n = points.length;
  if (n === 0) return null;
  let sx = 0;
  let sy = 0;
  for (const p of points) {
    sx += Math.log(p.rank);
    sy += Math.log(p.score);
  }
  return sy / n - alpha * (sx / n);
}

/** The score the power law gives a rank: exp(intercept) * rank^alpha, in score units. */
export function powerLawScore(rank: number, alpha: number, intercept: number): number {
  return Math.exp(intercept + alpha * Math.log(rank));
}
