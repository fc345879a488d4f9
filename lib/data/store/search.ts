import "server-only";
import type { LabelFilter } from "@/lib/domain/labels";
import { matchesSearch, POSTING_BLOCK, RANK_BUCKET_BLOCK, rankBucketWidth, searchIndexTerms, type ParsedSearch } from "@/lib/domain/search";
import type { RankingOrder } from "@/lib/domain/vocabulary";
import { getDatabase } from "@/lib/db/server";
import { memoByDataset } from "./memo";
import { DOCUMENT_RECORD, RANKING_RECORD } from "./packed";
import { documentsByIndex, type RankedDocument } from "./queries";
import { datasetDocumentCount } from "./datasets";
import { rankingChunks, rankingChunksAt, rankingRecords } from "./scores";

/**
 * Filters over the whole corpus with true ranks: a text search (the postings of
 * `search_postings`, lib/ingest/search-index.ts; the rule in lib/domain/search.ts), a
 * source and a document label. The matching documents are found by index (the exact
 * total), then a page of them at true ranks by walking the query's ranking from the top
 * or through its by-document record (see RankingPlan).
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
 * Each index term's documents, ascending (lib/ingest/search-index.ts): the blocks of
 * big-endian uint16 offsets, decoded and joined. A term no document holds gets an empty
 * list.
 */
async function readPostings(datasetId: number, terms: readonly string[]): Promise<Uint32Array[]> {
  const { prisma } = await getDatabase();
  const rows = await prisma.$queryRaw<{ term: string; block: number; documents: Uint8Array }[]>`
    SELECT term, block, documents FROM search_postings
    WHERE dataset_id = ${datasetId} AND term = ANY(${[...terms]}::text[]) ORDER BY term, block`;
  return terms.map((term) => {
    const blocks = rows.filter((r) => r.term === term);
    const out = new Uint32Array(blocks.reduce((n, r) => n + r.documents.byteLength / 2, 0));
    let i = 0;
    for (const { block, documents } of blocks) {
      const base = block * POSTING_BLOCK;
      for (let j = 0; j + 1 < documents.byteLength; j += 2) out[i++] = base + ((documents[j]! << 8) | documents[j + 1]!);
    }
    return out;
  });
}

/** The values in every one of some ascending lists, ascending. */
export function intersectSorted(lists: readonly Uint32Array[]): Uint32Array {
  if (lists.length === 0) return new Uint32Array(0);
  const [first, ...rest] = [...lists].sort((a, b) => a.length - b.length);
  let out = first!;
  for (const list of rest) {
    const next = new Uint32Array(out.length);
    let n = 0;
    let j = 0;
    for (let i = 0; i < out.length; i++) {
      const value = out[i]!;
      while (j < list.length && list[j]! < value) j++;
      if (j === list.length) break;
      if (list[j] === value) next[n++] = value;
    }
    out = next.subarray(0, n);
  }
  return out;
}

/** Candidates whose texts are read per statement when a long phrase is checked. */
const VERIFY_BATCH = 10_000;

/**
 * Documents matching a text search, ascending: those holding every index term (words
 * and adjacent pairs), then, for a phrase of three or more words, those whose text has
 * the words consecutively (the rule of lib/domain/search.ts, applied to the candidates
 * only).
 */
async function searchMatches(datasetId: number, search: ParsedSearch): Promise<Uint32Array> {
  const { terms, verify } = searchIndexTerms(search);
  const candidates = intersectSorted(await readPostings(datasetId, terms));
  if (!verify || candidates.length === 0) return candidates;
  const { prisma } = await getDatabase();
  const passing = new Set<number>();
  for (let start = 0; start < candidates.length; start += VERIFY_BATCH) {
    const batch = Array.from(candidates.subarray(start, start + VERIFY_BATCH));
    const rows = await prisma.document.findMany({ where: { datasetId, idx: { in: batch } }, select: { idx: true, text: true } });
    for (const row of rows) if (matchesSearch(row.text, search)) passing.add(row.idx);
  }
  return candidates.filter((idx) => passing.has(idx));
}

