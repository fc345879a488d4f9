import "server-only";
import { findAgreement, insertAgreement, sharedQueryIndices, type StoredAgreement, type StoredAgreementRow } from "@/lib/data/store/agreement";
import { findDataset, type Dataset } from "@/lib/data/store/datasets";
import { documentAlignment, type DocumentAlignment } from "@/lib/data/store/documents";
import { decodeScores, RANKING_RECORD } from "@/lib/data/store/packed";
import { byDocumentColumns, topRankings } from "@/lib/data/store/scores";
import { agreementKs } from "@/lib/domain/ks";
import { alignedPositions, gather, rankingAgreement, sharedRanking } from "@/lib/stats/agreement";

/**
 * Agreement between two datasets (two methods, models or settings) over the queries and
 * documents they share, by id: per shared query, Pearson and Spearman between the two
 * score vectors and the Jaccard overlap of their top-k sets (lib/stats/agreement).
 * Computed on the first request for a pair and stored (lib/data/store/agreement); every
 * later request, in either order, reads the stored row. Serves GET /api/agreement and
 * the agreement view.
 */

/** One shared query's agreement; `jaccard[i]` is at `ks[i]` of its PairAgreement. */
export interface AgreementRow {
  queryId: string;
  pearson: number | null;
  spearman: number | null;
  jaccard: (number | null)[];
}

export interface PairAgreement {
  queriesShared: number;
  documentsShared: number;
  /** Top-k sizes of the Jaccard overlaps: AGREEMENT_KS up to a tenth of the shared documents. */
  ks: number[];
  /** One per shared query, in dataset a's query order. */
  rows: AgreementRow[];
}

/** Why two datasets cannot be compared, or which of them is not there. */
export type AgreementFailure =
  | { status: 404; error: string; parameter: "a" | "b" }
  | { status: 400; error: string; parameter?: "a" | "b" };

export type AgreementResult = { ok: true; a: Dataset; b: Dataset; agreement: PairAgreement } | ({ ok: false } & AgreementFailure);

/**
 * Bytes held for the queries read at once: each query's two top rankings (8 bytes a
 * document) arrive as bytes and are decoded into typed arrays of the same size, and the
 * next batch is read while this one is computed (so twice that): two queries at a time
 * at a million documents.
 */
const READ_BUDGET = 128 * 1024 * 1024;
/** Queries per read, at most (keeps each statement short under the web role's timeout). */
const MAX_BATCH = 25;

/**
 * Two queries' scores over the shared documents, aligned (element i is one document in
 * both), read from their packed by-document columns; null when either has no scores.
 */
export async function alignedScores(
  a: Dataset,
  b: Dataset,
  alignment: DocumentAlignment,
  pairs: readonly { ia: number; ib: number }[],
): Promise<{ x: Float32Array; y: Float32Array }[] | null> {
  const columns = await byDocumentColumns([
    ...pairs.map((p) => ({ datasetId: a.id, queryIndex: p.ia })),
    ...pairs.map((p) => ({ datasetId: b.id, queryIndex: p.ib })),
  ]);
  const column = (datasetId: number, queryIndex: number) =>
    columns.find((c) => c.datasetId === datasetId && c.queryIndex === queryIndex)?.byDocument;
  const out: { x: Float32Array; y: Float32Array }[] = [];
  for (const p of pairs) {
    const ca = column(a.id, p.ia);
    const cb = column(b.id, p.ib);
    if (!ca || !cb) return null;
    const x = decodeScores(ca);
    const y = decodeScores(cb);
    out.push(alignment.pairs ? { x: gather(x, alignment.pairs.ia), y: gather(y, alignment.pairs.ib) } : { x, y });
  }
  return out;
}

/** Lets the server's other requests run between two queries' computations. */
const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Computes the agreement of `first` (lower id) and `second`, or says why they are not
 * comparable. Each query's statistics come from both datasets' top rankings as stored at
 * ingest (lib/stats/agreement sharedRanking: ranks without sorting), over the documents
 * matched by the stored alignment (lib/data/store/documents: no join when both list the
 * same documents in the same order).
 */
