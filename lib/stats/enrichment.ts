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
  const counts = members.map((q) => {
    const order = orders[q];
    if (!order) throw new RangeError(`no order for query ${q}`);
    return headCounts(order, [k], documentSource, sourceCounts.length)[0]!;
  });
  return pooledEnrichment(counts, members.map((q) => Math.min(k, orders[q]!.length)), sourceCounts, documentSource.length);
}

/**
 * Per k, how many of one ranking's first k documents (k clipped to its length) fall in
 * each category: what sourceEnrichment needs of a query, kept instead of its ranking
 * (ingest ranks one query at a time and keeps only these counts).
 *
 * @param ks ascending
 * @param category the category (source, label value) of every document
 * @returns one Float64Array of `categories` counts per k
 */
export function headCounts(order: Uint32Array, ks: readonly number[], category: Uint16Array, categories: number): Float64Array[] {
  const counts = new Float64Array(categories);
  const out: Float64Array[] = [];
  let r = 0;
  for (const k of ks) {
    const size = Math.min(k, order.length);
    for (; r < size; r++) counts[category[order[r]!]!]!++;
    out.push(counts.slice());
  }
  return out;
}

/**
 * sourceEnrichment from the member queries' headCounts at one k.
 *
 * @param counts per member query, documents per category among its first k
 * @param taken per member query, the documents its counts cover (k clipped to D)
 */
export function pooledEnrichment(
  counts: readonly Float64Array[],
  taken: readonly number[],
  sourceCounts: readonly number[],
  documentCount: number,
): SourceEnrichment[] {
  const pooled = new Float64Array(sourceCounts.length);
  for (const c of counts) for (let s = 0; s < pooled.length; s++) pooled[s]! += c[s]!;
  const total = taken.reduce((sum, t) => sum + t, 0);
  const out: SourceEnrichment[] = [];
  sourceCounts.forEach((corpusCount, source) => {
    if (!(corpusCount > 0)) return;
    const count = pooled[source]!;
    out.push({ source, count, multiplier: sourceMultiplier(count, total, corpusCount, documentCount) });
  });
  return out;
}

/**
 * The source multiplier: a source's share among the documents taken from top-k lists
 * over its share of the corpus, (count / taken) / (corpusCount / corpusSize); 1 = as in
 * the corpus.
 *
 * @param count documents of the source among those taken
 * @param taken documents taken (k per list, pooled over the lists)
 * @param corpusCount documents of the source in the corpus (N_s)
 * @param corpusSize documents in the corpus (D)
 */
export function sourceMultiplier(count: number, taken: number, corpusCount: number, corpusSize: number): number {
  return count / taken / (corpusCount / corpusSize);
}

/**
 * Source multipliers of `lists` pooled top-k lists from their counts per source, for
 * every source with documents in the corpus (a source absent from the lists gets 0).
 *
 * @param counts documents per source among the pooled lists
 * @param corpus documents per source in the corpus; the corpus size is their sum
 * @param k documents per list
 * @param lists top-k lists pooled
 * @returns one entry per corpus source with a positive count, in corpus order
 */
export function pooledMultipliers<S>(
  counts: ReadonlyMap<S, number>,
  corpus: readonly { source: S; count: number }[],
  k: number,
  lists: number,
): { source: S; count: number; multiplier: number }[] {
  const total = corpus.reduce((sum, c) => sum + c.count, 0);
  return corpus
    .filter((c) => c.count > 0)
    .map((c) => {
      const count = counts.get(c.source) ?? 0;
      return { source: c.source, count, multiplier: sourceMultiplier(count, k * lists, c.count, total) };
    });
}
