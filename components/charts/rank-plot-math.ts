/**
 * The rank plot's points (importable by server pages and tests); the fitted line is
 * lib/stats/power-law's.
 */

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
