import { createHash } from "node:crypto";
import { performance } from "node:perf_hooks";
import type { SqlClient } from "@/lib/db/sql";
import { blockSummary, CHUNK, CrossProducts, jaccardMatrix } from "@/lib/stats/correlation";
import { answerHits } from "@/lib/domain/answers";
import { queryGroups, type QueryGroup } from "@/lib/domain/groups";
import { enrichmentKs, jaccardKs as fittingJaccardKs } from "@/lib/domain/ks";
import type { DatasetInput, IngestInput, Labels, ScoreSource } from "@/lib/domain/records";
import { headCounts, pooledEnrichment } from "@/lib/stats/enrichment";
import { logBins, logMagnitudeHistogram, magnitudeRange } from "@/lib/stats/histogram";
import { relevantRanks } from "@/lib/stats/retrieval";
import { firstInvalidSelfInfluence } from "@/lib/stats/self-normalised";
import { TaskDocuments } from "@/lib/stats/task-documents";
import { doubledAverageRanks } from "@/lib/stats/ranking";
import { meanStd, welchTTest } from "@/lib/stats/summary";
import { SLUG_PATTERN } from "@/lib/identifiers";
import { labelValue } from "@/lib/domain/labels";
import { analyseQuery, QueryBuffers, type QueryStats, type TailCoverage } from "./analyse-query";
import { answerDocumentIndices } from "./answer-documents";
import { insertGroundTruth } from "./ground-truth";
import { BATCH_ROWS, insertRows } from "./insert-rows";
import { backgroundCopier } from "./copy-rows";
import { distinctIdsChecked } from "./readers/documents";
import { scoreSource, SpillFile } from "./score-source";
import { IngestError } from "./ingest-error";
import { postingWriter, rankBuckets } from "./search-index";
import { stagedLoad } from "./staged-load";

/** Documents kept per group and tail in the "influential across the whole task" list. */
export const TASK_DOCUMENTS = 100;

export interface IngestProgress {
  phase: string;
  done: number;
  total: number;
}

export interface IngestOptions {
  /** Replace a dataset of the same slug (atomically); otherwise its existence is an error. */
  replace?: boolean;
  onProgress?: (progress: IngestProgress) => void;
}

export interface IngestSummary {
  slug: string;
  queries: number;
  documents: number;
  scores: number;
  seconds: number;
  replaced: boolean;
  /** The final transaction's time, which makes the dataset visible (lib/ingest/staged-load.ts). */
  finalSeconds: number;
}

/** Documents a dataset may hold: a query's by_document column (12 bytes each) within PostgreSQL's 1 GB per bytea value. */
export const MAX_DOCUMENTS = Math.floor((2 ** 30 - 1) / 12);
/** Sources, and values of one label key: each document's category is a 16-bit index. */
export const MAX_CATEGORIES = 65_536;

/** Documents read across every query at a time after the per-query pass (a multiple of CHUNK: see CrossProducts). */
const DOCUMENT_BLOCK = 64 * CHUNK;
/** Documents indexed between two turns of the event loop while their rows are being sent. */
const YIELD_EVERY = 250;

