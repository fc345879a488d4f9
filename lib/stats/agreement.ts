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
import { averageRanks, rankOrder } from "./ranking";

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
 * Pearson, Spearman and top-k Jaccard overlap between two methods' scores for one
 * query, over the same documents (lib/stats/correlation's own computations, so a value
 * here agrees with the transfer matrices' to the last digit).
 *
 * @param x, y aligned scores of equal length (a RangeError otherwise)
 * @param ks top-k sizes, each at most the length (clipped to it otherwise)
 */
export function queryAgreement(x: Float32Array, y: Float32Array, ks: readonly number[]): QueryAgreement {
  if (x.length !== y.length) throw new RangeError(`score vectors differ in length: ${x.length} vs ${y.length}`);
  const n = x.length;
  const ranksX = averageRanks(x);
  const ranksY = averageRanks(y);
  const rho = pearson(ranksX, ranksY);
  const orders = [rankOrder(x, "top"), rankOrder(y, "top")];
  return {
    pearson: pearson(x, y),
    spearman: rho,
    jaccard: ks.map((k) => jaccardMatrix(orders, k, n)[1]!),
  };
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
