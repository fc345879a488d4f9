import "server-only";
import { isNormalisedOrder, type RankingOrder } from "@/lib/domain/vocabulary";
import { getDatabase } from "@/lib/db/server";
import { decodeGlobalRank } from "./packed";
import type { RankedDocument } from "./queries";
import { rankingChunk, scoresOfDocuments } from "./scores";

/** How deep a source filter or text search scans a ranking (the work per request stays bounded). */
export const SEARCH_DEPTH = 20_000;
/** Ranks read per chunk of the scan. */
const CHUNK = 5_000;
/** At most this many matches are returned (the scan stops once it has them). */
export const SEARCH_LIMIT = 1_000;

export interface RankingSearch {
  /** Matching documents with their true ranks in the full ranking, in rank order. */
  items: RankedDocument[];
  /** Ranks scanned: min(SEARCH_DEPTH, documents), or fewer when the limit was reached first. */
  scanned: number;
  /** Whether the scan stopped at SEARCH_LIMIT matches before reaching its depth. */
  truncated: boolean;
  depth: number;
}

/**
 * Documents of a query's ranking that match a source and/or contain a text
 * (case-insensitive), with their true ranks. Scans the ranking in order, chunk by
 * chunk (substring() of the packed top or bottom column joined with documents),
 * down to SEARCH_DEPTH ranks or until SEARCH_LIMIT matches.
 */
export async function searchRanking(
  datasetId: number,
  queryIndex: number,
  order: RankingOrder,
  filter: { source: string; search: string },
  documentCount: number,
): Promise<RankingSearch> {
  const { prisma } = await getDatabase();
  const depth = Math.min(SEARCH_DEPTH, documentCount);
  const source = filter.source || null;
  const search = filter.search.trim().toLowerCase() || null;
  const items: RankedDocument[] = [];
  const documentIndexOf = new Map<string, number>();
  let scanned = 0;
  while (scanned < depth && items.length < SEARCH_LIMIT) {
    const entries = await rankingChunk(datasetId, queryIndex, order, scanned, Math.min(CHUNK, depth - scanned));
    if (entries.length === 0) break;
    const indices = entries.map((e) => e.documentIdx);
    const matches = await prisma.$queryRaw<{ idx: number; external_id: string; source: string; text: string | null; tokens: number | null; global: Uint8Array | null }[]>`
      SELECT d.idx, d.external_id, d.source, d.text, d.tokens,
             (SELECT substring(s.global_ranks FROM d.idx * 4 + 1 FOR 4) FROM query_scores s
               WHERE s.dataset_id = ${datasetId} AND s.query_idx = ${queryIndex}) AS global
      FROM documents d
      WHERE d.dataset_id = ${datasetId} AND d.idx = ANY(${indices}::int[])
        AND (${source}::text IS NULL OR d.source = ${source}::text)
        AND (${search}::text IS NULL OR position(${search}::text IN lower(coalesce(d.text, ''))) > 0)`;
    const byIdx = new Map(matches.map((m) => [m.idx, m]));
    for (let i = 0; i < entries.length && items.length < SEARCH_LIMIT; i++) {
      const entry = entries[i]!;
      const doc = byIdx.get(entry.documentIdx);
      if (!doc) continue;
      documentIndexOf.set(doc.external_id, doc.idx);
      items.push({
        rank: scanned + i + 1,
        documentId: doc.external_id,
        score: entry.score,
        source: doc.source,
        text: doc.text,
        tokens: doc.tokens,
        globalRank: decodeGlobalRank(doc.global),
      });
    }
    scanned += entries.length;
  }
  if (isNormalisedOrder(order)) {
    // A self-normalised ranking's records carry the normalised score: the raw one is read apart.
    const raw = await scoresOfDocuments(datasetId, queryIndex, items.map((i) => documentIndexOf.get(i.documentId)!));
    for (const item of items) {
      item.normalisedScore = item.score;
      item.score = raw.get(documentIndexOf.get(item.documentId)!) ?? Number.NaN;
    }
  }
  const truncated = items.length >= SEARCH_LIMIT;
  if (truncated) scanned = items[items.length - 1]!.rank;
  return { items, scanned, truncated, depth };
}

/** The top `n` scores of a query's ranking, in rank order (no document join: for the rank plot). */
export async function topScores(datasetId: number, queryIndex: number, n: number): Promise<number[]> {
  const entries = await rankingChunk(datasetId, queryIndex, "top", 0, n);
  return entries.map((e) => e.score);
}