/** Refuses input that would store wrong numbers; readers check earlier with file context. */
function validate(input: IngestInput, source: ScoreSource): void {
  const { meta, queries, documents, scores } = input;
  const where = meta.origin ?? meta.slug;
  if (!SLUG_PATTERN.test(meta.slug)) {
    throw new IngestError(where, `dataset name "${meta.slug}" must be lower-case letters, digits and single dashes`);
  }
  if (queries.length === 0) throw new IngestError(where, "no queries");
  if (documents.length === 0) throw new IngestError(where, "no documents");
  if (documents.length > MAX_DOCUMENTS) {
    throw new IngestError(where, `${documents.length.toLocaleString("en-US")} documents: at most ${MAX_DOCUMENTS.toLocaleString("en-US")} fit ` +
      "(a query's by_document column, 12 bytes a document, must stay under PostgreSQL's 1 GB per value)");
  }
  if (source.queryCount !== queries.length) {
    throw new IngestError(where, `${source.queryCount} score rows for ${queries.length} queries`);
  }
  if (!Array.isArray(scores) && source.documentCount !== documents.length) {
    throw new IngestError(where, `${source.documentCount} scores a query for ${documents.length} documents`);
  }
  // A documents file's reader has checked its ids already (no second set of 5M ids).
  const idLists = [["query", queries]] as [string, readonly { id: string }[]][];
  if (!distinctIdsChecked.has(documents)) idLists.push(["document", documents]);
  for (const [label, records] of idLists) {
    const seen = new Set<string>();
    for (const { id } of records) {
      if (seen.has(id)) throw new IngestError(where, `duplicate ${label} id`, `${label} ${id}`);
      seen.add(id);
    }
  }
  if (input.relevant) {
    if (input.relevant.length !== queries.length) {
      throw new IngestError(where, `${input.relevant.length} ground-truth lists for ${queries.length} queries`);
    }
    input.relevant.forEach((list, q) => {
      for (const d of list) {
        if (d >= documents.length) throw new IngestError(where, `relevant document index ${d} outside the corpus`, `query ${queries[q]!.id}`);
      }
    });
  }
  const self = input.selfInfluence;
  if (self) {
    if (self.length !== documents.length) throw new IngestError(where, `${self.length} self-influence values for ${documents.length} documents`);
    const bad = firstInvalidSelfInfluence(self);
    if (bad >= 0) {
      throw new IngestError(where, `self-influence ${self[bad]} is not finite and positive`, `document ${documents[bad]!.id}`);
    }
  }
  const pairs = new Set<string>();
  for (const t of input.tokenScores ?? []) {
    const doc = documents[t.documentIndex];
    const query = queries[t.queryIndex];
    if (!doc || !query) throw new IngestError(where, "per-token scores name a query or document outside the dataset");
    const record = `query ${query.id} / document ${doc.id}`;
    if (t.scores.length !== (doc.tokenStrings?.length ?? -1)) {
      throw new IngestError(where, `${t.scores.length} per-token scores for ${doc.tokenStrings?.length ?? 0} tokens`, record);
    }
    if (pairs.has(record)) throw new IngestError(where, "per-token scores given twice", record);
    pairs.add(record);
  }
  // A source's values were checked as its file was read; rows given in memory are checked here.
  if (Array.isArray(scores)) scores.forEach((row, q) => {
    if (row.length !== documents.length) {
      throw new IngestError(where, `${row.length} scores for ${documents.length} documents`, `query ${queries[q]!.id}`);
    }
    for (let d = 0; d < row.length; d++) {
      if (!Number.isFinite(row[d]!)) {
        throw new IngestError(where, `score ${row[d]} is not finite`, `query ${queries[q]!.id} / document ${documents[d]!.id}`);
      }
    }
  });
}

const nullIfNaN = (value: number): number | null => (Number.isNaN(value) ? null : value);

/**
 * Loads one dataset and every statistic of DESIGN.md: the large tables through staging
 * tables in many short transactions, made visible with the rest in one short final
 * transaction (lib/ingest/staged-load.ts). Readers see the dataset completely or not at
 * all, and a failure (kill -9 included) leaves no dataset.
 */
