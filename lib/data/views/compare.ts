import "server-only";
import { findDataset, listDatasets } from "@/lib/data/store/datasets";
import { findCrossStatistics, insertCrossStatistics, type QueryPair, type StoredCrossStatistics } from "@/lib/data/store/cross-dataset";
import { documentAlignment, documentsByIndex } from "@/lib/data/store/documents";
import { decodeScores } from "@/lib/data/store/packed";
import { listQueries, rankedDocuments, type QuerySummary, type RankedDocument } from "@/lib/data/store/queries";
import { byDocumentColumns, rankingChunk } from "@/lib/data/store/scores";
import { correlationMatrix, groupCoverage, listGroups, queryCoverage, sourceEnrichment, type GroupInfo } from "@/lib/data/store/statistics";
import { answerHits } from "@/lib/domain/answers";
import { enrichmentKs } from "@/lib/domain/ks";
import { meanOffDiagonal, meanWithinGroups, pearson } from "@/lib/stats/correlation";
import { curveMeanStd } from "@/lib/stats/coverage";
import { pooledMultipliers } from "@/lib/stats/enrichment";
import { meanStd, medianMagnitudeRatio } from "@/lib/stats/summary";
import { paperLayouts } from "./compare-paper";
import { compareViewParams, formatSelection, parseSelection, parseViewParams, type CompareSelection, type SearchParams } from "@/lib/url-state";

export type { QuerySummary, RankedDocument } from "@/lib/data/store/queries";

/**
 * The Compare view: the same panels for any selection (a whole dataset, a query group,
 * or one query), and the cross-dataset statistics of two queries with the same prompt.
 * The statistics themselves are lib/stats's.
 */

// ---------------------------------------------------------------- shapes

export interface CoveragePoint {
  /** Top-p percent of the query's positive documents. */
  percentile: number;
  /** Percent of the total positive influence they hold (mean across the selection's queries). */
  mean: number;
  /** Sample std across queries; null for a single query. */
  std: number | null;
  n: number;
}

export interface SourceMultiplier {
  source: string;
  /** Documents of the source among the pooled top-k lists. */
  count: number;
  /** Share among the top-k over share of the corpus (1 = as in the corpus). */
  multiplier: number;
}

export interface Headline {
  queries: number;
  documents: number;
  /** Mean pairwise Pearson r; what it is taken over is `meanRScope`. */
  meanR: number | null;
  meanRPairs: number;
  meanRScope: string;
  top1: number | null;
  top5: number | null;
  alpha: number | null;
  /** Std across queries (dataset, group) or the fit's standard error (query). */
  alphaSpread: number | null;
  alphaSpreadKind: "std" | "stderr";
  /** Queries whose answer is in their top `answerK`, of those that have an answer. */
  answerHits: number;
  answerQueries: number;
  answerK: number | null;
}

export interface CompareSide {
  selection: CompareSelection;
  /** Canonical URL form of the selection. */
  value: string;
  label: string;
  /** The palette key shared by all its queries ("reasoning", "factual_control", ...), else null. */
  set: string | null;
  dataset: { slug: string; name: string; model: string | null; documentCount: number; queryCount: number };
  headline: Headline;
  coverage: CoveragePoint[];
  sources: { k: number | null; rows: SourceMultiplier[]; note: string | null };
  query: QuerySummary | null;
  topDocuments: RankedDocument[] | null;
  /** The dataset's groups and queries, for the side's pickers. */
  options: PickerOptions;
  /** Every query's prompt in the dataset (server-side only: to match a prompt across datasets). */
  prompts: { id: string; prompt: string }[];
}

export interface PickerOptions {
  groups: { key: string; name: string; size: number }[];
  queries: { id: string; label: string }[];
}

// ---------------------------------------------------------------- reads

function pickerOptions(groups: readonly GroupInfo[], queries: readonly QuerySummary[]): PickerOptions {
  return {
    groups: groups.map((g) => ({ key: g.key, name: g.name, size: g.queryIds.length })),
    queries: queries.map((q) => {
      const prompt = q.prompt.replace(/\s+/g, " ").trim();
      return { id: q.id, label: `${q.id} · ${prompt.length > 60 ? `${prompt.slice(0, 59)}…` : prompt}` };
    }),
  };
}