/**
 * Indices of every document of a dataset passing a filter, ascending. The source and
 * label filters come back as one bytea (four bytes each) rather than a row each: a
 * filter matching a million documents is one value to transfer.
 */
async function readMatchingDocuments(datasetId: number, filterKey: string): Promise<Uint32Array> {
  const filter = JSON.parse(filterKey) as DocumentFilter;
  const lists: Uint32Array[] = [];
  if (filter.search) lists.push(await searchMatches(datasetId, filter.search));
  if (filter.source !== null || filter.label !== null) {
    const { prisma } = await getDatabase();
    const source = filter.source;
    const labelKey = filter.label?.key ?? null;
    const labelValue = filter.label?.value ?? null;
    const [row] = await prisma.$queryRaw<{ ids: Uint8Array | null }[]>`
      SELECT string_agg(int4send(d.idx), ''::bytea ORDER BY d.idx) AS ids FROM documents d
      WHERE d.dataset_id = ${datasetId}
        AND (${source}::text IS NULL OR d.source = ${source}::text)
        AND (${labelKey}::text IS NULL OR d.labels @> jsonb_build_object(${labelKey}::text, ${labelValue}::text))`;
    lists.push(decodeIndices(row?.ids ?? null));
  }
  return intersectSorted(lists);
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

/**
 * The matching documents in rank order for a query, read through the by-document record
 * (kept for the next pages): sorted keys rank * 2^26 + idx (a Float64Array sorts
 * natively), so a page is a slice; and each match's score. "records" reads each match's
 * 12-byte record on its own (a TOAST slice each), "column" the whole column at once.
 */
const rankedMatches = memoByDataset(async (datasetId: number, queryIndex: number, order: "top" | "bottom", filterKey: string, plan: "records" | "column") => {
  const matches = await matchingDocumentsMemo(datasetId, filterKey);
  const rankOffset = order === "top" ? 4 : 8;
  const keys = new Float64Array(matches.length);
  const scores = new Map<number, number>();
  const none = { keys: new Float64Array(0), score: (idx: number) => scores.get(idx)! };
  if (plan === "records") {
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

/**
 * How a page of matches is found:
 *   - "walk": the query's ranking read from the top in growing chunks, each entry tested
 *     against the matches, until the page is full. Costs the ranks down to the page's
 *     last match: about (offset + limit) * D / matches when the matches spread evenly, so
 *     the commonest words are the cheapest.
 *   - "records": each match's by-document record read on its own (a TOAST slice each).
 *   - "column": the whole by-document column read (12 bytes a document).
 * Walking is chosen when its expected cost is below the others'; it gives up for them
 * once it has read twice their cost (the matches may sit deeper than evenly spread).
 */
export type RankingPlan = "walk" | "records" | "column";

/** Above this many matches, reading each one's record costs more than the whole column. */
const RECORD_READS = 20_000;
/**
 * Cost of reading one match's record, in ranks walked (8 bytes each; a record is one
 * TOAST lookup): at 1M documents on PostgreSQL, 1,000 records took 40–120 ms, 200,000
 * ranks 13 ms, and a whole by-document column 100 ms.
 */
const RECORD_COST = 1_000;
/** Cost of reading the whole by-document column and sorting the matches, in ranks walked per document. */
const COLUMN_COST = 1.5;

function rankingPlan(matches: number, documents: number, start: number | { rank: number }, limit: number) {
  const expected = typeof start === "number" ? ((start + limit) * documents) / matches : start.rank - 1 + (limit * documents) / matches;
  const other = matches <= RECORD_READS ? "records" : "column";
  const cost = other === "records" ? matches * RECORD_COST : documents * COLUMN_COST;
  return { plan: (expected < cost ? "walk" : other) as RankingPlan, budget: 2 * cost, expected };
}

/**
 * A page of matches found by walking the ranking from the top (see RankingPlan), or null
 * when that needs more than `budget` ranks.
 */
async function walkedPage(
  datasetId: number,
  queryIndex: number,
  order: "top" | "bottom",
  matches: Uint32Array,
  start: number | { rank: number },
  limit: number,
  expected: number,
  budget: number,
): Promise<{ offset: number; entries: { rank: number; documentIdx: number; score: number }[] } | null> {
  const member = new Uint8Array(matches[matches.length - 1]! + 1);
  for (const idx of matches) member[idx] = 1;
  const firstRank = typeof start === "number" ? 1 : start.rank;
  const skip = typeof start === "number" ? start : 0;
  const entries: { rank: number; documentIdx: number; score: number }[] = [];
  let seen = 0; // matches passed over before the page
  let position = 0;
  let size = Math.ceil(expected * 1.25) + 256;
  while (entries.length < limit) {
    if (position >= budget) return null;
    // The records are scanned in place: only a match's score is decoded.
    const bytes = await rankingRecords(datasetId, queryIndex, order, position, size);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const ranks = Math.floor(bytes.byteLength / RANKING_RECORD);
    for (let i = 0; i < ranks && entries.length < limit; i++) {
      const documentIdx = view.getUint32(i * RANKING_RECORD, true);
      if (member[documentIdx] !== 1) continue;
      const rank = position + i + 1;
      if (rank < firstRank || seen < skip) seen++;
      else entries.push({ rank, documentIdx, score: view.getFloat32(i * RANKING_RECORD + 4, true) });
    }
    if (ranks < size) break; // the end of the ranking
    position += size;
    size *= 2;
  }
  return { offset: typeof start === "number" ? start : seen, entries };
}

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
  order: "top" | "bottom",
  filter: DocumentFilter,
  start: number | { rank: number },
  limit: number,
  /** Forces a plan (the tests compare them); by default the cheapest. */
  force?: RankingPlan,
): Promise<FilteredPage> {
  const filterKey = JSON.stringify(filter);
  const matches = await matchingDocumentsMemo(datasetId, filterKey);
  const total = matches.length;
  if (total === 0) return { total, offset: typeof start === "number" ? start : 0, items: [] };
  const documents = (await datasetDocumentCount(datasetId)) ?? 0;
  const planned = rankingPlan(total, documents, start, limit);
  let plan = force ?? planned.plan;
  if (plan === "walk") {
    const { expected, budget } = planned;
    const walked = await walkedPage(datasetId, queryIndex, order, matches, start, limit, expected, force ? Infinity : budget);
    if (walked) return { total, offset: walked.offset, items: await documentsByIndex(datasetId, queryIndex, walked.entries) };
    plan = total <= RECORD_READS ? "records" : "column";
  }
  const { keys, score } = await rankedMatches(datasetId, queryIndex, order, filterKey, plan);
  const offset = typeof start === "number" ? start : lowerBound(keys, start.rank * KEY_SHIFT);
  const page = keys.subarray(offset, offset + limit);
  if (page.length === 0) return { total, offset, items: [] };
  const entries = Array.from(page, (key) => {
    const documentIdx = key % KEY_SHIFT;
    return { rank: Math.floor(key / KEY_SHIFT), documentIdx, score: score(documentIdx) };
  });
  return { total, offset, items: await documentsByIndex(datasetId, queryIndex, entries) };
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
 * With more matches than a D / WALK_SHARE, a query's best match lies about WALK_SHARE
 * ranks deep when they spread evenly, so walking the rankings from the top is cheaper
 * than reading every match's rank buckets.
 */
const WALK_SHARE = 64;

/** How the search from the document side is computed (see bestMatchPerQuery); the tests compare them. */
export type BestMatchPlan = "pairs" | "buckets" | "walk";

/**
 * For every query of a dataset, the best rank of a document among `matches` (the search
 * from the document side), three ways by the number of matches:
 *   - "pairs" (few): each (query, match) by-document record is read (one 12-byte slice each);
 *   - "buckets" (up to D / WALK_SHARE): each match's rank buckets in every query are read
 *     at once (2Q bytes a match, lib/ingest/search-index.ts); a query's smallest bucket
 *     among the matches is the short run of its ranking holding the best match, and that
 *     run alone is read (one statement for all queries);
 *   - "walk" (many, or a dataset ingested without rank buckets): each query's ranking is
 *     walked from rank 1 until the first match, which lies about D / matches ranks deep.
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
  force?: BestMatchPlan,
): Promise<BestMatch[]> {
  if (matches.length === 0) return [];
  const plan = force ?? (matches.length * queryCount <= PAIR_READS ? "pairs" : matches.length * WALK_SHARE <= documentCount ? "buckets" : "walk");
  if (plan === "pairs") return bestByPairs(datasetId, matches, order);
  const member = new Uint8Array(documentCount);
  for (const idx of matches) member[idx] = 1;
  if (plan === "buckets" && (order === "top" || order === "bottom")) {
    const best = await bestByBuckets(datasetId, queryCount, documentCount, matches, member, order);
    if (best) return best;
  }
  return bestByWalking(datasetId, queryCount, documentCount, matches.length, member, order);
}

async function bestByPairs(datasetId: number, matches: Uint32Array, order: RankingOrder): Promise<BestMatch[]> {
  const { prisma } = await getDatabase();
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

/** See bestMatchPerQuery; null when the dataset has no rank buckets (ingested before them). */
async function bestByBuckets(
  datasetId: number,
  queryCount: number,
  documentCount: number,
  matches: Uint32Array,
  member: Uint8Array,
  order: "top" | "bottom",
): Promise<BestMatch[] | null> {
  const { prisma } = await getDatabase();
  const stride = 2 * queryCount;
  const from = order === "top" ? 1 : queryCount + 1;
  const rows = await prisma.$queryRaw<{ buckets: Uint8Array }[]>`
    SELECT substring(b.buckets FROM (m.idx % ${RANK_BUCKET_BLOCK}::int) * ${stride}::int + ${from}::int FOR ${queryCount}::int) AS buckets
    FROM unnest(${Array.from(matches)}::int[]) AS m(idx)
    JOIN document_rank_buckets b ON b.dataset_id = ${datasetId} AND b.block = m.idx / ${RANK_BUCKET_BLOCK}::int`;
  if (rows.length < matches.length) return null;
  const smallest = new Uint8Array(queryCount).fill(255);
  for (const { buckets } of rows) {
    for (let q = 0; q < queryCount; q++) if (buckets[q]! < smallest[q]!) smallest[q] = buckets[q]!;
  }
  const width = rankBucketWidth(documentCount);
  const offsets = new Map(Array.from(smallest, (bucket, q) => [q, bucket * width] as const));
  const chunks = await rankingChunksAt(datasetId, order, offsets, width);
  const out: BestMatch[] = [];
  for (let q = 0; q < queryCount; q++) {
    const entries = chunks.get(q) ?? [];
    const hit = entries.findIndex((e) => member[e.documentIdx] === 1);
    if (hit >= 0) out.push({ queryIndex: q, rank: offsets.get(q)! + hit + 1, documentIdx: entries[hit]!.documentIdx, score: entries[hit]!.score });
  }
  return out;
}

async function bestByWalking(
  datasetId: number,
  queryCount: number,
  documentCount: number,
  matchCount: number,
  member: Uint8Array,
  order: RankingOrder,
): Promise<BestMatch[]> {
  const out: BestMatch[] = [];
  // Every query still looking reads its next chunk in one statement per round.
  let pending = Array.from({ length: queryCount }, (_, q) => q);
  let offset = 0;
  let size = Math.max(FIRST_WALK, Math.ceil((2 * documentCount) / matchCount));
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
