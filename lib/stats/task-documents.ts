export interface TaskDocument {
  documentIdx: number;
  /** Mean score over the group's queries (float64). */
  meanScore: number;
  /** Member queries for which the document's score is positive. */
  positiveMembers: number;
}

/**
 * The documents most influential across a whole group of queries (a task): by mean
 * score over the members, descending ("top") or ascending ("bottom"); ties keep
 * document order. A procedure document that helps every query of a task tops this list.
 */
export function taskDocuments(
  rows: readonly Float32Array[],
  members: readonly number[],
  tail: "top" | "bottom",
  limit: number,
): TaskDocument[] {
  const accumulator = new TaskDocuments(members, tail, limit);
  accumulator.add(rows, 0);
  return accumulator.result();
}

/**
 * taskDocuments over blocks of documents (ingest reads a block of documents across every
 * query at a time): the best `limit` so far are kept, and a block's documents compete
 * only when they beat the worst of them.
 */
export class TaskDocuments {
  private kept: TaskDocument[] = [];

  constructor(
    private readonly members: readonly number[],
    private readonly tail: "top" | "bottom",
    private readonly limit: number,
  ) {}

  /**
   * @param rows every query's scores over documents [start, start + length), by query index
   * @param start the block's first document
   */
  add(rows: readonly Float32Array[], start: number): void {
    const { members, tail, limit } = this;
    if (members.length === 0 || limit <= 0) return;
    const n = rows[members[0]!]!.length;
    const sums = new Float64Array(n);
    for (const q of members) {
      const row = rows[q]!;
      for (let d = 0; d < n; d++) sums[d]! += row[d]!;
    }
    const means = sums.map((s) => s / members.length);
    const sign = tail === "top" ? -1 : 1;
    // A later document equal to the worst kept one loses the tie (document order).
    const worst = this.kept.length >= limit ? this.kept[limit - 1]!.meanScore : null;
    const candidates: number[] = [];
    for (let d = 0; d < n; d++) if (worst === null || sign * (means[d]! - worst) < 0) candidates.push(d);
    if (candidates.length === 0) return;
    candidates.sort((a, b) => sign * (means[a]! - means[b]!) || a - b);
    const fresh = candidates.slice(0, limit).map((d) => {
      let positive = 0;
      for (const q of members) if (rows[q]![d]! > 0) positive++;
      return { documentIdx: start + d, meanScore: means[d]!, positiveMembers: positive };
    });
    this.kept = [...this.kept, ...fresh]
      .sort((a, b) => sign * (a.meanScore - b.meanScore) || a.documentIdx - b.documentIdx)
      .slice(0, limit);
  }

  result(): TaskDocument[] {
    return this.kept;
  }
}
