/**
 * Query-by-query similarity of influence (the paper's "transfer" finding): Pearson and
 * Spearman correlation between score rows, Jaccard overlap of top-k sets, and the mean
 * similarity within and between query groups.
 */
import { averageRanks } from "./ranking";

/**
 * Documents per block. The centered block of every row (rows x CHUNK float64, 800 KB for
 * 100 rows) stays in cache while all row pairs are accumulated over it; streaming each
 * pair over the full rows instead re-reads the rows from memory for every pair.
 */
export const CHUNK = 1024;
/** Rows per register tile: the kernel accumulates a 2 x 4 tile of pairs per pass. */
const TILE_I = 2;
const TILE_J = 4;

function assertEqualLengths(rows: readonly { length: number }[]): number {
  const n = rows[0]?.length ?? 0;
  for (const row of rows) {
    if (row.length !== n) throw new RangeError(`rows differ in length: ${row.length} vs ${n}`);
  }
  return n;
}

/** Values of one row, or of one block of a row: float32 scores, or ranks (doubled, as integers). */
type Values = Float32Array | Float64Array | Uint32Array;

/**
 * The Q x Q centered cross-products Σ (x_i - mean_i)(x_j - mean_j) of Q rows, accumulated
 * over blocks of documents so that the rows need never be held at once (ingest reads a
 * block of documents across every query): first each row's mean (`setRow`, a row at a
 * time), then the blocks in document order (`addBlock`), then `matrix()`. The sums are
 * taken in CHUNK-document pieces in document order whatever the blocks, so blocks whose
 * lengths are multiples of CHUNK give the same numbers, to the last bit, as one block of
 * everything.
 */
export class CrossProducts {
  private readonly means: Float64Array;
  private readonly constant: boolean[];
  /** Rows padded with zero rows to a multiple of the tile so the kernel has no edge cases. */
  private readonly qp: number;
  private readonly centered: Float64Array;
  /** sums[i * qp + j], filled for j's tile >= i's tile. */
  private readonly sums: Float64Array;

  constructor(private readonly q: number) {
    this.means = new Float64Array(q);
    this.constant = new Array<boolean>(q).fill(true);
    this.qp = Math.ceil(q / TILE_J) * TILE_J;
    this.centered = new Float64Array(this.qp * CHUNK);
    this.sums = new Float64Array(this.qp * this.qp);
  }