/** The group a query's mean r is taken over: its task type (or control group), else its set. */
function homeGroup(groups: readonly GroupInfo[], queryId: string): GroupInfo | undefined {
  const containing = groups.filter((g) => g.queryIds.includes(queryId));
  return containing.find((g) => g.kind === "type") ?? containing.find((g) => g.kind === "control") ?? containing[0];
}

/**
 * The panels for one selection, or an error message saying why it cannot be shown
 * (unknown dataset, group or query).
 */
async function compareSide(selection: CompareSelection, value: string): Promise<CompareSide | { error: string }> {
  const dataset = await findDataset(selection.slug);
  if (!dataset) return { error: `no dataset "${selection.slug}"` };
  const [groups, queries, pearsonMatrix, coverageRows] = await Promise.all([
    listGroups(dataset.id),
    listQueries(dataset.id),
    correlationMatrix(dataset.id, "pearson"),
    queryCoverage(dataset.id, "positive", "percent"),
  ]);
  const indexOf = new Map(queries.map((q, i) => [q.id, i]));

  let memberIds: string[];
  let label: string;
  let group: GroupInfo | undefined;
  let query: QuerySummary | null = null;
  if (selection.kind === "dataset") {
    memberIds = queries.map((q) => q.id);
    label = `${dataset.name}: all queries`;
  } else if (selection.kind === "group") {
    group = groups.find((g) => g.key === selection.key);
    if (!group) return { error: `no group "${selection.key}" in ${dataset.slug}` };
    memberIds = group.queryIds;
    label = `${dataset.name}: ${group.name}`;
  } else {
    query = queries.find((q) => q.id === selection.id) ?? null;
    if (!query) return { error: `no query "${selection.id}" in ${dataset.slug}` };
    memberIds = [query.id];
    label = `${dataset.name}: query ${query.id}`;
  }
  const memberSet = new Set(memberIds);
  const members = queries.filter((q) => memberSet.has(q.id));

  // Mean within-group r: over the selection's pairs, or a query's r with the rest of its task.
  let meanR: { mean: number | null; pairs: number } = { mean: null, pairs: 0 };
  let meanRScope: string;
  // The stored matrix decodes with null for undefined r; the block mean skips NaN.
  const size = pearsonMatrix?.matrix.length ?? 0;
  const flat = pearsonMatrix ? Float64Array.from(pearsonMatrix.matrix.flat(), (r) => r ?? NaN) : null;
  const withinGroup = (matrix: Float64Array, memberIndices: number[], only?: number) => {
    const { mean, pairs } = meanOffDiagonal(matrix, size, memberIndices, only);
    return { mean: Number.isNaN(mean) ? null : mean, pairs };
  };
  if (query) {
    const home = homeGroup(groups, query.id);
    meanRScope = home ? `with the other ${home.name} queries` : "no group";
    if (home && flat) meanR = withinGroup(flat, home.queryIds.map((id) => indexOf.get(id)!), query.index);
  } else if (selection.kind === "dataset") {
    // Within each set (and control group), then the mean of those means: a pooled mean over
    // all pairs would mix factual with reasoning pairs and hide the contrast.
    const partition = groups.filter((g) => (g.kind === "set" || g.kind === "control") && g.queryIds.length > 1);
    const result = flat ? meanWithinGroups(flat, size, partition.map((g) => g.queryIds.map((id) => indexOf.get(id)!))) : null;
    const described = partition.map((g, i) => `${g.name} ${result && !Number.isNaN(result.groups[i]!.mean) ? result.groups[i]!.mean.toFixed(3) : "—"}`);
    meanRScope = `mean of ${partition.length} group means (${described.join(", ")})`;
    if (result) meanR = { mean: Number.isNaN(result.mean) ? null : result.mean, pairs: result.groups.reduce((s, g) => s + g.pairs, 0) };
  } else {
    meanRScope = "pairs within the group";
    if (flat) meanR = withinGroup(flat, members.map((q) => q.index));
  }

  // Coverage: the stored group mean/std for a group, else computed from the per-query curves.
  let coverage: CoveragePoint[];
  if (group) {
    coverage = (await groupCoverage(dataset.id, "positive", "percent"))
      .filter((r) => r.group === group.key)
      .map((r) => ({ percentile: r.percentile, mean: r.mean, std: r.std, n: r.n }));
  } else {
    coverage = curveMeanStd(coverageRows.filter((r) => memberSet.has(r.queryId)));
  }
  const at = (p: number) => coverage.find((c) => c.percentile === p)?.mean ?? null;

  // Power-law alpha.
  let alpha: number | null;
  let alphaSpread: number | null;
  if (query) {
    alpha = query.alpha;
    alphaSpread = query.alphaStderr;
  } else if (group) {
    alpha = group.alphaMean;
    alphaSpread = group.alphaStd;
  } else {
    const stats = meanStd(members.map((q) => q.alpha ?? NaN));
    alpha = stats.n ? stats.mean : null;
    alphaSpread = Number.isNaN(stats.std) ? null : stats.std;
  }

  // Answer occurrence.
  const answers = group ? { hits: group.answerHits, withAnswer: group.answerQueries } : answerHits(members);
  const answerK = members.find((q) => q.answerK !== null)?.answerK ?? null;

  const setKeys = new Set(members.map((q) => (q.control ? `${q.set}_control` : q.set)));
  const sources = await selectionSources(dataset.id, dataset.documentCount, groups, group, query);
  const topDocuments = query ? await rankedDocuments(dataset.id, query.index, "top", 0, 10) : null;

  return {
    selection,
    value,
    label,
    set: setKeys.size === 1 ? [...setKeys][0]! : null,
    dataset: { slug: dataset.slug, name: dataset.name, model: dataset.model, documentCount: dataset.documentCount, queryCount: dataset.queryCount },
    headline: {
      queries: members.length,
      documents: dataset.documentCount,
      meanR: meanR.mean,
      meanRPairs: meanR.pairs,
      meanRScope,
      top1: at(1),
      top5: at(5),
      alpha,
      alphaSpread,
      alphaSpreadKind: query ? "stderr" : "std",
      answerHits: answers.hits,
      answerQueries: answers.withAnswer,
      answerK,
    },
    coverage,
    sources,
    query,
    topDocuments,
    options: pickerOptions(groups, queries),
    prompts: queries.map((q) => ({ id: q.id, prompt: q.prompt })),
  };
}

