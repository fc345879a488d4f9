import "server-only";
import type { LabelFilter } from "@/lib/domain/labels";
import { searchPhrases, searchTermWords, type ParsedSearch } from "@/lib/domain/search";
import type { RankingOrder } from "@/lib/domain/vocabulary";
import { getDatabase } from "@/lib/db/server";
import { memoByDataset } from "./memo";
import { DOCUMENT_RECORD } from "./packed";
import { documentsByIndex, type RankedDocument } from "./queries";
import { rankingChunks } from "./scores";

/**
 * Filters over the whole corpus with true ranks: a text search (the word index
 * `document_words`, lib/domain/search.ts), a source and a document label. The matching
 * documents are found by index, then ranked for a query from its packed by-document
 * record (12 bytes a document, read once per query and kept for the next pages).
 */

/** What the ranked lists can be filtered by; null fields do not filter. */
export interface DocumentFilter {
  search: ParsedSearch | null;
  source: string | null;
  label: LabelFilter | null;
}

export const isFiltering = (filter: DocumentFilter) => filter.search !== null || filter.source !== null || filter.label !== null;

/** Decodes string_agg(int4send(idx)): big-endian int4s. */
function decodeIndices(bytes: Uint8Array | null): Uint32Array {
  if (!bytes) return new Uint32Array(0);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Uint32Array(bytes.byteLength / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getUint32(i * 4, false);
  return out;
}

/**
 * Indices of every document of a dataset passing a filter, in no particular order. The
 * indices come back as one bytea (four bytes each) rather than a row each: a search
 * matching a million documents is one value to transfer.
 */
async function readMatchingDocuments(datasetId: number, filterKey: string): Promise<Uint32Array> {
  const filter = JSON.parse(filterKey) as DocumentFilter;
  const { prisma } = await getDatabase();
  const source = filter.source;
  const labelKey = filter.label?.key ?? null;
  const labelValue = filter.label?.value ?? null;
  if (!filter.search) {
    const [row] = await prisma.$queryRaw<{ ids: Uint8Array | null }[]>`
      SELECT string_agg(int4send(d.idx), ''::bytea) AS ids FROM documents d
      WHERE d.dataset_id = ${datasetId}
        AND (${source}::text IS NULL OR d.source = ${source}::text)
        AND (${labelKey}::text IS NULL OR d.labels @> jsonb_build_object(${labelKey}::text, ${labelValue}::text))`;
    return decodeIndices(row?.ids ?? null);
  }
  const words = searchTermWords(filter.search);
  const phrases = searchPhrases(filter.search);
  // The GIN index finds the documents holding every word; a phrase must also occur in
  // the words joined in order (each flanked by spaces, so only whole words line up).
  const [row] = await prisma.$queryRaw<{ ids: Uint8Array | null }[]>`
    SELECT string_agg(int4send(w.document_idx), ''::bytea) AS ids FROM document_words w
    WHERE w.dataset_id = ${datasetId} AND w.words @> ${words}::text[]
      AND NOT EXISTS (
        SELECT 1 FROM unnest(${phrases}::text[]) AS p(phrase)
        WHERE position(p.phrase IN ' ' || array_to_string(w.words, ' ') || ' ') = 0)
      AND ((${source}::text IS NULL AND ${labelKey}::text IS NULL) OR EXISTS (
        SELECT 1 FROM documents d
        WHERE d.dataset_id = w.dataset_id AND d.idx = w.document_idx
          AND (${source}::text IS NULL OR d.source = ${source}::text)
          AND (${labelKey}::text IS NULL OR d.labels @> jsonb_build_object(${labelKey}::text, ${labelValue}::text))))`;
  return decodeIndices(row?.ids ?? null);
}

const matchingDocumentsMemo = memoByDataset(readMatchingDocuments, 16);

/** Indices of the documents passing a filter (memoised per dataset and filter). */
export function matchingDocuments(datasetId: number, filter: DocumentFilter): Promise<Uint32Array> {
  return matchingDocumentsMemo(datasetId, JSON.stringify(filter));
}

/** A query's whole by-document column (12 bytes a document), kept for a few queries. */
const byDocumentColumn = memoByDataset(async (datasetId: number, queryIndex: number): Promise<Uint8Array | null> => {
  const { prisma } = await getDatabase();
  const row = await prisma.queryScores.findUnique({
    where: { datasetId_queryIdx: { datasetId, queryIdx: queryIndex } },
    select: { byDocument: true },
  });
  return row?.byDocument ?? null;
}, 4);

/** Ranks up to 2^26 (67M documents) fit beside a document index in a float64's 53 bits. */
const KEY_SHIFT = 2 ** 26;

/** Below this many matches, each match's 12-byte record is read on its own (a TOAST slice each) instead of the whole column. */
const RECORD_READS = 20_000;

/**
 * The matching documents in rank order for a query: sorted keys rank * 2^26 + idx (a
 * Float64Array sorts natively), so a page is a slice; and each match's score.
 */
const rankedMatches = memoByDataset(async (datasetId: number, queryIndex: number, order: RankingOrder, filterKey: string) => {
  const matches = await matchingDocumentsMemo(datasetId, filterKey);
  const rankOffset = order === "top" ? 4 : 8;
  const keys = new Float64Array(matches.length);
  const scores = new Map<number, number>();
  const none = { keys: new Float64Array(0), score: (idx: number) => scores.get(idx)! };
  if (matches.length <= RECORD_READS) {
    const { prisma } = await getDatabase();
    const rows = matches.length === 0 ? [] : await prisma.$queryRaw<{ idx: number; rec: Uint8Array }[]>`
      SELECT m.idx, substring(s.by_document FROM m.idx * ${DOCUMENT_RECORD}::int + 1 FOR ${DOCUMENT_RECORD}::int) AS rec
      FROM query_scores s, unnest(${Array.from(matches)}::int[]) AS m(idx)
      WHERE s.dataset_id = ${datasetId} AND s.query_idx = ${queryIndex}`;
    if (rows.length < matches.length) return none;
    rows.forEach((row, i) => {
      const view = new DataView(row.rec.buffer, row.rec.byteOffset, row.rec.byteLength);
      keys[i] = view.getUint32(rankOffset, true) * KEY_SHIFT + row.idx;
      scores.set(row.idx, view.getFloat32(0, true));
    });
    keys.sort();
    return { keys, score: (idx: number) => scores.get(idx)! };
  }
  const column = await byDocumentColumn(datasetId, queryIndex);
  if (!column) return none;
  const view = new DataView(column.buffer, column.byteOffset, column.byteLength);
  for (let i = 0; i < matches.length; i++) {
    const idx = matches[i]!;
    keys[i] = view.getUint32(idx * DOCUMENT_RECORD + rankOffset, true) * KEY_SHIFT + idx;
  }
  keys.sort();
  return { keys, score: (idx: number) => view.getFloat32(idx * DOCUMENT_RECORD, true) };
}, 16);

export interface FilteredPage {
  /** Documents passing the filter (in the whole corpus). */
  total: number;
  /** Index of the first item among the matches (0-based). */
  offset: number;
  /** Matching documents with their true ranks, in rank order. */
  items: RankedDocument[];
}

/**
 * A page of a query's ranking restricted to the documents passing a filter, with their
 * true ranks, at any depth.
 *
 * @param start which page: a 0-based offset among the matches, or `{ rank }` for the page
 *   starting at the first match at or after that rank (jump to rank)
 */
export async function filteredRanking(
  datasetId: number,
  queryIndex: number,
  order: RankingOrder,
  filter: DocumentFilter,
  start: number | { rank: number },
  limit: number,
): Promise<FilteredPage> {
  const { keys, score } = await rankedMatches(datasetId, queryIndex, order, JSON.stringify(filter));
  const offset = typeof start === "number" ? start : lowerBound(keys, start.rank * KEY_SHIFT);
  const page = keys.subarray(offset, offset + limit);
  if (page.length === 0) return { total: keys.length, offset, items: [] };
  const entries = Array.from(page, (key) => {
    const documentIdx = key % KEY_SHIFT;
    return { rank: Math.floor(key / KEY_SHIFT), documentIdx, score: score(documentIdx) };
  });
  return { total: keys.length, offset, items: await documentsByIndex(datasetId, queryIndex, entries) };
}

/** First position in sorted `keys` whose key is at least `value`. */
function lowerBound(keys: Float64Array, value: number): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A query's best-ranked document among a set (rank 1 = its most positive, or most negative for "bottom"). */
export interface BestMatch {
  queryIndex: number;
  rank: number;
  documentIdx: number;
  score: number;
}

/** Reading one 12-byte record per (query, document) pair is cheaper than walking rankings below this many pairs. */
const PAIR_READS = 5_000;
/** The first chunk of a ranking walked, in ranks; each next chunk is 8 times larger. */
const FIRST_WALK = 1_024;

/**
 * For every query of a dataset, the best rank of a document among `matches` (the search
 * from the document side). Few matches: their by-document records are read directly
 * (one 12-byte substring per pair). Many: each query's ranking is walked from rank 1
 * until the first match, which lies about D / matches ranks deep.
 *
 * @param queryCount queries of the dataset (indices 0 .. queryCount - 1)
 * @param documentCount documents of the dataset
 */
export async function bestMatchPerQuery(
  datasetId: number,
  queryCount: number,
  documentCount: number,
  matches: Uint32Array,
  order: RankingOrder,
): Promise<BestMatch[]> {
  if (matches.length === 0) return [];
  const { prisma } = await getDatabase();
  if (matches.length * queryCount <= PAIR_READS) {
    const rankFrom = order === "top" ? 5 : 9;
    const rows = await prisma.$queryRaw<{ query_idx: number; idx: number; rec: Uint8Array }[]>`
      SELECT s.query_idx, m.idx,
             substring(s.by_document FROM m.idx * ${DOCUMENT_RECORD}::int + 1 FOR ${DOCUMENT_RECORD}::int) AS rec
      FROM query_scores s, unnest(${Array.from(matches)}::int[]) AS m(idx)
      WHERE s.dataset_id = ${datasetId}`;
    const best = new Map<number, BestMatch>();
    for (const row of rows) {
      const view = new DataView(row.rec.buffer, row.rec.byteOffset, row.rec.byteLength);
      if (row.rec.byteLength < DOCUMENT_RECORD) continue;
      const rank = view.getUint32(rankFrom - 1, true);
      const current = best.get(row.query_idx);
      if (!current || rank < current.rank) {
        best.set(row.query_idx, { queryIndex: row.query_idx, rank, documentIdx: row.idx, score: view.getFloat32(0, true) });
      }
    }
    return [...best.values()].sort((a, b) => a.queryIndex - b.queryIndex);
  }
  const member = new Uint8Array(documentCount);
  for (const idx of matches) member[idx] = 1;
  const out: BestMatch[] = [];
  // Every query still looking reads its next chunk in one statement per round.
  let pending = Array.from({ length: queryCount }, (_, q) => q);
  let offset = 0;
  let size = Math.max(FIRST_WALK, Math.ceil((2 * documentCount) / matches.length));
  while (pending.length > 0 && offset < documentCount) {
    const chunks = await rankingChunks(datasetId, pending, order, offset, size);
    const next: number[] = [];
    for (const q of pending) {
      const entries = chunks.get(q) ?? [];
      const hit = entries.findIndex((e) => member[e.documentIdx] === 1);
      if (hit >= 0) out.push({ queryIndex: q, rank: offset + hit + 1, documentIdx: entries[hit]!.documentIdx, score: entries[hit]!.score });
      else if (entries.length === size) next.push(q);
    }
    pending = next;
    offset += size;
    size *= 8;
  }
  out.sort((a, b) => a.queryIndex - b.queryIndex);
  return out;
}