  /** Row r's float64 mean and whether it is constant, from the whole row. */
  setRow(r: number, row: Values): void {
    const n = row.length;
    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    for (let k = 0; k < n; k++) {
      const v = row[k]!;
      sum += v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    this.means[r] = sum / n;
    // Tested on the values themselves: a float64 mean of n equal float32 values need not
    // equal them exactly, which would leave a tiny spurious variance.
    this.constant[r] = !(min < max);
  }

  /** The next documents of every row (rows[r] for row r, all of one length). */
  addBlock(rows: readonly Values[]): void {
    const { q, qp, centered, sums, means } = this;
    const n = assertEqualLengths(rows);
    for (let start = 0; start < n; start += CHUNK) {
      const len = Math.min(CHUNK, n - start);
      for (let r = 0; r < q; r++) {
        const row = rows[r]!;
        const mean = means[r]!;
        const base = r * CHUNK;
        for (let k = 0; k < len; k++) centered[base + k] = row[start + k]! - mean;
      }
      for (let i = 0; i < qp; i += TILE_I) {
        const a0 = i * CHUNK;
        const a1 = a0 + CHUNK;
        for (let j = i - (i % TILE_J); j < qp; j += TILE_J) {
          const b0 = j * CHUNK;
          const b1 = b0 + CHUNK;
          const b2 = b1 + CHUNK;
          const b3 = b2 + CHUNK;
          let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
          for (let k = 0; k < len; k++) {
            const x0 = centered[a0 + k]!;
            const x1 = centered[a1 + k]!;
            const y0 = centered[b0 + k]!;
            const y1 = centered[b1 + k]!;
            const y2 = centered[b2 + k]!;
            const y3 = centered[b3 + k]!;
            s00 += x0 * y0;
            s01 += x0 * y1;
            s02 += x0 * y2;
            s03 += x0 * y3;
            s10 += x1 * y0;
            s11 += x1 * y1;
            s12 += x1 * y2;
            s13 += x1 * y3;
          }
          const o0 = i * qp + j;
          const o1 = o0 + qp;
          sums[o0] = sums[o0]! + s00;
          sums[o0 + 1] = sums[o0 + 1]! + s01;
          sums[o0 + 2] = sums[o0 + 2]! + s02;
          sums[o0 + 3] = sums[o0 + 3]! + s03;
          sums[o1] = sums[o1]! + s10;
          sums[o1 + 1] = sums[o1 + 1]! + s11;
          sums[o1 + 2] = sums[o1 + 2]! + s12;
          sums[o1 + 3] = sums[o1 + 3]! + s13;
        }
      }
    }
  }

  /** Pearson r of every pair (see pearsonMatrix), Q x Q row-major. */
  matrix(): Float64Array {
    const { q, qp, sums, constant } = this;
    const result = new Float64Array(q * q);
    for (let i = 0; i < q; i++) {
      result[i * q + i] = 1;
      for (let j = i + 1; j < q; j++) {
        let r = NaN;
        if (!constant[i] && !constant[j]) {
          r = sums[i * qp + j]! / Math.sqrt(sums[i * qp + i]! * sums[j * qp + j]!);
          r = Math.max(-1, Math.min(1, r));
        }
        result[i * q + j] = r;
        result[j * q + i] = r;
      }
    }
    return result;
  }
}

/**
 * Pearson r between every pair of rows (scipy.stats.pearsonr / numpy.corrcoef), computed
 * in float64 from values centered on their float64 mean, so large offsets do not cancel
 * as in the Σxy - n·x̄ȳ shortcut. r is clipped to [-1, 1] (as scipy does) against
 * rounding just past the bounds.
 *
 * @param rows Q rows of equal length n (one query's scores over all documents each)
 * @returns Q x Q row-major matrix; diagonal exactly 1; NaN off the diagonal in the row and
 *   column of a row with zero variance (all values equal, or n < 2)
 */
export function pearsonMatrix(rows: readonly Values[]): Float64Array {
  assertEqualLengths(rows);
  const products = new CrossProducts(rows.length);
  rows.forEach((row, r) => products.setRow(r, row));
  if (rows.length > 0) products.addBlock(rows);
  return products.matrix();
}

/**
 * Pearson r of two paired vectors: the (0, 1) entry of pearsonMatrix, so an r computed on
 * request (a scatter, two queries of different datasets) agrees to the last digit with
 * the stored matrix.
 *
 * @param x, y paired values of equal length (a RangeError otherwise)
 * @returns r in [-1, 1]; null when there are fewer than two pairs, either vector is
 *   constant, or a value is NaN
 */
export function pearson(x: Float32Array, y: Float32Array): number | null {
  const n = assertEqualLengths([x, y]);
  // pearsonMatrix's arithmetic for two rows, in its order (float64 means; centered
  // products summed per CHUNK, the chunk sums then added), without its tile padding: a
  // third of the work, the same bits.
  let sumX = 0, sumY = 0, minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (let k = 0; k < n; k++) {
    const a = x[k]!;
    const b = y[k]!;
    sumX += a;
    sumY += b;
    if (a < minX) minX = a;
    if (a > maxX) maxX = a;
    if (b < minY) minY = b;
    if (b > maxY) maxY = b;
  }
  if (!(minX < maxX) || !(minY < maxY)) return null;
  const meanX = sumX / n;
  const meanY = sumY / n;
  let sxx = 0, sxy = 0, syy = 0;
  for (let start = 0; start < n; start += CHUNK) {
    const end = Math.min(n, start + CHUNK);
    let cxx = 0, cxy = 0, cyy = 0;
    for (let k = start; k < end; k++) {
      const dx = x[k]! - meanX;
      const dy = y[k]! - meanY;
      cxx += dx * dx;
      cxy += dx * dy;
      cyy += dy * dy;
    }
    sxx += cxx;
    sxy += cxy;
    syy += cyy;
  }
  const r = sxy / Math.sqrt(sxx * syy);
  return Number.isNaN(r) ? null : Math.max(-1, Math.min(1, r));
}

/**
 * Spearman rho between every pair of rows: Pearson r of average ranks (ties share their
 * mean rank), as scipy.stats.spearmanr.
 *
 * Memory: ranking every row at once would hold a second matrix the size of the scores.
 * Rows are instead ranked in blocks of `blockRows`, two blocks at a time, so at most
 * 2 x blockRows rank rows exist; a block is re-ranked for each partner block (more
 * ranking work, the same numbers: each pair's r is computed exactly as pearsonMatrix does).
 *
 * @param rows Q rows of equal length n
 * @param blockRows rows ranked at a time; by default max(16, Q/8), so the rank rows held
 *   at once (two blocks) are about a third of the scores' at Q = 100 and a quarter for
 *   large Q; at Q <= 16 everything is ranked at once
 * @returns Q x Q row-major matrix; diagonal 1; NaN off the diagonal for a constant row
 */
export function spearmanMatrix(rows: readonly Float32Array[], blockRows = Math.max(16, Math.ceil(rows.length / 8))): Float64Array {
  assertEqualLengths(rows);
  const Q = rows.length;
  if (blockRows >= Q) return pearsonMatrix(rows.map(averageRanks));
  const result = new Float64Array(Q * Q);
  const starts = Array.from({ length: Math.ceil(Q / blockRows) }, (_, b) => b * blockRows);
  for (const a of starts) {
    const first = rows.slice(a, a + blockRows).map(averageRanks);
    for (const b of starts) {
      if (b < a) continue;
      const second = b === a ? [] : rows.slice(b, b + blockRows).map(averageRanks);
      const members = [...first, ...second];
      const indices = [...first.map((_, i) => a + i), ...second.map((_, i) => b + i)];
      const local = pearsonMatrix(members);
      const m = members.length;
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < m; j++) result[indices[i]! * Q + indices[j]!] = local[i * m + j]!;
      }
    }
  }
  return result;
}

