import "server-only";
import type { CorrelationMethod, CoverageTail, CoverageUnit, RankingTail } from "@/lib/domain/vocabulary";
import { getDatabase } from "@/lib/db/server";
import { memoByDataset } from "./memo";
import { decodeMatrix } from "./packed";

/** The statistics precomputed at ingest: groups, matrices, coverage, enrichment, power law, histograms. */

export interface GroupInfo {
  key: string;
  kind: string;
  name: string;
  /** Query ids, in input order. */
  queryIds: string[];
  alphaMean: number | null;
  alphaStd: number | null;
  answerQueries: number;
  answerHits: number;
}

async function queryIds(datasetId: number): Promise<string[]> {
  const { prisma } = await getDatabase();
  const rows = await prisma.query.findMany({ where: { datasetId }, select: { externalId: true }, orderBy: { idx: "asc" } });
  return rows.map((r) => r.externalId);
}

/** The query groups in display order (sets, types, controls); shared by every caller (memoised), so read-only. */
export const listGroups = memoByDataset(async (datasetId: number): Promise<readonly Readonly<GroupInfo>[]> => {
  const { prisma } = await getDatabase();
  const [groups, ids] = await Promise.all([
    prisma.queryGroup.findMany({ where: { datasetId }, orderBy: { position: "asc" } }),
    queryIds(datasetId),
  ]);
  return groups.map((g) => ({
    key: g.key, kind: g.kind, name: g.name,
    queryIds: g.members.map((i) => ids[i]!),
    alphaMean: g.alphaMean, alphaStd: g.alphaStd, answerQueries: g.answerQueries, answerHits: g.answerHits,
  }));
});

/** Top-k sizes with a stored Jaccard matrix, ascending; shared by every caller (memoised), so read-only. */
export const storedJaccardKs = memoByDataset(async (datasetId: number): Promise<readonly number[]> => {
  const { prisma } = await getDatabase();
  const rows = await prisma.correlation.findMany({ where: { datasetId, method: "jaccard" }, select: { k: true }, orderBy: { k: "asc" } });
  return rows.map((r) => r.k);
});

/** The query x query matrix (rows and columns in query input order); null entries are undefined (zero variance). */
export const correlationMatrix = memoByDataset(async (
  datasetId: number,
  method: CorrelationMethod,
  k: number = 0,
): Promise<{ queryIds: string[]; matrix: (number | null)[][] } | null> => {
  const { prisma } = await getDatabase();
  const [row, ids] = await Promise.all([
    prisma.correlation.findUnique({ where: { datasetId_method_k: { datasetId, method, k } } }),
    queryIds(datasetId),
  ]);
  return row ? { queryIds: ids, matrix: decodeMatrix(row.matrix, ids.length) } : null;
});

/** Mean off-diagonal value within and between groups. */
export const blockSummaries = memoByDataset(async (datasetId: number, method: CorrelationMethod, k: number = 0) => {
  const { prisma } = await getDatabase();
  const rows = await prisma.blockSummary.findMany({ where: { datasetId, method, k } });
  return rows.map((r) => ({ groupA: r.groupA, groupB: r.groupB, mean: r.mean, pairs: r.pairs }));
});

/**
 * Per query: the share of the tail's total influence held by its top `percentile`
 * percent of documents (unit percent), or their summed influence per nat of the
 * completion (unit per_nat; queries without nats are left out).
 */
export const queryCoverage = memoByDataset(async (datasetId: number, tail: CoverageTail, unit: CoverageUnit) => {
  const { prisma } = await getDatabase();
  // One indexed read joined to the query ids (about 1,100 rows for 100 queries); the
  // per-nat division is the same IEEE double division the ingest uses for group means.
  return prisma.$queryRaw<{ queryId: string; percentile: number; count: number; sum: number; share: number }[]>`
    SELECT q.external_id AS "queryId", c.percentile, c.count, c.sum,
           CASE WHEN ${unit} = 'percent' THEN c.share ELSE c.sum / q.nats END AS share
    FROM coverage c JOIN queries q ON q.dataset_id = c.dataset_id AND q.idx = c.query_idx
    WHERE c.dataset_id = ${datasetId} AND c.tail = ${tail} AND (${unit} = 'percent' OR q.nats > 0)
    ORDER BY c.query_idx, c.percentile`;
});

