/**
 * Self-normalised influence (RelatIF-style): a document's score for a query divided by the
 * square root of its self-influence, which discounts documents that are influential on
 * everything (outliers with large gradients) in favour of those specific to the query.
 */

/**
 * score / sqrt(self) for each document, in float64 from the stored float32 score, rounded
 * to float32 (the stored and ranked value; its ranking is the raw one's radix sort).
 *
 * @param scores one query's stored scores, in document order
 * @param selfInfluence each document's self-influence (finite, > 0), same order
 */
export function selfNormalisedScores(scores: Float32Array, selfInfluence: Float64Array): Float32Array {
  const out = new Float32Array(scores.length);
  for (let d = 0; d < scores.length; d++) out[d] = scores[d]! / Math.sqrt(selfInfluence[d]!);
  return out;
}

/** One document's self-normalised score, exactly as selfNormalisedScores computes it. */
export const selfNormalisedScore = (score: number, selfInfluence: number): number =>
  Math.fround(Math.fround(score) / Math.sqrt(selfInfluence));

/** The first index whose self-influence cannot normalise (not finite, or not positive), or -1. */
export function firstInvalidSelfInfluence(selfInfluence: ArrayLike<number>): number {
  for (let d = 0; d < selfInfluence.length; d++) {
    const v = selfInfluence[d]!;
    if (!(Number.isFinite(v) && v > 0)) return d;
  }
  return -1;
}
