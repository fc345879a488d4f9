import "server-only";
import type { RankingOrder } from "@/lib/domain/vocabulary";
import { getDatabase } from "@/lib/db/server";
import { decodeFloat32s, decodeRanking, decodeRankingColumns, DOCUMENT_RECORD, RANKING_RECORD, type RankedEntry } from "./packed";

/**
 * Reads of the packed score columns of `query_scores` (see prisma/schema.prisma and
 * ./packed): slices of a query's rankings, and its by-document records whole.
 */

/**
 * Ranks offset+1 .. offset+limit of a query's ranking in `order`: top (score descending),
 * bottom, or their self-normalised counterparts (whose records carry the normalised
 * score). Reads only those bytes (substring on an uncompressed TOAST value), so offset
 * 900,000 costs what offset 0 does. Empty when the query has no such ranking stored.
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
  const read = {
    top: () => prisma.$queryRaw<{ chunk: Uint8Array | null }[]>`
        SELECT substring(top FROM ${from}::int FOR ${length}::int) AS chunk
        FROM query_scores WHERE dataset_id = ${datasetId} AND query_idx = ${queryIndex}`,
    bottom: () => prisma.$queryRaw<{ chunk: Uint8Array | null }[]>`
        SELECT substring(bottom FROM ${from}::int FOR ${length}::int) AS chunk
        FROM query_scores WHERE dataset_id = ${datasetId} AND query_idx = ${queryIndex}`,
    top_normalised: () => prisma.$queryRaw<{ chunk: Uint8Array | null }[]>`
        SELECT substring(top_normalised FROM ${from}::int FOR ${length}::int) AS chunk
        FROM query_scores WHERE dataset_id = ${datasetId} AND query_idx = ${queryIndex}`,
    bottom_normalised: () => prisma.$queryRaw<{ chunk: Uint8Array | null }[]>`
        SELECT substring(bottom_normalised FROM ${from}::int FOR ${length}::int) AS chunk
        FROM query_scores WHERE dataset_id = ${datasetId} AND query_idx = ${queryIndex}`,
  } satisfies Record<RankingOrder, unknown>;
  const [row] = await read[order]();
  return row?.chunk ? decodeRanking(row.chunk) : [];
}

/**
 * Ranks offset+1 .. offset+limit of a query's top or bottom ranking as its packed records
 * (8 bytes a rank), read in binary (Database.readBlob): for scans of many ranks, where
 * decoding hex text and an object per rank would cost more than the read.
 */
export async function rankingRecords(datasetId: number, queryIndex: number, order: "top" | "bottom", offset: number, limit: number): Promise<Uint8Array> {
  const db = await getDatabase();
  const params = [datasetId, queryIndex, offset * RANKING_RECORD + 1, limit * RANKING_RECORD];
  // One statement per column: the column name is never interpolated.
  const row = order === "top"
    ? await db.readBlob("SELECT substring(top FROM $3 FOR $4) FROM query_scores WHERE dataset_id = $1 AND query_idx = $2", params)
    : await db.readBlob("SELECT substring(bottom FROM $3 FOR $4) FROM query_scores WHERE dataset_id = $1 AND query_idx = $2", params);
  return row?.[0] ?? new Uint8Array(0);
}

/** The raw scores of some documents for one query (one 4-byte read each from by_document). */
export async function scoresOfDocuments(datasetId: number, queryIndex: number, indices: readonly number[]): Promise<Map<number, number>> {
  if (indices.length === 0) return new Map();
  const { prisma } = await getDatabase();
  const rows = await prisma.$queryRaw<{ idx: number; rec: Uint8Array }[]>`
    SELECT d.idx, substring(s.by_document FROM d.idx * ${DOCUMENT_RECORD}::int + 1 FOR 4) AS rec
    FROM query_scores s, unnest(${[...indices]}::int[]) AS d(idx)
    WHERE s.dataset_id = ${datasetId} AND s.query_idx = ${queryIndex}`;
  return new Map(rows.map((r) => [r.idx, decodeFloat32s(r.rec)[0]!]));
}

/** Per-token scores of one query for some documents: only the pairs given at ingest are there. */
export async function tokenScoresOf(datasetId: number, queryIndex: number, documentIndices: readonly number[]): Promise<Map<number, Float32Array>> {
  if (documentIndices.length === 0) return new Map();
  const { prisma } = await getDatabase();
  const rows = await prisma.tokenScores.findMany({
    where: { datasetId, queryIdx: queryIndex, documentIdx: { in: [...documentIndices] } },
    select: { documentIdx: true, scores: true },
  });
  return new Map(rows.map((r) => [r.documentIdx, decodeFloat32s(r.scores)]));
}