export async function ingestDataset(sql: SqlClient, input: IngestInput, options: IngestOptions = {}): Promise<IngestSummary> {
  const started = performance.now();
  const scores = scoreSource(input.scores);
  validate(input, scores);
  const { meta, queries, documents, globalRanks } = input;
  const progress = options.onProgress ?? (() => undefined);
  const Q = queries.length;
  const D = documents.length;
  const groups = queryGroups(queries);

  const sourceNames = [...new Set(documents.map((d) => d.source))].sort();
  if (sourceNames.length > MAX_CATEGORIES) {
    throw new IngestError(meta.origin ?? meta.slug, `${sourceNames.length.toLocaleString("en-US")} distinct sources: at most ` +
      `${MAX_CATEGORIES.toLocaleString("en-US")} are supported (sources are categories for the enrichment; put finer detail in a label or the id)`);
  }
  const sourceIndex = new Map(sourceNames.map((s, i) => [s, i]));
  const documentSource = new Uint16Array(D);
  const sourceCounts = new Array<number>(sourceNames.length).fill(0);
  documents.forEach((doc, d) => {
    const s = sourceIndex.get(doc.source)!;
    documentSource[d] = s;
    sourceCounts[s]! += 1;
  });
  const enrichKs = enrichmentKs(D);
  const jaccardKs = fittingJaccardKs(D);
  // Only the head of each top ranking is needed after the per-query pass (Jaccard).
  const prefixLength = Math.max(0, ...jaccardKs);
  const labels = documentLabelCategories(documents, meta.origin ?? meta.slug);

  // Each query's doubled average ranks (Spearman), spilled query by query and read back a
  // block of documents at a time.
  const rankSpill = await SpillFile.create("ranks", D);
  // Each query's rank buckets (the search's per-query table), spilled the same way.
  const buckets = await rankBuckets(D, Q);
  const target = { slug: meta.slug, replace: Boolean(options.replace), where: meta.origin ?? meta.slug };
  // The documents, scores and search index go to staging tables as they are computed; `tx`
  // records the datasets row and the small tables' rows for the final transaction.
  const loaded = await stagedLoad(sql, target, async ({ datasetId: id, sql: staging, table, final: tx }) => {
    await tx.query(
      `INSERT INTO datasets (id, slug, name, model, method, description, synthetic, origin, query_count, document_count, has_global_ranks, provenance, has_self_influence)
       VALUES ($13, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12)`,
      [
        meta.slug, meta.name || meta.slug, meta.model, meta.method, meta.description, meta.synthetic, meta.origin, Q, D, globalRanks !== null,
        // Sent as text: pg and PGlite serialise objects differently; SQL NULL when absent.
        meta.provenance ? JSON.stringify(meta.provenance) : null,
        Boolean(input.selfInfluence),
        id,
      ],
    );
    await tx.query("UPDATE datasets SET documents_digest = $2 WHERE id = $1", [id, documentsDigest(documents)]);

    const postings = postingWriter(staging, id, table("search_postings"));
    let previousBatch: Promise<unknown> = Promise.resolve();
    for (let start = 0; start < D; start += BATCH_ROWS) {
      const batch = documents.slice(start, start + BATCH_ROWS);
      const indices = batch.map((_, i) => start + i);
      const texts = batch.map((d) => d.text);
      // Sent, then awaited after the next batch is indexed: PostgreSQL always has a batch to
      // insert while this process tokenises (the two cores each busy, not one waiting on the
      // other).
      const inserted = staging.query(
        `INSERT INTO ${table("documents")} (dataset_id, idx, external_id, source, text, tokens, labels, self_influence)
         SELECT $1, i, e, s, t, n, l::jsonb, f
         FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::float8[]) AS u(i, e, s, t, n, l, f)`,
        [id, indices, batch.map((d) => d.id), batch.map((d) => d.source), texts, batch.map((d) => d.tokens),
          // Sent as text: pg and PGlite serialise objects differently; SQL NULL when absent.
          batch.map((d) => storedLabels(d.labels)),
          batch.map((_, i) => input.selfInfluence?.[start + i] ?? null)],
      );
      inserted.catch(() => undefined); // awaited after the next batch; a failure is thrown there
      for (let i = 0; i < batch.length; i++) {
        await postings.add(start + i, texts[i]!);
        // Lets the socket take more of the INSERT than its buffer holds at once.
        if (i % YIELD_EVERY === YIELD_EVERY - 1) await new Promise(setImmediate);
      }
      await previousBatch;
      previousBatch = inserted;
      progress({ phase: "documents", done: Math.min(start, D), total: D });
    }
    await previousBatch;
    progress({ phase: "documents", done: D, total: D });
    await postings.flush();
    // Token strings are kept for the documents with per-token scores only (a documents file may
    // list tokens for all); text[] values do not unnest row-wise, so one small update each.
    for (const d of new Set((input.tokenScores ?? []).map((t) => t.documentIndex))) {
      await staging.query(`UPDATE ${table("documents")} SET token_strings = $3 WHERE dataset_id = $1 AND idx = $2`, [id, d, documents[d]!.tokenStrings]);
    }
    for (const t of input.tokenScores ?? []) {
      await tx.query("INSERT INTO token_scores (dataset_id, query_idx, document_idx, scores) VALUES ($1, $2, $3, $4)",
        [id, t.queryIndex, t.documentIndex, Buffer.from(t.scores.buffer, t.scores.byteOffset, t.scores.byteLength)]);
    }
    await insertRows(tx, "source_counts", [["dataset_id", "int"], ["source", "text"], ["count", "int"]],
      sourceNames.map((s, i) => [id, s, sourceCounts[i]]));

    progress({ phase: "answers", done: 0, total: 1 });
    const answerDocuments = answerDocumentIndices(queries.flatMap((q) => (q.answer === null ? [] : [q.answer])), documents);
    progress({ phase: "answers", done: 1, total: 1 });

    const analyses: QueryStats[] = [];
    const relevantRanksOf: (number[] | null)[] = [];
    const topPrefixes: Uint32Array[] = [];
    // Per query and tail, per k of enrichKs: documents per source, and per label value.
    const tails = [["top", "topOrder"], ["bottom", "bottomOrder"]] as const;
    const sourceHeads: Record<"top" | "bottom", Float64Array[][]> = { top: [], bottom: [] };
    const labelHeads: Record<"top" | "bottom", Float64Array[][][]> = { top: [], bottom: [] };
    // What the pass over blocks of documents needs of each query.
    const pearson = new CrossProducts(Q);
    const spearman = new CrossProducts(Q);
    let magnitudeMin = Infinity;
    let magnitudeMax = 0;
    // Each query's packed columns are copied out (and stored while the next query is
    // analysed) before the next query is analysed into the same buffers.
    const queryBuffers = new QueryBuffers(D);
    const copier = backgroundCopier(staging);
    try {
      for (let q = 0; q < Q; q++) {
        const answer = queries[q]!.answer;
        const row = await scores.row(q);
        const analysis = analyseQuery(
          queries[q]!, row, answer === null ? null : answerDocuments.get(answer) ?? null, globalRanks?.[q] ?? null,
          input.selfInfluence ?? null, queryBuffers);
        const { packed, topOrder, stats, answerDocumentRanks } = analysis;
        await copier.copy(table("query_scores"),
          ["dataset_id", "query_idx", "by_document", "top", "bottom", "global_ranks", "density_bins", "density_bins_robust", "top_normalised", "bottom_normalised"],
          [[id, q, packed.byDocument, packed.top, packed.bottom, packed.globalRanks, packed.densityBins, packed.densityBinsRobust, packed.topNormalised, packed.bottomNormalised]]);
        if (answerDocumentRanks) {
          await tx.query(
            "INSERT INTO answer_documents (dataset_id, query_idx, count, best_rank, ranks) VALUES ($1, $2, $3, $4, $5::int[])",
            [id, q, answerDocumentRanks.length, answerDocumentRanks[0] ?? null, Array.from(answerDocumentRanks)],
          );
        }
        const relevant = input.relevant?.[q];
        // Evaluated against the whole ranking here, while it is in memory.
        relevantRanksOf.push(relevant && relevant.length > 0 ? relevantRanks(topOrder, relevant) : null);
        await buckets.add(q, topOrder, analysis.bottomOrder);
        topPrefixes.push(topOrder.slice(0, prefixLength));
        for (const [tail, order] of tails) {
          sourceHeads[tail].push(headCounts(analysis[order], enrichKs, documentSource, sourceNames.length));
          labelHeads[tail].push(labels.map((l) => headCounts(analysis[order], enrichKs, l.category, l.counts.length)));
        }
        pearson.setRow(q, row);
        const ranks = doubledAverageRanks(row, analysis.bottomOrder);
        spearman.setRow(q, ranks);
        await rankSpill.writeRow(q, ranks);
        const rowRange = magnitudeRange([row]);
        if (rowRange) {
          magnitudeMin = Math.min(magnitudeMin, rowRange.min);
          magnitudeMax = Math.max(magnitudeMax, rowRange.max);
        }
        analyses.push(stats);
        progress({ phase: "rankings", done: q + 1, total: Q });
      }
      await copier.close();
    } catch (error) {
      await copier.stop();
      throw error;
    }

    await buckets.write(staging, id, table("document_rank_buckets"));

    // One pass over blocks of documents across every query: the correlations' cross-products,
    // the magnitude histograms (over the bins of all queries' range) and the task documents.
    const bins = magnitudeMax > 0 ? logBins({ min: magnitudeMin, max: magnitudeMax }) : null;
    const signs = ["positive", "negative"] as const;
    const histograms = queries.map(() => signs.map(() => [] as number[]));
    const tasks = groups.map((g) => ({ top: new TaskDocuments(g.members, "top", TASK_DOCUMENTS), bottom: new TaskDocuments(g.members, "bottom", TASK_DOCUMENTS) }));
    for (let start = 0; start < D; start += DOCUMENT_BLOCK) {
      const length = Math.min(DOCUMENT_BLOCK, D - start);
      const block = await scores.block(start, length);
      pearson.addBlock(block);
      spearman.addBlock(await rankSpill.readBlock(Q, start, length));
      if (bins) {
        for (let q = 0; q < Q; q++) {
          signs.forEach((sign, i) => {
            const counts = logMagnitudeHistogram(block, [q], sign, bins);
            const total = histograms[q]![i]!;
            counts.forEach((c, bin) => (total[bin] = (total[bin] ?? 0) + c));
          });
        }
      }
      for (const t of tasks) {
        t.top.add(block, start);
        t.bottom.add(block, start);
      }
      progress({ phase: "correlations", done: start + length, total: D });
    }

    for (let q = 0; q < Q; q++) {
      const query = queries[q]!;
      const a = analyses[q]!;
      await tx.query(
        `INSERT INTO queries (dataset_id, idx, external_id, prompt, completion, set, type, control, answer, correct, nats,
           positive_count, positive_total, negative_count, negative_total, gini, top1_share, alpha, alpha_stderr, alpha_points,
           answer_ranks, answer_k, alpha_global, alpha_global_stderr, alpha_global_points, labels)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26::jsonb)`,
        [id, q, query.id, query.prompt, query.completion, query.set, query.type, query.control, query.answer, query.correct,
          query.nats, a.positiveCount, a.positiveTotal, a.negativeCount, a.negativeTotal, a.gini, a.top1Share, a.alpha,
          a.alphaStderr, a.alphaPoints, a.answerRanks, a.answerK, a.alphaGlobal, a.alphaGlobalStderr, a.alphaGlobalPoints,
          storedLabels(query.labels)],
      );
    }
    await insertRows(tx, "coverage",
      [["dataset_id", "int"], ["query_idx", "int"], ["tail", "text"], ["percentile", "float8"], ["count", "int"], ["sum", "float8"], ["share", "float8"]],
      analyses.flatMap((a, q) => a.coverage.map((c) => [id, q, c.tail, c.percentile, c.count, c.sum, c.share])));

    if (input.relevant) await insertGroundTruth(tx, id, D, input.relevant, relevantRanksOf);

    const matrices: { method: string; k: number; matrix: Float64Array }[] = [];
    matrices.push({ method: "pearson", k: 0, matrix: pearson.matrix() });
    matrices.push({ method: "spearman", k: 0, matrix: spearman.matrix() });
    for (const k of jaccardKs) matrices.push({ method: "jaccard", k, matrix: jaccardMatrix(topPrefixes, k, D) });
    for (const { method, k, matrix } of matrices) {
      await tx.query("INSERT INTO correlations (dataset_id, method, k, matrix) VALUES ($1, $2, $3, $4)",
        [id, method, k, Buffer.from(matrix.buffer, matrix.byteOffset, matrix.byteLength)]);
    }
    await insertRows(tx, "block_summaries",
      [["dataset_id", "int"], ["method", "text"], ["k", "int"], ["group_a", "text"], ["group_b", "text"], ["mean", "float8"], ["pairs", "int"]],
      matrices.flatMap(({ method, k, matrix }) =>
        blockSummary(matrix, Q, groups).map((b) => [id, method, k, b.a, b.b, nullIfNaN(b.mean), b.pairs])));

    await insertRows(tx, "query_groups",
      [["dataset_id", "int"], ["key", "text"], ["kind", "text"], ["name", "text"], ["position", "int"], ["alpha_mean", "float8"], ["alpha_std", "float8"], ["answer_queries", "int"], ["answer_hits", "int"]],
      groups.map((g, position) => {
        const alpha = meanStd(g.members.map((q) => analyses[q]!.alpha ?? Number.NaN));
        const answers = answerHits(g.members.map((q) => analyses[q]!));
        return [id, g.key, g.kind, g.name, position, nullIfNaN(alpha.mean), nullIfNaN(alpha.std), answers.withAnswer, answers.hits];
      }));
    // int[] columns do not unnest row-wise; a group's member list is one small update.
    for (const g of groups) {
      await tx.query("UPDATE query_groups SET members = $3 WHERE dataset_id = $1 AND key = $2", [id, g.key, g.members]);
    }

    await insertRows(tx, "group_coverage",
      [["dataset_id", "int"], ["group_key", "text"], ["tail", "text"], ["unit", "text"], ["percentile", "float8"], ["mean", "float8"], ["std", "float8"], ["n", "int"]],
      groupCoverageRows(groups, analyses.map((a) => a.coverage), queries.map((q) => q.nats)).map((r) => [id, ...r]));

    // The pooled enrichment of a group from its members' counts at k (each took k documents: k <= D / 10).
    const pooled = (heads: (q: number) => Float64Array, members: readonly number[], k: number, corpusCounts: readonly number[]) =>
      pooledEnrichment(members.map(heads), members.map(() => k), corpusCounts, D);
    const enrichment: unknown[][] = [];
    for (const g of groups) {
      for (const [tail] of tails) {
        for (const [i, k] of enrichKs.entries()) {
          for (const e of pooled((q) => sourceHeads[tail][q]![i]!, g.members, k, sourceCounts)) {
            enrichment.push([id, g.key, tail, k, sourceNames[e.source], e.count, e.multiplier]);
          }
        }
      }
    }
    await insertRows(tx, "source_enrichment",
      [["dataset_id", "int"], ["group_key", "text"], ["tail", "text"], ["k", "int"], ["source", "text"], ["count", "int"], ["multiplier", "float8"]],
      enrichment);

    await insertRows(tx, "label_counts", [["dataset_id", "int"], ["key", "text"], ["value", "text"], ["count", "int"]],
      labels.flatMap((l) => l.values.map((value, v) => [id, l.key, value, l.counts[v]])));
    const labelRows: unknown[][] = [];
    for (const [li, l] of labels.entries()) {
      for (const g of groups) {
        for (const [tail] of tails) {
          for (const [i, k] of enrichKs.entries()) {
            // The source enrichment's definition with the label value as the source; the
            // documents without the label are one more category, not reported.
            for (const e of pooled((q) => labelHeads[tail][q]![li]![i]!, g.members, k, l.counts)) {
              if (e.source < l.values.length) labelRows.push([id, g.key, tail, k, l.key, l.values[e.source], e.count, e.multiplier]);
            }
          }
        }
      }
    }
    await insertRows(tx, "label_enrichment",
      [["dataset_id", "int"], ["group_key", "text"], ["tail", "text"], ["k", "int"], ["key", "text"], ["value", "text"], ["count", "int"], ["multiplier", "float8"]],
      labelRows);

    if (bins) {
      await insertRows(tx, "group_histograms",
        [["dataset_id", "int"], ["group_key", "text"], ["sign", "text"], ["bin", "int"], ["lower", "float8"], ["upper", "float8"], ["count", "int"]],
        groups.flatMap((g) => signs.flatMap((sign, i) =>
          bins.edges.slice(1).map((upper, bin) =>
            [id, g.key, sign, bin, bins.edges[bin], upper, g.members.reduce((sum, q) => sum + (histograms[q]![i]![bin] ?? 0), 0)]))));
    }
    await insertRows(tx, "group_top_documents",
      [["dataset_id", "int"], ["group_key", "text"], ["tail", "text"], ["rank", "int"], ["document_idx", "int"], ["mean_score", "float8"], ["positive_members", "int"]],
      groups.flatMap((g, position) => (["top", "bottom"] as const).flatMap((tail) =>
        tasks[position]![tail].result().map((t, i) =>
          [id, g.key, tail, i + 1, t.documentIdx, t.meanScore, t.positiveMembers]))));

    await tx.query("UPDATE datasets SET summary = $2 WHERE id = $1", [id, JSON.stringify({ powerLaw: powerLawTests(input, analyses) })]);
  }).finally(() => Promise.all([rankSpill.close(), buckets.close()]));

  return {
    slug: meta.slug,
    queries: Q,
    documents: D,
    scores: Q * D,
    seconds: (performance.now() - started) / 1000,
    replaced: loaded.replaced,
    finalSeconds: loaded.finalSeconds,
  };
}

