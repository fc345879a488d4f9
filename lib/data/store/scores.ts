import "server-only";
import type { RankingOrder } from "@/lib/domain/vocabulary";
import { getDatabase } from "@/lib/db/server";
import { decodeRanking, RANKING_RECORD, type RankedEntry } from "./packed";

/**
 * Reads of the packed score columns of `query_scores` (see prisma/schema.prisma and
 * ./packed): slices of a query's rankings, and its by-document records whole.
 */

/**
 * Ranks offset+1 .. offset+limit of a query's top (score descending) or bottom ranking.
 * Reads only those bytes (substring on an uncompressed TOAST value), so offset 900,000
 * costs what offset 0 does. Empty when the query has no stored scores.
 */
export async function rankingChunk(
  datasetId: number,
  queryIndex: number,
  order: RankingOrder,
  offset: number,
  limit: number,
): Promise<RankedEntry[]> {
  const { prisma } = await getDatabase();
  const from = offset * RANKING_RECORD + 1;
  const length = limit * RANKING_RECORD;
  // One statement per column: the column name is never interpolated.
  const [row] = order === "top"
    ? await prisma.$queryRaw<{ chunk: Uint8Array }[]>`
        SELECT substring(top FROM ${from}::int FOR ${length}::int) AS chunk
        FROM query_scores WHERE dataset_id = ${datasetId} AND query_idx = ${queryIndex}`
    : await prisma.$queryRaw<{ chunk: Uint8Array }[]>`
        SELECT substring(bottom FROM ${from}::int FOR ${length}::int) AS chunk
        FROM query_scores WHERE dataset_id = ${datasetId} AND query_idx = ${queryIndex}`;
  return row ? decodeRanking(row.chunk) : [];
}

/** The same ranks of several queries' top or bottom rankings, in one statement (see rankingChunk). */
export async function rankingChunks(
  datasetId: number,
  queryIndices: readonly number[],
  order: RankingOrder,
  offset: number,
  limit: number,
): Promise<Map<number, RankedEntry[]>> {
  const { prisma } = await getDatabase();
  const from = offset * RANKING_RECORD + 1;
  const length = limit * RANKING_RECORD;
  const indices = [...queryIndices];
  const rows = order === "top"
    ? await prisma.$queryRaw<{ query_idx: number; chunk: Uint8Array }[]>`
        SELECT query_idx, substring(top FROM ${from}::int FOR ${length}::int) AS chunk
        FROM query_scores WHERE dataset_id = ${datasetId} AND query_idx = ANY(${indices}::int[])`
    : await prisma.$queryRaw<{ query_idx: number; chunk: Uint8Array }[]>`
        SELECT query_idx, substring(bottom FROM ${from}::int FOR ${length}::int) AS chunk
        FROM query_scores WHERE dataset_id = ${datasetId} AND query_idx = ANY(${indices}::int[])`;
  return new Map(rows.map((r) => [r.query_idx, decodeRanking(r.chunk)]));
}

/** A query of some dataset, by its input index. */
export interface QueryRef {
  datasetId: number;
  queryIndex: number;
}

/**
 * The packed by-document columns (12 bytes a document: 12 MB a query at a million
 * documents) of the given queries, which may belong to different datasets; a query
 * without stored scores is missing from the result.
 */
export async function byDocumentColumns(queries: readonly QueryRef[]): Promise<(QueryRef & { byDocument: Uint8Array })[]> {
  const { prisma } = await getDatabase();
  const rows = await prisma.queryScores.findMany({
    where: { OR: queries.map((q) => ({ datasetId: q.datasetId, queryIdx: q.queryIndex })) },
    select: { datasetId: true, queryIdx: true, byDocument: true },
  });
  return rows.map((r) => ({ datasetId: r.datasetId, queryIndex: r.queryIdx, byDocument: r.byDocument }));
}

/** The top `n` scores of a query's ranking, in rank order (no document join: for the rank plot). */
export async function topScores(datasetId: number, queryIndex: number, n: number): Promise<number[]> {
  const entries = await rankingChunk(datasetId, queryIndex, "top", 0, n);
  return entries.map((e) => e.score);
}
