/**
 * The rank plot's points (importable by server code and tests); the fitted score at each
 * is lib/stats/power-law's, computed by the query view, so the chart draws numbers only.
 */

export interface RankPoint {
  /** 1-based rank among the query's positive scores. */
  rank: number;
  /** Raw influence score (> 0). */
  score: number;
}

/** A plotted point with the power law's score at its rank. */
export interface FittedRankPoint extends RankPoint {
  /** exp(intercept) * rank^alpha in score units; null when the query has no fit. */
  fitted: number | null;
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
