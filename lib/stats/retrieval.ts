/**
 * Evaluation of a ranking against ground truth (documents known to be relevant to a
 * query, e.g. those that state the fact): recall and precision among the top k, and the
 * reciprocal rank of the first relevant document.
 */

/** Recall and precision of a query's top k. */
export interface RetrievalAtK {
  k: number;
  /** Relevant documents among the top k. */
  hits: number;
  /** hits / relevant documents. */
  recall: number;
  /** hits / k. */
  precision: number;
}

/**
 * The 1-based top ranks of the relevant documents, ascending.
 *
 * @param topOrder document indices by rank (rank 1 first), the whole ranking
 * @param relevant document indices (duplicates count once)
 * @throws RangeError when a relevant document is not in the ranking
 */
export function relevantRanks(topOrder: Uint32Array, relevant: ArrayLike<number>): number[] {
  const wanted = new Set(Array.from(relevant));
  const ranks: number[] = [];
  for (let r = 0; r < topOrder.length && ranks.length < wanted.size; r++) {
    if (wanted.has(topOrder[r]!)) ranks.push(r + 1);
  }
  if (ranks.length < wanted.size) throw new RangeError(`${wanted.size - ranks.length} relevant documents are not in the ranking`);
  return ranks;
}

/**
 * Recall@k and precision@k for each k, from the ranks of the relevant documents.
 *
 * @param ranks 1-based ranks of every relevant document (at least one), ascending
 * @param ks top-k sizes (positive)
 */
export function retrievalAtK(ranks: readonly number[], ks: readonly number[]): RetrievalAtK[] {
  if (ranks.length === 0) throw new RangeError("no relevant documents: recall is undefined");
  return ks.map((k) => {
    let hits = 0;
    while (hits < ranks.length && ranks[hits]! <= k) hits++;
    return { k, hits, recall: hits / ranks.length, precision: hits / k };
  });
}

/** 1 / the rank of the first relevant document; 0 when there is none. */
export function reciprocalRank(ranks: readonly number[]): number {
  const first = ranks[0];
  return first === undefined ? 0 : 1 / first;
}