/** Source multipliers at the smallest k the corpus allows, for a group, a whole dataset or one query. */
async function selectionSources(
  datasetId: number,
  documentCount: number,
  groups: readonly GroupInfo[],
  group: GroupInfo | undefined,
  query: QuerySummary | null,
): Promise<CompareSide["sources"]> {
  const ks = enrichmentKs(documentCount);
  const k = ks[0];
  if (k === undefined) {
    return {
      k: null,
      rows: [],
      note: `Source multipliers need k ≤ a tenth of the corpus; this dataset has ${documentCount.toLocaleString("en-US")} documents, fewer than the 500 the smallest k (50) needs.`,
    };
  }
  const { corpus, rows } = await sourceEnrichment(datasetId, "top");
  if (group) {
    return { k, rows: rows.filter((r) => r.group === group.key && r.k === k).map(({ source, count, multiplier }) => ({ source, count, multiplier })), note: null };
  }
  if (query) {
    const indices = (await rankingChunk(datasetId, query.index, "top", 0, k)).map((e) => e.documentIdx);
    const documents = await documentsByIndex(datasetId, indices);
    const counts = new Map<string, number>();
    for (const d of documents) counts.set(d.source, (counts.get(d.source) ?? 0) + 1);
    return { k, rows: pooledMultipliers(counts, corpus, k, 1), note: null };
  }
  // A whole dataset: the set and control groups partition its queries, so their pooled counts add up.
  const partition = groups.filter((g) => g.kind === "set" || g.kind === "control");
  const keys = new Set(partition.map((g) => g.key));
  const counts = new Map<string, number>();
  for (const r of rows) if (keys.has(r.group) && r.k === k) counts.set(r.source, (counts.get(r.source) ?? 0) + r.count);
  const lists = partition.reduce((sum, g) => sum + g.queryIds.length, 0);
  return { k, rows: lists ? pooledMultipliers(counts, corpus, k, lists) : [], note: null };
}

