/**
 * Agreement between two attribution methods (two datasets) on one query: how alike
 * their scores over the documents both scored are (Pearson, Spearman), how much their
 * top-k sets overlap (Jaccard), and which documents they disagree about most.
 *
 * Both score vectors are aligned first: element i of each is the same document. Ranks
 * are among those aligned documents (rank 1 = highest score, ties in aligned order, as
 * everywhere in the app), not the datasets' own ranks over their whole corpora.
 */
import { jaccardMatrix, pearson } from "./correlation";
import { rankOrder } from "./ranking";

/** One query's agreement between two methods. */
export interface QueryAgreement {
  /** Pearson r of the two score vectors; null when undefined (a constant vector, fewer than two documents). */
  pearson: number | null;
  /** Spearman rho: Pearson r of average ranks (ties share their mean rank), as scipy.stats.spearmanr. */
  spearman: number | null;
  /** Jaccard overlap |A ∩ B| / |A ∪ B| of the two top-k sets, one per k of `ks`, in [0, 1]. */
  jaccard: number[];
}

/**
 * Values at the given indices: `values[indices[i]]` for each i (aligns one dataset's
 * scores to the documents two datasets share).
 *
 * @throws RangeError when an index is outside `values`
 */
export function gather(values: Float32Array, indices: ArrayLike<number>): Float32Array {
  const out = new Float32Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const j = indices[i]!;
    if (!(j >= 0 && j < values.length)) throw new RangeError(`index ${j} outside 0..${values.length - 1}`);
    out[i] = values[j]!;
  }
  return out;
}

/**
 * One method's ranking of one query over the documents two datasets share: what the
 * agreement statistics need of it, in aligned order (element i is the i-th shared
 * document in both methods).
 */
export interface SharedRanking {
  /** Scores of the shared documents, aligned. */
  scores: Float32Array;
  /**
   * Their average ranks among the shared documents (1 = lowest score, ties share their
   * mean rank), as scipy.stats.rankdata; float32 is exact up to 2^23 documents (see
   * lib/stats/ranking averageRanks).
   */
  ranks: Float32Array;
  /** Aligned indices of the highest-scoring shared documents, score descending, ties in aligned order. */
  head: Uint32Array;
}

/**
 * The aligned index of each of a dataset's documents: `indices[i]` (its index in the
 * dataset) maps to i; a document not shared maps to -1.
 *
 * @param indices per shared document, its index in the dataset (distinct, below `documentCount`)
 */
export function alignedPositions(indices: Uint32Array, documentCount: number): Int32Array {
  const position = new Int32Array(documentCount).fill(-1);
  for (let i = 0; i < indices.length; i++) {
    const d = indices[i]!;
    if (!(d < documentCount)) throw new RangeError(`document index ${d} outside 0..${documentCount - 1}`);
    position[d] = i;
  }
  return position;
}

/**
 * A method's SharedRanking derived from its whole ranking in one pass, without sorting:
 * the ranking stored at ingest already orders the documents (score descending, ties in
 * the dataset's document order), so a run of equal scores at descending positions
 * s..e-1 among the shared documents has the average ascending rank m - (s + e - 1) / 2
 * over m shared documents. Only within a tie run may the alignment reorder documents
 * (two datasets listing shared documents in different orders): the head's ties are
 * sorted into aligned order there.
 *
 * @param documents document indices by rank (rank 1 first): every document of the dataset once
 * @param scores their scores in the same order (non-increasing)
 * @param position aligned index per document of the dataset (-1: not shared), or null
 *   when every document is shared in the dataset's own order
 * @param shared the number of shared documents
 * @param depth head entries kept (clipped to `shared`): the largest top-k needed
 * @throws RangeError when the ranking does not list exactly the shared documents
 */
export function sharedRanking(
  documents: Uint32Array,
  scores: Float32Array,
  position: Int32Array | null,
  shared: number,
  depth: number,
): SharedRanking {
  const n = documents.length;
  if (scores.length !== n) throw new RangeError(`ranking of ${n} documents with ${scores.length} scores`);
  const size = position ? position.length : shared;
  const aligned = new Float32Array(shared);
  const ranks = new Float32Array(shared);
  const head = new Uint32Array(Math.max(0, Math.min(depth, shared)));
  // The current tie run's aligned indices (a run may hold every document: BM25's zeros).
  const run = new Uint32Array(shared);
  let placed = 0; // shared documents met so far, in rank order
  let filled = 0; // head entries written
  let r = 0;
  while (r < n) {
    const value = scores[r]!;
    if (r + 1 === n || scores[r + 1] !== value) {
      // A score no other document has (most of them): its own rank, no run to collect.
      const d = documents[r++]!;
      if (!(d < size)) throw new RangeError(`document index ${d} outside 0..${size - 1}`);
      const p = position ? position[d]! : d;
      if (p < 0) continue;
      if (placed >= shared) throw new RangeError(`ranking holds more than the ${shared} shared documents`);
      aligned[p] = value;
      ranks[p] = shared - placed;
      if (filled < head.length) head[filled++] = p;
      placed++;
      continue;
    }
    let members = 0;
    let ascending = true;
    // -0 === +0: the two tie, as in rankOrder.
    for (; r < n && scores[r] === value; r++) {
      const d = documents[r]!;
      if (!(d < size)) throw new RangeError(`document index ${d} outside 0..${size - 1}`);
      const p = position ? position[d]! : d;
      if (p < 0) continue;
      if (placed + members >= shared) throw new RangeError(`ranking holds more than the ${shared} shared documents`);
      if (members > 0 && p < run[members - 1]!) ascending = false;
      run[members++] = p;
      aligned[p] = scores[r]!;
    }
    if (members === 0) continue;
    const mean = shared - (2 * placed + members - 1) / 2;
    for (let i = 0; i < members; i++) ranks[run[i]!] = mean;
    if (filled < head.length) {
      const ties = run.subarray(0, members);
      if (!ascending) ties.sort();
      const take = Math.min(members, head.length - filled);
      head.set(ties.subarray(0, take), filled);
      filled += take;
    }
    placed += members;
  }
  if (placed !== shared) throw new RangeError(`ranking holds ${placed} of the ${shared} shared documents`);
  return { scores: aligned, ranks, head };
}

