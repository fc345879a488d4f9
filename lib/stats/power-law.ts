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
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = Math.log(i + 1);
    y[i] = Math.log(magnitudesDesc[i]!);
  }
  return leastSquares(x, y);
}

/**
 * The power law against ranks given from elsewhere: least squares of ln(score) on
 * ln(rank) over the documents with a positive score and a known rank. For the authors'
 * files, whose 76 documents a query carry their ranks among the study's 5M documents,
 * this is the paper's fit (over global ranks) where fitPowerLaw's local ranks 1..76 are not.
 *
 * @param scores a query's scores, one per document
 * @param ranks the same documents' 1-based ranks in the larger ranking; 0 or less = unknown
 * @returns the fit, or null when fewer than 3 points (or all at one rank)
 */
export function fitPowerLawAtRanks(scores: ArrayLike<number>, ranks: ArrayLike<number>): PowerLawFit | null {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let d = 0; d < Math.min(scores.length, ranks.length); d++) {
    const score = scores[d]!;
    const rank = ranks[d]!;
    if (score > 0 && rank > 0) {
      xs.push(Math.log(rank));
      ys.push(Math.log(score));
    }
  }
  return leastSquares(Float64Array.from(xs), Float64Array.from(ys));
}

/** Ordinary least squares y = intercept + alpha x, with scipy.stats.linregress's stderr; null below 3 points or for a constant x. */
function leastSquares(x: Float64Array, y: Float64Array): PowerLawFit | null {
  const n = x.length;
  if (n < 3) return null;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
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
  if (sxx === 0) return null;
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
