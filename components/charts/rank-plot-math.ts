import * as d3 from "d3";

/** Pure math of the rank plot (importable by server pages and tests). */

export interface RankPoint {
  /** 1-based rank among the query's positive scores. */
  rank: number;
  /** Raw influence score (> 0). */
  score: number;
}

/** The positive scores of a ranking (scores in rank order) as (rank, score) points, at most `limit`. */
export function rankPoints(scores: readonly number[], limit = 500): RankPoint[] {
  const points: RankPoint[] = [];
  for (let i = 0; i < scores.length && points.length < limit; i++) {
    const score = scores[i]!;
    if (!(score > 0)) break; // the top ranking is descending: the positives come first
    points.push({ rank: i + 1, score });
  }
  return points;
}

/**
 * Intercept of the fitted line ln(s) = intercept + alpha ln(r) through the plotted
 * points: the least-squares line passes through the means, so the intercept is
 * mean(ln s) - alpha * mean(ln r). (The slope alpha is stored; the intercept is not.)
 */
export function fitIntercept(points: readonly RankPoint[], alpha: number): number | null {
  if (points.length === 0) return null;
  const meanLnS = d3.mean(points, (p) => Math.log(p.score))!;
  const meanLnR = d3.mean(points, (p) => Math.log(p.rank))!;
  return meanLnS - alpha * meanLnR;
}

/** The fitted score at a rank: exp(intercept) * rank^alpha. */
export function fittedScore(rank: number, alpha: number, intercept: number): number {
  return Math.exp(intercept + alpha * Math.log(rank));
}

