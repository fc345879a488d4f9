import "server-only";
import type { QueryRecord, QuerySet, QueryStatistics } from "@/lib/domain/records";
import { isNormalisedOrder, type RankingOrder } from "@/lib/domain/vocabulary";
import { getDatabase } from "@/lib/db/server";
import { isStorableId } from "@/lib/identifiers";
import { memoByDataset } from "./memo";
import { decodeGlobalRank } from "./packed";
import { selfNormalisedScore } from "@/lib/stats/self-normalised";
import { mostInfluentialSpan } from "@/lib/stats/token-span";
import { rankingChunk, scoresOfDocuments, tokenScoresOf } from "./scores";

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

/** A dataset's queries in input order; shared by every caller (memoised), so read-only. */
export const listQueries = memoByDataset(async (datasetId: number): Promise<readonly Readonly<QuerySummary>[]> => {
  const { prisma } = await getDatabase();
  const rows = await prisma.query.findMany({ where: { datasetId }, orderBy: { idx: "asc" } });
  return rows.map(toSummary);
});

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
  /** The document's self-influence, where the dataset has it. */
  selfInfluence?: number | null;
  /** score / sqrt(selfInfluence) as stored (float32), where the dataset has self-influence. */
  normalisedScore?: number | null;
  /**
   * The document's most influential span for this query (lib/stats/token-span), where
   * per-token scores were given for the pair: its tokens and their summed score.
   */
  span?: InfluentialSpan | null;
  /** The document's labels (values as text); null when it has none. */
  labels: Record<string, string> | null;
}

export interface InfluentialSpan {
  /** Token positions [start, end) in the document's token list. */
  start: number;
  end: number;
  /** The span's tokens joined as they are (tokenizer strings carry their own spaces). */
  text: string;
  total: number;
}

/**
 * One page of a query's ranking, with its documents (see rankingChunk: any offset costs
 * the same). In a self-normalised order the ranking carries the normalised score and the
 * raw one is read per document; otherwise the normalised one is computed from the
 * self-influence exactly as ingest stored it.
 */
export async function rankedDocuments(
  datasetId: number,
  queryIndex: number,
  order: RankingOrder,
  offset: number,
  limit: number,
): Promise<RankedDocument[]> {
  const entries = await rankingChunk(datasetId, queryIndex, order, offset, limit);
  return documentsByIndex(datasetId, queryIndex, entries.map((e, i) => ({ ...e, rank: offset + i + 1 })), order);
}

/**
 * Ranked entries of a query completed with their documents (id, source, text, tokens)
 * and global ranks, in the order given. The entries' scores are raw, or the normalised
 * ones when `order` is a self-normalised order.
 */
export async function documentsByIndex(
  datasetId: number,
  queryIndex: number,
  entries: readonly { rank: number; documentIdx: number; score: number }[],
  order: RankingOrder = "top",
): Promise<RankedDocument[]> {
  if (entries.length === 0) return [];
  const { prisma } = await getDatabase();
  const indices = entries.map((e) => e.documentIdx);
  const normalised = isNormalisedOrder(order);
  const [documents, globalRanks, rawScores, tokenScores] = await Promise.all([
    prisma.document.findMany({ where: { datasetId, idx: { in: indices } } }),
    prisma.$queryRaw<{ idx: number; rank: Uint8Array | null }[]>`
      SELECT d.idx, substring(s.global_ranks FROM d.idx * 4 + 1 FOR 4) AS rank
      FROM query_scores s, unnest(${indices}::int[]) AS d(idx)
      WHERE s.dataset_id = ${datasetId} AND s.query_idx = ${queryIndex} AND s.global_ranks IS NOT NULL`,
    normalised ? scoresOfDocuments(datasetId, queryIndex, indices) : null,
    tokenScoresOf(datasetId, queryIndex, indices),
  ]);
  const byIdx = new Map(documents.map((d) => [d.idx, d]));
  const globalByIdx = new Map(globalRanks.map((g) => [g.idx, decodeGlobalRank(g.rank)]));
  return entries.map((entry) => {
    const doc = byIdx.get(entry.documentIdx);
    const self = doc?.selfInfluence ?? null;
    const score = rawScores ? (rawScores.get(entry.documentIdx) ?? Number.NaN) : entry.score;
    const tokens = tokenScores.get(entry.documentIdx);
    return {
      rank: entry.rank,
      documentId: doc?.externalId ?? `#${entry.documentIdx}`,
      score,
      source: doc?.source ?? "unknown",
      text: doc?.text ?? null,
      tokens: doc?.tokens ?? null,
      globalRank: globalByIdx.get(entry.documentIdx) ?? null,
      selfInfluence: self,
      normalisedScore: normalised ? entry.score : self === null ? null : selfNormalisedScore(score, self),
      span: tokens && doc ? influentialSpan(tokens, doc.tokenStrings) : null,
      labels: (doc?.labels ?? null) as Record<string, string> | null,
    };
  });
}

function influentialSpan(scores: Float32Array, tokens: readonly string[]): InfluentialSpan | null {
  const span = mostInfluentialSpan(scores);
  return span ? { ...span, text: tokens.slice(span.start, span.end).join("") } : null;
}