/** The queries (by input index) that have per-token scores for a document. */
export async function tokenScoredQueries(datasetId: number, documentIndex: number): Promise<number[]> {
  const { prisma } = await getDatabase();
  const rows = await prisma.tokenScores.findMany({
    where: { datasetId, documentIdx: documentIndex },
    select: { queryIdx: true },
    orderBy: { queryIdx: "asc" },
  });
  return rows.map((r) => r.queryIdx);
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

/**
 * Several queries' top or bottom rankings, each from its own offset, `limit` ranks each,
 * in one statement (see rankingChunk).
 */
export async function rankingChunksAt(
  datasetId: number,
  order: "top" | "bottom",
  offsets: ReadonlyMap<number, number>,
  limit: number,
): Promise<Map<number, RankedEntry[]>> {
  const { prisma } = await getDatabase();
  const queries = [...offsets.keys()];
  const froms = queries.map((q) => offsets.get(q)! * RANKING_RECORD + 1);
  const length = limit * RANKING_RECORD;
  const rows = order === "top"
    ? await prisma.$queryRaw<{ query_idx: number; chunk: Uint8Array }[]>`
        SELECT s.query_idx, substring(s.top FROM o.f FOR ${length}::int) AS chunk
        FROM query_scores s JOIN unnest(${queries}::int[], ${froms}::int[]) AS o(q, f) ON s.query_idx = o.q
        WHERE s.dataset_id = ${datasetId}`
    : await prisma.$queryRaw<{ query_idx: number; chunk: Uint8Array }[]>`
        SELECT s.query_idx, substring(s.bottom FROM o.f FOR ${length}::int) AS chunk
        FROM query_scores s JOIN unnest(${queries}::int[], ${froms}::int[]) AS o(q, f) ON s.query_idx = o.q
        WHERE s.dataset_id = ${datasetId}`;
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
 * without stored scores is missing from the result. Read in binary (Database.readBlob),
 * one statement per query.
 */
export async function byDocumentColumns(queries: readonly QueryRef[]): Promise<(QueryRef & { byDocument: Uint8Array })[]> {
  const db = await getDatabase();
  const rows = await Promise.all(queries.map(async (q) => {
    const row = await db.readBlob("SELECT by_document FROM query_scores WHERE dataset_id = $1 AND query_idx = $2", [q.datasetId, q.queryIndex]);
    return row?.[0] ? { datasetId: q.datasetId, queryIndex: q.queryIndex, byDocument: row[0] } : null;
  }));
  return rows.filter((r) => r !== null);
}

/**
 * The whole top rankings (8 bytes a document: 8 MB a query at a million documents) of
 * the given queries, which may belong to different datasets, as typed arrays: document
 * indices by rank and their scores. A query without stored scores is missing from the
 * result. Read in binary (Database.readBlob), one statement per query.
 */
export async function topRankings(queries: readonly QueryRef[]): Promise<(QueryRef & { documents: Uint32Array; scores: Float32Array })[]> {
  const db = await getDatabase();
  const rows = await Promise.all(queries.map(async (q) => {
    const row = await db.readBlob("SELECT top FROM query_scores WHERE dataset_id = $1 AND query_idx = $2", [q.datasetId, q.queryIndex]);
    return row?.[0] ? { ...q, ...decodeRankingColumns(row[0]) } : null;
  }));
  return rows.filter((r) => r !== null);
}

/** Bytes of a density bin column read by one statement (see densityBinColumn). */
const BIN_SLICE = 1 << 20;

/**
 * A query's density bins prepared at ingest over its full or its robust extent (see
 * `densityBins` and `densityBinsRobust` in prisma/schema.prisma: the bin count, then 1
 * byte a document, read in binary), or null when its dataset was ingested without them.
 * A column not in memory is read a page at a time, each read waiting on the disk, so it
 * is read in 1 MiB slices on several connections at once: about twice as fast cold at 5M
 * documents (measured; docs/scale.md).
 */
export async function densityBinColumn(
  datasetId: number,
  queryIndex: number,
  extent: "full" | "robust",
  documentCount: number,
  sliceBytes = BIN_SLICE,
): Promise<Uint8Array | null> {
  const db = await getDatabase();
  // One statement per column: the column name is never interpolated.
  const slice = (from: number) => extent === "full"
    ? db.readBlob("SELECT substring(density_bins FROM $3 FOR $4) FROM query_scores WHERE dataset_id = $1 AND query_idx = $2", [datasetId, queryIndex, from, sliceBytes])
    : db.readBlob("SELECT substring(density_bins_robust FROM $3 FOR $4) FROM query_scores WHERE dataset_id = $1 AND query_idx = $2", [datasetId, queryIndex, from, sliceBytes]);
  const starts = Array.from({ length: Math.ceil((documentCount + 1) / sliceBytes) }, (_, i) => i * sliceBytes + 1);
  const parts = (await Promise.all(starts.map(slice))).map((row) => row?.[0] ?? null);
  if (parts.length === 0 || parts.some((p) => p === null)) return null;
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts as Uint8Array[]);
}

/** Scores of the given documents (input indices) for one query: one 4-byte read each. */
export async function documentScores(datasetId: number, queryIndex: number, indices: readonly number[]): Promise<Map<number, number>> {
  if (indices.length === 0) return new Map();
  const { prisma } = await getDatabase();
  const rows = await prisma.$queryRaw<{ idx: number; score: Uint8Array }[]>`
    SELECT i AS idx, substring(s.by_document FROM i * ${DOCUMENT_RECORD}::int + 1 FOR 4) AS score
    FROM query_scores s, unnest(${[...indices]}::int[]) AS i
    WHERE s.dataset_id = ${datasetId} AND s.query_idx = ${queryIndex}`;
  // Each 4-byte read is the float32 leading the document's by-document record.
  return new Map(rows.map((r) => [r.idx, new DataView(r.score.buffer, r.score.byteOffset, 4).getFloat32(0, true)]));
}

/** The top `n` scores of a query's ranking, in rank order (no document join: for the rank plot). */
export async function topScores(datasetId: number, queryIndex: number, n: number): Promise<number[]> {
  const entries = await rankingChunk(datasetId, queryIndex, "top", 0, n);
  return entries.map((e) => e.score);
}
