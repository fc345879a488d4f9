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
  /** Its self-influence, where the dataset has it. */
  selfInfluence: number | null;
  /** Its token strings, for documents given per-token scores; null otherwise. */
  tokenStrings: string[] | null;
  influences: DocumentInfluence[];
}

/** A document and its score and rank for every query (one 12-byte read per query). */
export async function documentDetail(datasetId: number, id: string): Promise<DocumentDetail | null> {
  if (!isStorableId(id)) return null;
  const { prisma } = await getDatabase();
  const doc = await prisma.document.findUnique({ where: { datasetId_externalId: { datasetId, externalId: id } } });
  if (!doc) return null;
  // Each record is a slice of a TOASTed column (an index lookup and a page or two each, 2Q
  // in all): the even and the odd queries read on two connections, so both cores work.
  const recordsOf = (parity: number) => prisma.$queryRaw<{ query_idx: number; rec: Uint8Array; global: Uint8Array | null }[]>`
      SELECT query_idx,
             substring(by_document FROM ${doc.idx * DOCUMENT_RECORD + 1}::int FOR ${DOCUMENT_RECORD}::int) AS rec,
             substring(global_ranks FROM ${doc.idx * 4 + 1}::int FOR 4) AS global
      FROM query_scores WHERE dataset_id = ${datasetId} AND query_idx % 2 = ${parity}`;
  const [even, odd, queries] = await Promise.all([
    recordsOf(0),
    recordsOf(1),
    prisma.query.findMany({
      where: { datasetId },
      select: { idx: true, externalId: true, set: true, type: true, control: true },
      orderBy: { idx: "asc" },
    }),
  ]);
  const records = [...even, ...odd].sort((p, q) => p.query_idx - q.query_idx);
  const byIdx = new Map(queries.map((q) => [q.idx, q]));
  return {
    id: doc.externalId,
    index: doc.idx,
    source: doc.source,
    text: doc.text,
    tokens: doc.tokens,
    selfInfluence: doc.selfInfluence,
    tokenStrings: doc.tokenStrings.length > 0 ? doc.tokenStrings : null,
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
 * Which documents two datasets share (same id): `identical` when both list the same
 * documents in the same order (most pairs), else each shared document's index in A and
 * in B, in A's order.
 */
export interface DocumentAlignment {
  shared: number;
  identical: boolean;
  pairs: { ia: Uint32Array; ib: Uint32Array } | null;
}

/** Bytes of one stored alignment pair (uint32 index in A, uint32 index in B). */
const ALIGNMENT_PAIR = 8;

/**
 * The alignment of datasets A and B (ordered), found by joining their documents once (on
 * the first request for the pair) and stored in `document_alignments` on the primary;
 * later requests, in any server process, read the stored bytes. Not storing (a role
 * without the grant) is logged, not an error: the caller has the alignment anyway.
 */
export async function documentAlignment(datasetA: number, datasetB: number): Promise<DocumentAlignment> {
  const db = await getDatabase();
  const stored = await db.prisma.documentAlignment.findUnique({
    where: { datasetA_datasetB: { datasetA, datasetB } },
    select: { shared: true, identical: true },
  });
  if (stored) {
    if (stored.identical) return { ...stored, pairs: null };
    const [bytes] = (await db.readBlob("SELECT pairs FROM document_alignments WHERE dataset_a = $1 AND dataset_b = $2", [datasetA, datasetB])) ?? [];
    if (bytes) return { ...stored, pairs: unpackPairs(bytes) };
  }
  const alignment = await alignDocuments(datasetA, datasetB);
  const packed = alignment.pairs ? packPairs(alignment.pairs) : null;
  try {
    await db.primary.$executeRaw`
      INSERT INTO document_alignments (dataset_a, dataset_b, shared, identical, pairs)
      VALUES (${datasetA}, ${datasetB}, ${alignment.shared}, ${alignment.identical}, ${packed})
      ON CONFLICT (dataset_a, dataset_b) DO NOTHING`;
  } catch (error) {
    console.warn(`alignment of datasets ${datasetA} and ${datasetB} not stored: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  }
  return alignment;
}

async function alignDocuments(datasetA: number, datasetB: number): Promise<DocumentAlignment> {
  const { prisma } = await getDatabase();
  const rows = await prisma.dataset.findMany({ where: { id: { in: [datasetA, datasetB] } }, select: { id: true, documentCount: true, documentsDigest: true } });
  const a = rows.find((r) => r.id === datasetA);
  const b = rows.find((r) => r.id === datasetB);
  const countA = a?.documentCount ?? 0;
  // Most dataset pairs list the same documents in the same order: the digests taken at
  // ingest say so at once; without them (older datasets), a join by index checks it.
  if (a?.documentsDigest && b?.documentsDigest) {
    if (a.documentsDigest === b.documentsDigest) return { shared: countA, identical: true, pairs: null };
  } else if (countA === b?.documentCount && (await alignedDocumentCount(datasetA, datasetB)) === countA) {
    return { shared: countA, identical: true, pairs: null };
  }
  const pairs = await sharedDocumentIndices(datasetA, datasetB);
  return {
    shared: pairs.length,
    identical: false,
    pairs: { ia: Uint32Array.from(pairs, (p) => p.ia), ib: Uint32Array.from(pairs, (p) => p.ib) },
  };
}

function packPairs({ ia, ib }: { ia: Uint32Array; ib: Uint32Array }): Uint8Array {
  const bytes = new Uint8Array(ia.length * ALIGNMENT_PAIR);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < ia.length; i++) {
    view.setUint32(i * ALIGNMENT_PAIR, ia[i]!, true);
    view.setUint32(i * ALIGNMENT_PAIR + 4, ib[i]!, true);
  }
  return bytes;
}

function unpackPairs(bytes: Uint8Array): { ia: Uint32Array; ib: Uint32Array } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = Math.floor(bytes.byteLength / ALIGNMENT_PAIR);
  const ia = new Uint32Array(n);
  const ib = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    ia[i] = view.getUint32(i * ALIGNMENT_PAIR, true);
    ib[i] = view.getUint32(i * ALIGNMENT_PAIR + 4, true);
  }
  return { ia, ib };
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