/** Labels as stored: a JSON object of text values (lib/domain/labels.ts labelValue), or null for none. */
function storedLabels(labels: Labels | null | undefined): string | null {
  if (!labels || Object.keys(labels).length === 0) return null;
  return JSON.stringify(Object.fromEntries(Object.entries(labels).map(([key, value]) => [key, labelValue(value)])));
}

/**
 * Each document label key as a categorical column: its values (sorted), the category of
 * every document (the value's index, or values.length where the document lacks the key)
 * and the corpus count per category (the last one counting the unlabelled documents).
 */
function documentLabelCategories(documents: readonly DatasetInput["documents"][number][], where: string) {
  const keys = [...new Set(documents.flatMap((d) => (d.labels ? Object.keys(d.labels) : [])))].sort();
  return keys.map((key) => {
    const values = [...new Set(documents.flatMap((d) => (d.labels && key in d.labels ? [labelValue(d.labels[key]!)] : [])))].sort();
    // One more category counts the documents without the label.
    if (values.length + 1 > MAX_CATEGORIES) {
      throw new IngestError(where, `document label "${key}" has ${values.length.toLocaleString("en-US")} distinct values: at most ` +
        `${(MAX_CATEGORIES - 1).toLocaleString("en-US")} are supported (labels are categories for filters and enrichment)`);
    }
    const index = new Map(values.map((v, i) => [v, i]));
    const category = new Uint16Array(documents.length);
    const counts = new Array<number>(values.length + 1).fill(0);
    documents.forEach((d, i) => {
      const value = d.labels?.[key];
      const c = value === undefined ? values.length : index.get(labelValue(value))!;
      category[i] = c;
      counts[c]! += 1;
    });
    return { key, values, category, counts };
  });
}