/**
 * Pearson, Spearman and top-k Jaccard overlap between two methods' rankings of one query
 * over the same shared documents (lib/stats/correlation's own computations, so a value
 * here agrees with the transfer matrices' to the last digit).
 *
 * @param ks top-k sizes, each at most the head length of both (clipped to it otherwise)
 */
export function rankingAgreement(a: SharedRanking, b: SharedRanking, ks: readonly number[]): QueryAgreement {
  const n = a.scores.length;
  if (b.scores.length !== n) throw new RangeError(`score vectors differ in length: ${n} vs ${b.scores.length}`);
  const depth = Math.min(a.head.length, b.head.length);
  return {
    pearson: pearson(a.scores, b.scores),
    spearman: pearson(a.ranks, b.ranks),
    jaccard: ks.map((k) => jaccardMatrix([a.head, b.head], Math.min(k, depth), n)[1]!),
  };
}

/** A SharedRanking of aligned scores by sorting them (what sharedRanking spares a stored ranking). */
function rankedScores(x: Float32Array, depth: number): SharedRanking {
  const order = rankOrder(x, "top");
  return sharedRanking(order, gather(x, order), null, x.length, depth);
}

/**
 * Pearson, Spearman and top-k Jaccard overlap between two methods' scores for one
 * query, over the same documents (rankingAgreement of both sorted).
 *
 * @param x, y aligned scores of equal length (a RangeError otherwise)
 * @param ks top-k sizes, each at most the length (clipped to it otherwise)
 */
export function queryAgreement(x: Float32Array, y: Float32Array, ks: readonly number[]): QueryAgreement {
  if (x.length !== y.length) throw new RangeError(`score vectors differ in length: ${x.length} vs ${y.length}`);
  const depth = Math.max(0, ...ks);
  return rankingAgreement(rankedScores(x, depth), rankedScores(y, depth), ks);
}

/** A document placed by both methods: its aligned index and its top rank (1-based) under each. */
export interface RankPair {
  index: number;
  rankA: number;
  rankB: number;
}

/** Both methods' rankings of one query, and where they disagree most. */
export interface RankComparison {
  /** Method A's top `top` documents, with their rank under B. */
  topA: RankPair[];
  /** Method B's top `top` documents, with their rank under A. */
  topB: RankPair[];
  /** Documents in A's top `disagreementTop` that B ranks lowest (largest rankB first). */
  lowInB: RankPair[];
  /** Documents in B's top `disagreementTop` that A ranks lowest (largest rankA first). */
  lowInA: RankPair[];
}

/**
 * Both rankings of one query's aligned scores side by side, and the largest
 * disagreements: the documents among one method's top `disagreementTop` that the other
 * method ranks lowest, with both ranks.
 *
 * @param x, y aligned scores of equal length
 * @param options.top documents listed per method (clipped to the length)
 * @param options.disagreementTop depth of the top searched for disagreements
 * @param options.limit disagreements listed per direction
 */
export function rankComparison(
  x: Float32Array,
  y: Float32Array,
  options: { top: number; disagreementTop: number; limit: number },
): RankComparison {
  if (x.length !== y.length) throw new RangeError(`score vectors differ in length: ${x.length} vs ${y.length}`);
  const n = x.length;
  const orderA = rankOrder(x, "top");
  const orderB = rankOrder(y, "top");
  const rankA = new Uint32Array(n);
  const rankB = new Uint32Array(n);
  for (let r = 0; r < n; r++) {
    rankA[orderA[r]!] = r + 1;
    rankB[orderB[r]!] = r + 1;
  }
  const pair = (index: number): RankPair => ({ index, rankA: rankA[index]!, rankB: rankB[index]! });
  const head = (order: Uint32Array, depth: number) => Array.from(order.subarray(0, Math.min(depth, n)), pair);
  const deep = Math.max(0, options.disagreementTop);
  return {
    topA: head(orderA, options.top),
    topB: head(orderB, options.top),
    lowInB: head(orderA, deep).sort((p, q) => q.rankB - p.rankB || p.rankA - q.rankA).slice(0, options.limit),
    lowInA: head(orderB, deep).sort((p, q) => q.rankA - p.rankA || p.rankB - q.rankB).slice(0, options.limit),
  };
}

/** The mean of a statistic over a group's queries at one k. */
export interface CurvePoint {
  k: number;
  /** Mean over the queries with a value; NaN when none has. */
  mean: number;
  /** Queries averaged. */
  n: number;
}

/**
 * The mean Jaccard overlap against k over a group of queries (the view's curve per
 * group). Null entries (a k a query has no value for) are skipped.
 *
 * @param rows per query, one Jaccard value per k of `ks`
 */
export function meanCurve(rows: readonly { jaccard: readonly (number | null)[] }[], ks: readonly number[]): CurvePoint[] {
  return ks.map((k, i) => {
    let sum = 0;
    let n = 0;
    for (const row of rows) {
      const v = row.jaccard[i];
      if (v !== null && v !== undefined && !Number.isNaN(v)) {
        sum += v;
        n++;
      }
    }
    return { k, mean: n > 0 ? sum / n : NaN, n };
  });
}