/** Per group: mean and sample std of the coverage curve across its queries. */
export const groupCoverage = memoByDataset(async (datasetId: number, tail: CoverageTail, unit: CoverageUnit) => {
  const { prisma } = await getDatabase();
  const rows = await prisma.groupCoverage.findMany({
    where: { datasetId, tail, unit },
    orderBy: [{ groupKey: "asc" }, { percentile: "asc" }],
  });
  return rows.map((r) => ({ group: r.groupKey, percentile: r.percentile, mean: r.mean, std: r.std, n: r.n }));
});

/** Source multipliers (share among a group's pooled top-k over share of the corpus). */
export async function sourceEnrichment(datasetId: number, tail: RankingTail) {
  const { prisma } = await getDatabase();
  const [rows, corpus] = await Promise.all([
    prisma.sourceEnrichment.findMany({ where: { datasetId, tail }, orderBy: [{ groupKey: "asc" }, { k: "asc" }, { source: "asc" }] }),
    prisma.sourceCount.findMany({ where: { datasetId }, orderBy: { source: "asc" } }),
  ]);
  return {
    corpus: corpus.map((c) => ({ source: c.source, count: c.count })),
    rows: rows.map((r) => ({ group: r.groupKey, source: r.source, k: r.k, count: r.count, multiplier: r.multiplier })),
  };
}

export interface PowerLawTest {
  subset: "all" | "correct" | "incorrect";
  factual: { mean: number | null; std: number | null; n: number };
  reasoning: { mean: number | null; std: number | null; n: number };
  test: { t: number; df: number; p: number } | null;
}

/** Per-query power-law fits and the Welch t-tests between sets. */
export async function powerLaw(datasetId: number) {
  const { prisma } = await getDatabase();
  const [queries, dataset] = await Promise.all([
    prisma.query.findMany({
      where: { datasetId },
      select: { externalId: true, alpha: true, alphaStderr: true, alphaPoints: true, alphaGlobal: true, alphaGlobalStderr: true, alphaGlobalPoints: true },
      orderBy: { idx: "asc" },
    }),
    prisma.dataset.findUniqueOrThrow({ where: { id: datasetId }, select: { summary: true } }),
  ]);
  const summary = dataset.summary as { powerLaw?: PowerLawTest[] };
  return {
    rows: queries.map((q) => ({
      queryId: q.externalId, alpha: q.alpha, stderr: q.alphaStderr, points: q.alphaPoints,
      // Over global ranks, where the dataset carries them (null otherwise).
      alphaGlobal: q.alphaGlobal, stderrGlobal: q.alphaGlobalStderr, pointsGlobal: q.alphaGlobalPoints,
    })),
    tests: summary.powerLaw ?? [],
  };
}

/** Per group: histogram of log10 |score| for the positive or negative side (bins shared across groups). */
export async function groupHistograms(datasetId: number, sign: CoverageTail) {
  const { prisma } = await getDatabase();
  const rows = await prisma.groupHistogram.findMany({ where: { datasetId, sign }, orderBy: [{ groupKey: "asc" }, { bin: "asc" }] });
  return rows.map((r) => ({ group: r.groupKey, bin: r.bin, lower: r.lower, upper: r.upper, count: r.count }));
}