/** Per group, tail, unit and percentile: mean and sample std across the group's queries. */
function groupCoverageRows(groups: readonly QueryGroup[], coverage: readonly TailCoverage[][], nats: readonly (number | null)[]) {
  const rows: unknown[][] = [];
  for (const g of groups) {
    const byPoint = new Map<string, { tail: string; unit: string; percentile: number; values: number[] }>();
    for (const q of g.members) {
      for (const c of coverage[q]!) {
        const units: [string, number | null][] = [["percent", c.share], ["per_nat", nats[q] ? c.sum / nats[q]! : null]];
        for (const [unit, value] of units) {
          if (value === null) continue;
          const key = `${c.tail}|${unit}|${c.percentile}`;
          let point = byPoint.get(key);
          if (!point) byPoint.set(key, (point = { tail: c.tail, unit, percentile: c.percentile, values: [] }));
          point.values.push(value);
        }
      }
    }
    for (const p of byPoint.values()) {
      const { mean, std, n } = meanStd(p.values);
      rows.push([g.key, p.tail, p.unit, p.percentile, mean, nullIfNaN(std), n]);
    }
  }
  return rows;
}

/** Welch t-tests of power-law alpha between the factual and reasoning sets (controls excluded). */
function powerLawTests(input: IngestInput, analyses: readonly { alpha: number | null }[]) {
  const subsets = { all: () => true, correct: (c: boolean | null) => c === true, incorrect: (c: boolean | null) => c === false };
  return Object.entries(subsets).map(([subset, keep]) => {
    const alphas = (set: string) =>
      input.queries.flatMap((q, i) =>
        !q.control && q.set === set && keep(q.correct) && analyses[i]!.alpha !== null ? [analyses[i]!.alpha!] : []);
    const factual = alphas("factual");
    const reasoning = alphas("reasoning");
    const summarise = (values: number[]) => {
      const { mean, std, n } = meanStd(values);
      return { mean: nullIfNaN(mean), std: nullIfNaN(std), n };
    };
    return { subset, factual: summarise(factual), reasoning: summarise(reasoning), test: welchTTest(reasoning, factual) };
  });
}

/**
 * SHA-256 of the document ids in order, each length-prefixed so that no two lists share a
 * digest by concatenation: equal digests mean the same documents in the same order
 * (datasets.documents_digest; the compare then pairs documents without a join).
 */
function documentsDigest(documents: readonly { id: string }[]): string {
  const hash = createHash("sha256");
  for (const d of documents) hash.update(`${d.id.length}:${d.id}`);
  return hash.digest("hex");
}
