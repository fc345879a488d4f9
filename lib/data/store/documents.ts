import "server-only";
import { getDatabase } from "@/lib/db/server";
import { isStorableId } from "@/lib/identifiers";
import { decodeDocumentRecord, decodeGlobalRank, DOCUMENT_RECORD } from "./packed";

export interface DocumentInfluence {
  queryId: string;
  set: string;
  type: string;
  control: boolean;
  score: number;
  /** 1-based rank of this document in the query's top ranking (score descending). */
  rank: number;
  /** 1-based rank in the query's bottom ranking (score ascending). */
  bottomRank: number;
  globalRank: number | null;
}

export interface DocumentDetail {
  id: string;
  index: number;
  source: string;
  text: string | null;
  tokens: number | null;
  influences: DocumentInfluence[];
}

/** A document and its score and rank for every query (one 12-byte read per query). */
export async function documentDetail(datasetId: number, id: string): Promise<DocumentDetail | null> {
  if (!isStorableId(id)) return null;
  const { prisma } = await getDatabase();
  const doc = await prisma.document.findUnique({ where: { datasetId_externalId: { datasetId, externalId: id } } });
  if (!doc) return null;
  const [records, queries] = await Promise.all([
    prisma.$queryRaw<{ query_idx: number; rec: Uint8Array; global: Uint8Array | null }[]>`
      SELECT query_idx,
             substring(by_document FROM ${doc.idx * DOCUMENT_RECORD + 1}::int FOR ${DOCUMENT_RECORD}::int) AS rec,
             substring(global_ranks FROM ${doc.idx * 4 + 1}::int FOR 4) AS global
      FROM query_scores WHERE dataset_id = ${datasetId} ORDER BY query_idx`,
    prisma.query.findMany({
      where: { datasetId },
      select: { idx: true, externalId: true, set: true, type: true, control: true },
      orderBy: { idx: "asc" },
    }),
  ]);
  const byIdx = new Map(queries.map((q) => [q.idx, q]));
  return {
    id: doc.externalId,
    index: doc.idx,
    source: doc.source,
    text: doc.text,
    tokens: doc.tokens,
    influences: records.map((r) => {
      const q = byIdx.get(r.query_idx)!;
      const { score, topRank, bottomRank } = decodeDocumentRecord(r.rec);
      return {
        queryId: q.externalId, set: q.set, type: q.type, control: q.control,
        score, rank: topRank, bottomRank, globalRank: decodeGlobalRank(r.global),
      };
    }),
  };
}

/** Documents by input index (with their text only when asked: it is the bulk of a row). */
export async function documentsByIndex(datasetId: number, indices: readonly number[], options: { text: true }): Promise<{ idx: number; externalId: string; source: string; text: string | null }[]>;
export async function documentsByIndex(datasetId: number, indices: readonly number[], options?: { text: false }): Promise<{ idx: number; externalId: string; source: string }[]>;
export async function documentsByIndex(datasetId: number, indices: readonly number[], options: { text: boolean } = { text: false }) {
  const { prisma } = await getDatabase();
  return prisma.document.findMany({
    where: { datasetId, idx: { in: [...indices] } },
    select: { idx: true, externalId: true, source: true, text: options.text },
  });
}

/**
 * How many documents two datasets list at the same index under the same id (most
 * dataset pairs list the same documents in the same order: checked before pairing ids).
 */
export async function alignedDocumentCount(datasetA: number, datasetB: number): Promise<number> {
  const { prisma } = await getDatabase();
  const [row] = await prisma.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM documents x JOIN documents y
      ON y.dataset_id = ${datasetB} AND y.idx = x.idx AND y.external_id = x.external_id
    WHERE x.dataset_id = ${datasetA}`;
  return row?.n ?? 0;
}

/** The documents two datasets share (same id): their index in A and in B, in A's order. */
export async function sharedDocumentIndices(datasetA: number, datasetB: number): Promise<{ ia: number; ib: number }[]> {
  const { prisma } = await getDatabase();
  return prisma.$queryRaw<{ ia: number; ib: number }[]>`
    SELECT x.idx AS ia, y.idx AS ib FROM documents x JOIN documents y
      ON y.dataset_id = ${datasetB} AND y.external_id = x.external_id
    WHERE x.dataset_id = ${datasetA} ORDER BY x.idx`;
}

/** External ids of documents by index. */
export async function documentExternalIds(datasetId: number, indices: readonly number[]): Promise<Map<number, string>> {
  if (indices.length === 0) return new Map();
  const { prisma } = await getDatabase();
  const rows = await prisma.document.findMany({ where: { datasetId, idx: { in: [...indices] } }, select: { idx: true, externalId: true } });
  return new Map(rows.map((r) => [r.idx, r.externalId]));
}