export interface CrossDataset {
  sharedDocuments: number;
  /** Pearson r of the two queries' scores over the shared documents. */
  pearson: number | null;
  /** Median |score A| / |score B| at equal top rank (1..n). */
  rankRatio: number | null;
  /** Median |score A| / |score B| of the same document, over A's top n documents. */
  documentRatio: number | null;
  /** Ranks compared: min(50,000, shared documents). */
  n: number;
}

export const CROSS_TOP = 50_000;

/**
 * Cross-dataset statistics of two queries: read from the row stored for the pair, or on
 * the first request for it computed from both score columns and stored (reading two whole
 * columns costs seconds at a million documents; the row, a millisecond). Keyed by the
 * datasets' ids, so a replaced dataset (a new id) never meets its predecessor's row.
 * Null when they share no documents.
 */
async function crossDataset(datasetA: number, queryA: number, datasetB: number, queryB: number): Promise<CrossDataset | null> {
  const stored = await storedCrossStatistics({ datasetA, queryA, datasetB, queryB });
  if (!stored) return null;
  const { shared, ...statistics } = stored;
  return shared ? { sharedDocuments: shared, ...statistics } : null;
}

/**
 * The pair's stored statistics, computed and stored when missing (the first request for
 * the pair, or the ingest's precomputation: lib/ingest/precompute-comparisons); null when
 * either query has no scores.
 */
export async function storedCrossStatistics(pair: QueryPair): Promise<StoredCrossStatistics | null> {
  const stored = await findCrossStatistics(pair);
  if (stored) return stored;
  const computed = await computeCrossDataset(pair);
  if (computed) await insertCrossStatistics(pair, computed);
  return computed;
}

/**
 * The statistics from the two queries' packed by-document scores (read in binary):
 * Pearson r over the documents the datasets share (matched by document id, through the
 * pair's stored alignment: no join of the corpora), and magnitude ratios over the top
 * documents. Null when either query has no scores.
 */
async function computeCrossDataset({ datasetA, queryA, datasetB, queryB }: QueryPair): Promise<StoredCrossStatistics | null> {
  const a = { datasetId: datasetA, queryIndex: queryA };
  const b = { datasetId: datasetB, queryIndex: queryB };
  const [scoreRows, alignment] = await Promise.all([byDocumentColumns([a, b]), documentAlignment(datasetA, datasetB)]);
  const rowA = scoreRows.find((r) => r.datasetId === a.datasetId && r.queryIndex === a.queryIndex);
  const rowB = scoreRows.find((r) => r.datasetId === b.datasetId && r.queryIndex === b.queryIndex);
  if (!rowA || !rowB) return null;
  const scoresA = decodeScores(rowA.byDocument);
  const scoresB = decodeScores(rowB.byDocument);

  let x: Float32Array;
  let y: Float32Array;
  if (alignment.identical) {
    x = scoresA;
    y = scoresB;
  } else {
    const { ia, ib } = alignment.pairs!;
    x = Float32Array.from(ia, (i) => scoresA[i] ?? NaN);
    y = Float32Array.from(ib, (i) => scoresB[i] ?? NaN);
  }
  const shared = x.length;
  if (shared === 0) return { shared: 0, pearson: null, rankRatio: null, documentRatio: null, n: 0 };

  const top = Math.min(CROSS_TOP, shared);
  const descending = (values: Float32Array) => Float32Array.from(values).sort().reverse().subarray(0, top);
  const sortedA = descending(x);
  const sortedB = descending(y);
  // A's top documents (by score, ties in document order), compared with the same documents in B.
  // Only documents at or above the n-th score can be among them: sort those alone.
  const threshold = sortedA[top - 1]!;
  const candidates: number[] = [];
  for (let i = 0; i < shared; i++) if (x[i]! >= threshold) candidates.push(i);
  const order = candidates.sort((i, j) => x[j]! - x[i]! || i - j).slice(0, top);
  return {
    shared,
    pearson: pearson(x, y),
    rankRatio: medianMagnitudeRatio(sortedA, sortedB),
    documentRatio: medianMagnitudeRatio(order.map((i) => x[i]!), order.map((i) => y[i]!)),
    n: top,
  };
}

// ---------------------------------------------------------------- the page

