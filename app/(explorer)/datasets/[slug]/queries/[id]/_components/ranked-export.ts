import type { RankedDocument } from "@/lib/data/views/query";

/**
 * The rows a ranked list exports (CSV and JSON): rank, id, score, source, the normalised
 * score and self-influence where the dataset has them, the global rank
 * where the dataset has one, a `label:<key>` column for every label key among the rows
 * (empty where a document lacks it: a CSV's columns are its first row's), and the text.
 */
export function exportRows(items: readonly RankedDocument[], hasGlobalRanks: boolean): Record<string, unknown>[] {
  const labelKeys = [...new Set(items.flatMap((item) => Object.keys(item.labels ?? {})))].sort();
  return items.map((item) => ({
    rank: item.rank, documentId: item.documentId, score: item.score, source: item.source,
    ...(item.normalisedScore != null ? { normalisedScore: item.normalisedScore, selfInfluence: item.selfInfluence } : {}),
    ...(hasGlobalRanks ? { globalRank: item.globalRank === null ? null : item.globalRank + 1 } : {}),
    ...Object.fromEntries(labelKeys.map((key) => [`label:${key}`, item.labels?.[key] ?? null])),
    text: item.text,
  }));
}
