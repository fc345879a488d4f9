import "server-only";
import type { Dataset } from "@/lib/data/store/datasets";
import { documentExternalIds } from "@/lib/data/store/documents";
import { listQueries } from "@/lib/data/store/queries";
import { bestMatchPerQuery, matchingDocuments, type DocumentFilter } from "@/lib/data/store/search";
import type { RankingOrder } from "@/lib/domain/vocabulary";

export type { DocumentFilter } from "@/lib/data/store/search";

/** One query's best-ranked document among a search's matches. */
export interface QueryBestMatch {
  queryId: string;
  set: string;
  type: string;
  control: boolean;
  /** 1-based rank in the query's top (or bottom) ranking. */
  rank: number;
  documentId: string;
  score: number;
}

/**
 * The search from the document side: how many documents of the whole corpus pass the
 * filter, and for every query the best rank of one of them (queries in input order;
 * none when nothing matches).
 */
export async function searchAcrossQueries(
  dataset: Pick<Dataset, "id" | "queryCount" | "documentCount">,
  filter: DocumentFilter,
  order: RankingOrder,
): Promise<{ total: number; rows: QueryBestMatch[] }> {
  const matches = await matchingDocuments(dataset.id, filter);
  const [best, queries] = await Promise.all([
    bestMatchPerQuery(dataset.id, dataset.queryCount, dataset.documentCount, matches, order),
    listQueries(dataset.id),
  ]);
  const ids = await documentExternalIds(dataset.id, [...new Set(best.map((b) => b.documentIdx))]);
  const rows = best.flatMap((b) => {
    const q = queries[b.queryIndex];
    if (!q) return [];
    return [{ queryId: q.id, set: q.set, type: q.type, control: q.control, rank: b.rank, documentId: ids.get(b.documentIdx) ?? `#${b.documentIdx}`, score: b.score }];
  });
  return { total: matches.length, rows };
}