async function computeAgreement(first: Dataset, second: Dataset): Promise<StoredAgreement | { error: string }> {
  const queries = await sharedQueryIndices(first.id, second.id);
  if (queries.length === 0) return { error: `${first.slug} and ${second.slug} share no queries (by query id)` };
  const alignment = await documentAlignment(first.id, second.id);
  if (alignment.shared === 0) return { error: `${first.slug} and ${second.slug} share no documents (by document id)` };
  const ks = agreementKs(alignment.shared);
  const depth = Math.max(0, ...ks);
  const positionA = alignment.pairs ? alignedPositions(alignment.pairs.ia, first.documentCount) : null;
  const positionB = alignment.pairs ? alignedPositions(alignment.pairs.ib, second.documentCount) : null;
  const bytesPerQuery = 2 * 2 * RANKING_RECORD * (first.documentCount + second.documentCount);
  const batch = Math.max(1, Math.min(MAX_BATCH, Math.floor(READ_BUDGET / bytesPerQuery)));
  const slices: (typeof queries)[] = [];
  for (let start = 0; start < queries.length; start += batch) slices.push(queries.slice(start, start + batch));
  const read = (slice: typeof queries) => {
    const reading = topRankings([
      ...slice.map((q) => ({ datasetId: first.id, queryIndex: q.ia })),
      ...slice.map((q) => ({ datasetId: second.id, queryIndex: q.ib })),
    ]);
    reading.catch(() => undefined); // awaited below; a failure must not go unhandled meanwhile
    return reading;
  };
  const rows: StoredAgreementRow[] = [];
  let next = read(slices[0]!);
  for (let s = 0; s < slices.length; s++) {
    const rankings = await next;
    if (s + 1 < slices.length) next = read(slices[s + 1]!); // read while this batch is computed
    const ranking = (datasetId: number, queryIndex: number) => {
      const found = rankings.find((r) => r.datasetId === datasetId && r.queryIndex === queryIndex);
      if (!found) throw new Error(`scores missing for a query shared by ${first.slug} and ${second.slug}`);
      return found;
    };
    for (const q of slices[s]!) {
      const ra = ranking(first.id, q.ia);
      const rb = ranking(second.id, q.ib);
      const stats = rankingAgreement(
        sharedRanking(ra.documents, ra.scores, positionA, alignment.shared, depth),
        sharedRanking(rb.documents, rb.scores, positionB, alignment.shared, depth),
        ks,
      );
      const finite = (v: number | null) => (v === null || Number.isNaN(v) ? null : v);
      rows.push({
        queryId: q.queryId, indexA: q.ia, indexB: q.ib,
        pearson: stats.pearson, spearman: stats.spearman, jaccard: stats.jaccard.map(finite),
      });
      await yieldToOthers();
    }
  }
  return { datasetA: first.id, datasetB: second.id, queriesShared: rows.length, documentsShared: alignment.shared, ks, rows };
}

// A pair being computed: a second request for it waits for the first (per server process;
// two processes may both compute a pair, and the second insert is then skipped). The work
// is not tied to the request that started it: a client that leaves does not stop it, the
// result is stored, and the next request reads it.
const pending = new Map<string, Promise<StoredAgreement | { error: string }>>();

/**
 * The stored agreement of `first` (lower id) and `second`, computing and storing it when
 * missing (the first request for the pair, or the ingest's precomputation:
 * lib/ingest/precompute-comparisons); or why they are not comparable.
 */
export async function storedOrComputed(first: Dataset, second: Dataset): Promise<StoredAgreement | { error: string }> {
  const stored = await findAgreement(first.id, second.id);
  if (stored) return stored;
  const key = `${first.id}:${second.id}`;
  let work = pending.get(key);
  if (!work) {
    work = (async () => {
      const computed = await computeAgreement(first, second);
      if (!("error" in computed)) await insertAgreement(computed);
      return computed;
    })().finally(() => pending.delete(key));
    pending.set(key, work);
  }
  return work;
}

/**
 * The agreement of datasets `a` and `b` (slugs) over their shared queries and documents,
 * rows in a's query order; or a 404 naming the unknown slug's parameter, or a 400 saying
 * why the pair cannot be compared (the same dataset twice, no shared queries, no shared
 * documents).
 */
export async function datasetAgreement(slugA: string, slugB: string): Promise<AgreementResult> {
  const [a, b] = await Promise.all([findDataset(slugA), findDataset(slugB)]);
  if (!a) return { ok: false, status: 404, error: `No dataset "${slugA}"`, parameter: "a" };
  if (!b) return { ok: false, status: 404, error: `No dataset "${slugB}"`, parameter: "b" };
  if (a.id === b.id) return { ok: false, status: 400, error: `a and b are the same dataset (${a.slug}): choose two datasets`, parameter: "b" };
  const swapped = a.id > b.id;
  const result = swapped ? await storedOrComputed(b, a) : await storedOrComputed(a, b);
  if ("error" in result) return { ok: false, status: 400, error: `Not comparable: ${result.error}` };
  // Stored in the lower id's query order; reorder for the other.
  const rows = swapped ? [...result.rows].sort((p, q) => p.indexB - q.indexB) : result.rows;
  return {
    ok: true,
    a,
    b,
    agreement: {
      queriesShared: result.queriesShared,
      documentsShared: result.documentsShared,
      ks: result.ks,
      rows: rows.map((r) => ({ queryId: r.queryId, pearson: r.pearson, spearman: r.spearman, jaccard: r.jaccard })),
    },
  };
}

/** The API's shape of an agreement (README, HTTP API): Jaccard keyed by k. */
export function agreementJson(agreement: PairAgreement) {
  return {
    queriesShared: agreement.queriesShared,
    documentsShared: agreement.documentsShared,
    ks: agreement.ks,
    rows: agreement.rows.map((r) => ({
      queryId: r.queryId,
      pearson: r.pearson,
      spearman: r.spearman,
      jaccard: Object.fromEntries(agreement.ks.map((k, i) => [String(k), r.jaccard[i] ?? null])),
    })),
  };
}