/**
 * Jaccard overlap |A ∩ B| / |A ∪ B| of the top-k document sets of every pair of queries.
 *
 * @param topOrders per query, document indices by rank (from rankOrder(scores, "top"))
 * @param k set size in documents; floored and clipped to [0, documentCount]
 * @param documentCount documents in the dataset (the length of every order)
 * @returns Q x Q row-major matrix in [0, 1]; diagonal 1; NaN off the diagonal when k is 0
 */
export function jaccardMatrix(
  topOrders: readonly Uint32Array[],
  k: number,
  documentCount: number,
): Float64Array {
  const q = topOrders.length;
  const size = Math.max(0, Math.min(Math.floor(k), documentCount));
  for (const order of topOrders) {
    if (order.length < size) throw new RangeError(`order has ${order.length} < ${size} documents`);
  }
  const result = new Float64Array(q * q);
  // mark[d] = i + 1 when d is in query i's top-k: one stamp array serves every i
  // without clearing between queries.
  const mark = new Uint32Array(documentCount);
  for (let i = 0; i < q; i++) {
    const a = topOrders[i]!;
    for (let r = 0; r < size; r++) mark[a[r]!] = i + 1;
    result[i * q + i] = 1;
    for (let j = i + 1; j < q; j++) {
      const b = topOrders[j]!;
      let common = 0;
      for (let r = 0; r < size; r++) if (mark[b[r]!] === i + 1) common++;
      const overlap = common / (2 * size - common);
      result[i * q + j] = overlap;
      result[j * q + i] = overlap;
    }
  }
  return result;
}

/** Mean similarity within one group (a === b) or between two groups. */
export interface BlockMean {
  /** Group key of the first group. */
  a: string;
  /** Group key of the second group (equal to `a` for the within-group mean). */
  b: string;
  /** Mean of the matrix entries used; NaN when none. */
  mean: number;
  /** Entries used: pairs minus those whose entry is NaN. */
  pairs: number;
}

