/**
 * Source enrichment (the paper's "concentration" finding): how over- or under-represented
 * each pretraining source is among a group's top (or bottom) documents, relative to its
 * share of the corpus.
 */

/** A source's representation among a group's top-k documents. */
export interface SourceEnrichment {
  /** Source index (into the dataset's source list). */
  source: number;
  /** C_s: documents of this source among the top-k of every member query, pooled. */
  count: number;
  /** (C_s / (k |G|)) / (N_s / D): 1 = as in the corpus; 0 when count is 0. */
  multiplier: number;
}

/**
 * Pooled source multipliers of a query group's top-k (or bottom-k) documents.
 *
 * @param orders per query (all queries of the dataset), document indices by rank; top
 *   orders for the positive tail, bottom orders for the negative
 * @param members the group's query indices into `orders`
 * @param k documents taken per query; clipped to the order length
 * @param documentSource source index of every document; its length is D
 * @param sourceCounts N_s, documents per source index in the corpus
 * @returns one entry per source with N_s > 0, by source index; multipliers are NaN when
 *   the group is empty or k is 0
 */
export function sourceEnrichment(
  orders: readonly Uint32Array[],
  members: readonly number[],
  k: number,
  documentSource: Uint16Array,
  sourceCounts: readonly number[],
): SourceEnrichment[] {
  const documentCount = documentSource.length;
  const counts = new Float64Array(sourceCounts.length);
  let taken = 0;
  for (const q of members) {
    const order = orders[q];
    if (!order) throw new RangeError(`no order for query ${q}`);
    const size = Math.min(k, order.length);
    for (let r = 0; r < size; r++) counts[documentSource[order[r]!]!]!++;
    taken += size;
  }
  const out: SourceEnrichment[] = [];
  sourceCounts.forEach((corpusCount, source) => {
    if (!(corpusCount > 0)) return;
    const count = counts[source]!;
    out.push({ source, count, multiplier: count / taken / (corpusCount / documentCount) });
  });
  return out;
}