/** Resolves one side's URL value to its panels; a bad value becomes a notice (and the nearest valid view). */
async function resolveSide(name: string, raw: string, notices: string[]): Promise<CompareSide | null> {
  if (!raw) return null;
  const selection = parseSelection(raw);
  if (!selection) {
    notices.push(`Ignored ${name}=${JSON.stringify(raw)}: expected "dataset", "dataset/group/<group key>" or "dataset/query/<query id>".`);
    return null;
  }
  const side = await compareSide(selection, formatSelection(selection));
  if (!("error" in side)) return side;
  if (selection.kind !== "dataset" && (await findDataset(selection.slug))) {
    notices.push(`Ignored ${name}=${JSON.stringify(raw)}: ${side.error}; showing the whole dataset.`);
    const whole = await compareSide({ slug: selection.slug, kind: "dataset" }, selection.slug);
    return "error" in whole ? null : whole;
  }
  notices.push(`Ignored ${name}=${JSON.stringify(raw)}: ${side.error}.`);
  return null;
}

/** The query a query is paired with in another dataset: the first there with the same prompt. */
function firstWithPrompt<T extends { prompt: string }>(queries: readonly T[], prompt: string): T | undefined {
  return queries.find((q) => q.prompt === prompt);
}

/** The query with the same prompt in the other side's dataset, as a selection value. */
function samePrompt(from: CompareSide | null, to: CompareSide | null): string | null {
  if (!from?.query || !to || to.query?.prompt === from.query.prompt) return null;
  const match = firstWithPrompt(to.prompts, from.query.prompt);
  return match ? `${to.dataset.slug}/query/${match.id}` : null;
}

/**
 * The query pairs of datasets A and B (in that order) the page links to: each query of A
 * with the query of B it offers as the same prompt (its "same prompt" link). What the
 * ingest precomputes.
 */
export async function linkedQueryPairs(datasetA: number, datasetB: number): Promise<QueryPair[]> {
  const [queriesA, queriesB] = await Promise.all([listQueries(datasetA), listQueries(datasetB)]);
  return queriesA.flatMap((q) => {
    const match = firstWithPrompt(queriesB, q.prompt);
    return match ? [{ datasetA, queryA: q.index, datasetB, queryB: match.index }] : [];
  });
}

/** The cross-dataset statistics of two sides' queries (both must be queries). */
async function crossSides(a: CompareSide, b: CompareSide): Promise<CrossDataset | null> {
  const [da, db] = await Promise.all([findDataset(a.dataset.slug), findDataset(b.dataset.slug)]);
  if (!da || !db || !a.query || !b.query) return null;
  return crossDataset(da.id, a.query.index, db.id, b.query.index);
}

/**
 * The Compare page for a URL: every dataset (the pickers), both sides' panels (a bad
 * side falls back to its whole dataset or to nothing, with a notice), the query with the
 * same prompt in the other side's dataset, and, for two queries with one prompt, their
 * cross-dataset statistics as a promise the page streams in (stored once per pair; the
 * first request for a pair reads both queries' score columns).
 */
export async function compareView(searchParams: SearchParams) {
  const { values, notices } = parseViewParams(compareViewParams, searchParams);
  const [datasets, a, b] = await Promise.all([listDatasets(), resolveSide("a", values.a, notices), resolveSide("b", values.b, notices)]);
  const cross = a?.query && b?.query && a.query.prompt === b.query.prompt ? crossSides(a, b) : null;
  const paper = a && b && a.dataset.slug !== b.dataset.slug ? paperLayouts([a.dataset.slug, b.dataset.slug]) : null;
  // Streamed: whoever renders them sees their failure; one nobody awaits (the client left
  // before it streamed) must not become the process's unhandled rejection.
  for (const streamed of [cross, paper]) streamed?.catch(() => {});
  return {
    notices,
    datasets: datasets.map((d) => ({ slug: d.slug, name: d.name })),
    a,
    b,
    /** A selection value for side B (A) naming the query with side A's (B's) prompt, when there is one. */
    matchForB: samePrompt(a, b),
    matchForA: samePrompt(b, a),
    cross,
    /** The paper's figures for the two sides' datasets (two models), when they differ: streamed in. */
    paper,
  };
}
