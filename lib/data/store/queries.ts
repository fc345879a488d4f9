import "server-only";
import type { QueryRecord, QuerySet, QueryStatistics } from "@/lib/domain/records";
import type { RankingOrder } from "@/lib/domain/vocabulary";
import { getDatabase } from "@/lib/db/server";
import { isStorableId } from "@/lib/identifiers";
import { decodeGlobalRank } from "./packed";
import { rankingChunk } from "./scores";

/** A stored query: its record, its statistics and its row in the score matrix. */
export interface QuerySummary extends QueryRecord, QueryStatistics {
  index: number;
}

type QueryRow = Awaited<ReturnType<Awaited<ReturnType<typeof getDatabase>>["prisma"]["query"]["findFirstOrThrow"]>>;

function toSummary(row: QueryRow): QuerySummary {
  return {
    id: row.externalId,
    index: row.idx,
    set: row.set as QuerySet,
    type: row.type,
    control: row.control,
    prompt: row.prompt,
    completion: row.completion,
    answer: row.answer,
    correct: row.correct,
    nats: row.nats,
    positiveCount: row.positiveCount,
    positiveTotal: row.positiveTotal,
    negativeCount: row.negativeCount,
    negativeTotal: row.negativeTotal,
    gini: row.gini,
    top1Share: row.top1Share,
    alpha: row.alpha,
    alphaStderr: row.alphaStderr,
    alphaPoints: row.alphaPoints,
    alphaGlobal: row.alphaGlobal,
    alphaGlobalStderr: row.alphaGlobalStderr,
    alphaGlobalPoints: row.alphaGlobalPoints,
    answerRanks: row.answerK === null ? null : row.answerRanks,
    answerK: row.answerK,
  };
}

/** A dataset's queries in input order. */
export async function listQueries(datasetId: number): Promise<QuerySummary[]> {
  const { prisma } = await getDatabase();
  const rows = await prisma.query.findMany({ where: { datasetId }, orderBy: { idx: "asc" } });
  return rows.map(toSummary);
}

/** One query by its id, or null. */
export async function findQuery(datasetId: number, id: string): Promise<QuerySummary | null> {
  if (!isStorableId(id)) return null;
  const { prisma } = await getDatabase();
  const row = await prisma.query.findUnique({ where: { datasetId_externalId: { datasetId, externalId: id } } });
  return row ? toSummary(row) : null;
}

export interface RankedDocument {
  /** 1-based: 1 is the most positive (top) or most negative (bottom) document. */
  rank: number;
  documentId: string;
  score: number;
  source: string;
  text: string | null;
  tokens: number | null;
  /** Rank among the study's full corpus (0 = most positive), where the dataset has it. */
  globalRank: number | null;
}

/** One page of a query's ranking, with its documents (see rankingChunk: any offset costs the same). */
export async function rankedDocuments(
  datasetId: number,
  queryIndex: number,
  order: RankingOrder,
  offset: number,
  limit: number,
): Promise<RankedDocument[]> {
  const entries = await rankingChunk(datasetId, queryIndex, order, offset, limit);
  if (entries.length === 0) return [];
  const { prisma } = await getDatabase();
  const indices = entries.map((e) => e.documentIdx);
  const [documents, globalRanks] = await Promise.all([
    prisma.document.findMany({ where: { datasetId, idx: { in: indices } } }),
    prisma.$queryRaw<{ idx: number; rank: Uint8Array | null }[]>`
      SELECT d.idx, substring(s.global_ranks FROM d.idx * 4 + 1 FOR 4) AS rank
      FROM query_scores s, unnest(${indices}::int[]) AS d(idx)
      WHERE s.dataset_id = ${datasetId} AND s.query_idx = ${queryIndex} AND s.global_ranks IS NOT NULL`,
  ]);
  const byIdx = new Map(documents.map((d) => [d.idx, d]));
  const globalByIdx = new Map(globalRanks.map((g) => [g.idx, decodeGlobalRank(g.rank)]));
  return entries.map((entry, i) => {
    const doc = byIdx.get(entry.documentIdx);
    return {
      rank: offset + i + 1,
      documentId: doc?.externalId ?? `#${entry.documentIdx}`,
      score: entry.score,
      source: doc?.source ?? "unknown",
      text: doc?.text ?? null,
      tokens: doc?.tokens ?? null,
      globalRank: globalByIdx.get(entry.documentIdx) ?? null,
    };
  });
}
