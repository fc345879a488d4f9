/**
 * Decoders for the packed score columns of `query_scores` (see prisma/schema.prisma).
 * Pure, so the API, the pages and the tests decode one way.
 */

const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** Bytes of one ranking record (uint32 document idx, float32 score). */
export const RANKING_RECORD = 8;
/** Bytes of one by-document record (float32 score, uint32 top rank, uint32 bottom rank). */
export const DOCUMENT_RECORD = 12;

export interface RankedEntry {
  documentIdx: number;
  score: number;
}

/** Decodes consecutive ranking records. */
export function decodeRanking(bytes: Uint8Array): RankedEntry[] {
  const v = view(bytes);
  const entries: RankedEntry[] = [];
  for (let offset = 0; offset + RANKING_RECORD <= bytes.byteLength; offset += RANKING_RECORD) {
    entries.push({ documentIdx: v.getUint32(offset, true), score: v.getFloat32(offset + 4, true) });
  }
  return entries;
}

/**
 * A whole packed ranking column as two typed arrays: document indices by rank and their
 * scores (what the agreement reads: no object per document).
 */
export function decodeRankingColumns(bytes: Uint8Array): { documents: Uint32Array; scores: Float32Array } {
  const v = view(bytes);
  const n = Math.floor(bytes.byteLength / RANKING_RECORD);
  const documents = new Uint32Array(n);
  const scores = new Float32Array(n);
  for (let i = 0, offset = 0; i < n; i++, offset += RANKING_RECORD) {
    documents[i] = v.getUint32(offset, true);
    scores[i] = v.getFloat32(offset + 4, true);
  }
  return { documents, scores };
}

/**
 * The scores of a packed by_document column, in document order (the float32 leading
 * each record; the two ranks are skipped).
 */
export function decodeScores(bytes: Uint8Array): Float32Array {
  const v = view(bytes);
  const n = Math.floor(bytes.byteLength / DOCUMENT_RECORD);
  const scores = new Float32Array(n);
  for (let i = 0; i < n; i++) scores[i] = v.getFloat32(i * DOCUMENT_RECORD, true);
  return scores;
}

/** Decodes consecutive little-endian float32 values (per-token scores). */
export function decodeFloat32s(bytes: Uint8Array): Float32Array {
  const v = view(bytes);
  return Float32Array.from({ length: Math.floor(bytes.byteLength / 4) }, (_, i) => v.getFloat32(i * 4, true));
}

/** Decodes one by-document record. */
export function decodeDocumentRecord(bytes: Uint8Array): { score: number; topRank: number; bottomRank: number } {
  const v = view(bytes);
  return { score: v.getFloat32(0, true), topRank: v.getUint32(4, true), bottomRank: v.getUint32(8, true) };
}

/** Decodes a global rank (int32; -1 = unknown → null). */
export function decodeGlobalRank(bytes: Uint8Array | null): number | null {
  if (!bytes || bytes.byteLength < 4) return null;
  const rank = view(bytes).getInt32(0, true);
  return rank < 0 ? null : rank;
}

/** Decodes a row-major float64 matrix; NaN (undefined correlation) becomes null for JSON. */
export function decodeMatrix(bytes: Uint8Array, size: number): (number | null)[][] {
  const v = view(bytes);
  return Array.from({ length: size }, (_, i) =>
    Array.from({ length: size }, (_, j) => {
      const value = v.getFloat64((i * size + j) * 8, true);
      return Number.isNaN(value) ? null : value;
    }),
  );
}