/** The documents most influential across each group (mean score over its queries), with their text. */
export async function taskDocuments(datasetId: number, tail: RankingTail, limit = 20) {
  const { prisma } = await getDatabase();
  const rows = await prisma.groupTopDocument.findMany({
    where: { datasetId, tail, rank: { lte: limit } },
    orderBy: [{ groupKey: "asc" }, { rank: "asc" }],
  });
  const documents = await prisma.document.findMany({
    where: { datasetId, idx: { in: [...new Set(rows.map((r) => r.documentIdx))] } },
  });
  const byIdx = new Map(documents.map((d) => [d.idx, d]));
  return rows.map((r) => {
    const doc = byIdx.get(r.documentIdx);
    return {
      group: r.groupKey, rank: r.rank, documentId: doc?.externalId ?? `#${r.documentIdx}`, source: doc?.source ?? "unknown",
      text: doc?.text ?? null, meanScore: r.meanScore, positiveMembers: r.positiveMembers,
    };
  });
}

/** The sources present in a dataset, most common first (for the source filter). */
export async function datasetSources(datasetId: number): Promise<{ source: string; count: number }[]> {
  const { prisma } = await getDatabase();
  const rows = await prisma.sourceCount.findMany({ where: { datasetId }, orderBy: { count: "desc" } });
  return rows.map((r) => ({ source: r.source, count: r.count }));
}

/** One query's coverage curve (both tails, percent of the tail total), read by its index. */
export async function coverageOfQuery(datasetId: number, queryIndex: number) {
  const { prisma } = await getDatabase();
  const rows = await prisma.coverage.findMany({
    where: { datasetId, queryIdx: queryIndex },
    select: { tail: true, percentile: true, count: true, share: true },
    orderBy: [{ tail: "asc" }, { percentile: "asc" }],
  });
  return rows;
}

/** Per query (by input index) and percentile: the number of documents in the top `percentile` percent of the tail. */
export async function coverageCounts(datasetId: number, tail: CoverageTail) {
  const { prisma } = await getDatabase();
  return prisma.coverage.findMany({ where: { datasetId, tail }, select: { queryIdx: true, percentile: true, count: true } });
}

/** Every query's input index, id and completion nats (null when unknown), in input order. */
export async function queryNats(datasetId: number) {
  const { prisma } = await getDatabase();
  return prisma.query.findMany({ where: { datasetId }, select: { idx: true, externalId: true, nats: true }, orderBy: { idx: "asc" } });
}

/** How many top documents were searched for answers; null when no query has an answer. */
export async function answerDepth(datasetId: number): Promise<number | null> {
  const { prisma } = await getDatabase();
  const answered = await prisma.query.findFirst({ where: { datasetId, answerK: { not: null } }, select: { answerK: true } });
  return answered?.answerK ?? null;
}

/** Per query with an answer: how many documents of the whole corpus contain it, and the best top rank among them. */
export async function answerDocumentSummary(datasetId: number): Promise<{ queryIndex: number; count: number; bestRank: number | null }[]> {
  const { prisma } = await getDatabase();
  const rows = await prisma.answerDocuments.findMany({ where: { datasetId }, select: { queryIdx: true, count: true, bestRank: true }, orderBy: { queryIdx: "asc" } });
  return rows.map((r) => ({ queryIndex: r.queryIdx, count: r.count, bestRank: r.bestRank }));
}

/** Every document label value of a dataset with its corpus count (the facets), by key then value. */
export async function documentLabelCounts(datasetId: number): Promise<{ key: string; value: string; count: number }[]> {
  const { prisma } = await getDatabase();
  const rows = await prisma.labelCount.findMany({ where: { datasetId }, orderBy: [{ key: "asc" }, { value: "asc" }] });
  return rows.map((r) => ({ key: r.key, value: r.value, count: r.count }));
}

/** Label enrichment rows of one tail: the source enrichment's definition per label value. */
export async function labelEnrichment(datasetId: number, tail: RankingTail) {
  const { prisma } = await getDatabase();
  const rows = await prisma.labelEnrichment.findMany({
    where: { datasetId, tail },
    orderBy: [{ groupKey: "asc" }, { key: "asc" }, { value: "asc" }, { k: "asc" }],
  });
  return rows.map((r) => ({ group: r.groupKey, key: r.key, value: r.value, k: r.k, count: r.count, multiplier: r.multiplier }));
}