/**
 * Mean of a symmetric similarity matrix over the blocks of query groups.
 *
 * Within a group: the pairs i < j of its members. Between two groups: every member of
 * one with every member of the other, except i === j (groups may share queries, e.g. a
 * set and one of its types, and a query's similarity with itself says nothing). NaN
 * entries (zero-variance rows) are skipped.
 *
 * @param matrix queryCount x queryCount row-major (e.g. from pearsonMatrix)
 * @param groups query groups; members are query indices, each listed once per group
 * @returns one entry per unordered pair of groups including a group with itself, in the
 *   order (0,0), (0,1), ..., (0,G-1), (1,1), ...
 */
export function blockSummary(
  matrix: Float64Array,
  queryCount: number,
  groups: readonly { key: string; members: number[] }[],
): BlockMean[] {
  if (matrix.length !== queryCount * queryCount) {
    throw new RangeError(`matrix has ${matrix.length} entries, expected ${queryCount}^2`);
  }
  const out: BlockMean[] = [];
  groups.forEach((ga, gi) => {
    for (let gj = gi; gj < groups.length; gj++) {
      const gb = groups[gj]!;
      const { mean, pairs } = blockMean(matrix, queryCount, ga.members, gi === gj ? null : gb.members);
      out.push({ a: ga.key, b: gb.key, mean, pairs });
    }
  });
  return out;
}

/**
 * Mean of the non-NaN entries of one block: the pairs i < j (by position) of `a` when `b`
 * is null, else every (i, j) of a x b with i !== j.
 */
function blockMean(
  matrix: Float64Array,
  queryCount: number,
  a: readonly number[],
  b: readonly number[] | null,
): { mean: number; pairs: number } {
  let sum = 0;
  let pairs = 0;
  const add = (i: number, j: number) => {
    const v = matrix[i * queryCount + j]!;
    if (!Number.isNaN(v)) {
      sum += v;
      pairs++;
    }
  };
  if (b === null) {
    for (let x = 0; x < a.length; x++) for (let y = x + 1; y < a.length; y++) add(a[x]!, a[y]!);
  } else {
    for (const i of a) for (const j of b) if (i !== j) add(i, j);
  }
  return { mean: pairs > 0 ? sum / pairs : NaN, pairs };
}

/**
 * Mean similarity within one group, as blockSummary computes it: over the pairs of its
 * members, or (given `only`) over one member's entries with the group's other members.
 *
 * @param matrix queryCount x queryCount row-major (e.g. from pearsonMatrix); NaN entries skipped
 * @param members the group's query indices, each once
 * @param only a query index: its row against `members` instead of all pairs
 * @returns the mean (NaN when no entry counts) and the entries used
 */
export function meanOffDiagonal(
  matrix: Float64Array,
  queryCount: number,
  members: readonly number[],
  only?: number,
): { mean: number; pairs: number } {
  if (matrix.length !== queryCount * queryCount) {
    throw new RangeError(`matrix has ${matrix.length} entries, expected ${queryCount}^2`);
  }
  return only === undefined
    ? blockMean(matrix, queryCount, members, null)
    : blockMean(matrix, queryCount, [only], members);
}

/**
 * Mean within-group similarity of a whole dataset: each group's mean over its own pairs,
 * then the plain mean of those group means (groups without a defined pair left out), so
 * a large group cannot drown a small one and pairs across groups never count. The
 * per-group means come back too.
 *
 * @param groups the groups' query indices (a partition, e.g. the sets)
 */
export function meanWithinGroups(
  matrix: Float64Array,
  queryCount: number,
  groups: readonly (readonly number[])[],
): { mean: number; groups: { mean: number; pairs: number }[] } {
  const perGroup = groups.map((members) => meanOffDiagonal(matrix, queryCount, members));
  const defined = perGroup.filter((g) => !Number.isNaN(g.mean));
  return { mean: defined.length ? defined.reduce((s, g) => s + g.mean, 0) / defined.length : NaN, groups: perGroup };
}
