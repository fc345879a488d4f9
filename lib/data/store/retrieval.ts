import "server-only";
import { getDatabase } from "@/lib/db/server";

/**
 * A dataset's evaluation against its ground truth (tables retrieval_at_k and
 * retrieval_ranks, written at ingest from --relevant; see prisma/schema.prisma).
 */

/** One query's recall and precision among its top k. */
export interface StoredRetrievalAtK {
  queryId: string;
  k: number;
  hits: number;
  recall: number;
  precision: number;
}

/** One query's first relevant document. */
export interface StoredRetrievalRank {
  queryId: string;
  /** Relevant documents the ground truth lists for the query. */
  relevant: number;
  /** Top rank of the first relevant document (1 = the highest score). */
  firstRank: number;
  /** 1 / firstRank. */
  rr: number;
}

/**
 * The stored retrieval statistics of a dataset, queries in input order (k ascending
 * within a query); null when the dataset was ingested without ground truth.
 */
export async function retrievalStatistics(
  datasetId: number,
): Promise<{ rows: StoredRetrievalAtK[]; reciprocalRanks: StoredRetrievalRank[] } | null> {
  const { prisma } = await getDatabase();
  const [ranks, rows] = await Promise.all([
    prisma.$queryRaw<StoredRetrievalRank[]>`
      SELECT q.external_id AS "queryId", r.relevant_count AS relevant, r.first_rank AS "firstRank", r.reciprocal_rank AS rr
      FROM retrieval_ranks r JOIN queries q ON q.dataset_id = r.dataset_id AND q.idx = r.query_idx
      WHERE r.dataset_id = ${datasetId} ORDER BY r.query_idx`,
    prisma.$queryRaw<StoredRetrievalAtK[]>`
      SELECT q.external_id AS "queryId", r.k, r.hits, r.recall, r.precision
      FROM retrieval_at_k r JOIN queries q ON q.dataset_id = r.dataset_id AND q.idx = r.query_idx
      WHERE r.dataset_id = ${datasetId} ORDER BY r.query_idx, r.k`,
  ]);
  return ranks.length === 0 ? null : { rows, reciprocalRanks: ranks };
}
