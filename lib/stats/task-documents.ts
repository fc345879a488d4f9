import { rankOrder } from "./ranking";

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
  if (members.length === 0) return [];
  const D = rows[members[0]!]!.length;
  const sums = new Float64Array(D);
  for (const q of members) {
    const row = rows[q]!;
    for (let d = 0; d < D; d++) sums[d]! += row[d]!;
  }
  const means = sums.map((s) => s / members.length);
  // A fast float32 ranking picks candidates; the exact float64 order decides among them.
  const candidates = rankOrder(Float32Array.from(means), tail).slice(0, Math.min(D, limit * 2 + 16));
  const sign = tail === "top" ? -1 : 1;
  const ordered = Array.from(candidates).sort((a, b) => sign * (means[a]! - means[b]!) || a - b);
  return ordered.slice(0, limit).map((d) => {
    let positive = 0;
    for (const q of members) if (rows[q]![d]! > 0) positive++;
    return { documentIdx: d, meanScore: means[d]!, positiveMembers: positive };
  });
}
