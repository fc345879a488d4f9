import "server-only";
import { heatmapOrder, orderedCells, packCells } from "@/components/charts/heatmap-layout";
import { consistently, datasetProvenance, findDataset, type Dataset } from "@/lib/data/store/datasets";
import { listQueries } from "@/lib/data/store/queries";
import { answerDepth, blockSummaries, correlationMatrix, groupCoverage, listGroups, sourceEnrichment } from "@/lib/data/store/statistics";
import { answerHits } from "@/lib/domain/answers";
import { ENRICHMENT_KS, MIN_DOCUMENTS_FOR_ENRICHMENT, percentileFits } from "@/lib/domain/ks";
import type { DatasetProvenance } from "@/lib/domain/records";
import type { RankBasis } from "@/lib/url-state";
import { chooseRankBasis, setTests, shownAlphas, type ShownPowerLawTest } from "./power-law-fits";

export interface SetHeadline {
  /** "factual" or "reasoning". */
  set: string;
  key: string;
  size: number;
  /** Mean off-diagonal Pearson r between the set's queries; null without pairs. */
  pearson: number | null;
  pearsonPairs: number;
  /** Within-task Pearson r for each task type of this set (only when the set has types). */
  taskPearson: { name: string; mean: number | null; pairs: number }[];
  /** Mean and std across queries of the % of positive influence held by the top 1% / 5% of positive documents. */
  top1: { mean: number; std: number | null } | null;
  top5: { mean: number; std: number | null } | null;
  /** Mean total positive influence per nat of the completion (null when the dataset has no nats). */
  perNatTotal: { mean: number; std: number | null; n: number } | null;
  /** Mean and std of the shown α (the small-data rules hide fits with too few points) over alphaN queries. */
  alphaMean: number | null;
  alphaStd: number | null;
  alphaN: number;
  /** Why the top-p% shares are not shown (too few positive documents), or null. */
  shareProblem: string | null;
  answerQueries: number;
  answerHits: number;
  /** Answer occurrence of correctly and of incorrectly answered queries (null when no member's correctness is known). */
  answerByCorrectness: { correct: { withAnswer: number; hits: number }; incorrect: { withAnswer: number; hits: number } } | null;
  /** The set's mean coverage curve (% of positive influence) over the top 0.2-20% of documents, for a thumbnail. */
  coverage: { percentile: number; mean: number }[];
  /** The most over-represented sources among the pooled top-k at the smallest k, multiplier > 1, largest first. */
  enrichment: { k: number; sources: { source: string; multiplier: number; count: number }[] } | null;
}

export interface DatasetOverview {
  dataset: Dataset;
  sets: SetHeadline[];
  /** Welch t-test of alpha, reasoning vs factual, over all queries of the two sets with a shown fit. */
  alphaTest: ShownPowerLawTest | null;
  /** The ranks α was fitted over (global where the dataset has them). */
  alphaBasis: RankBasis;
  /** Why no enrichment is shown, when none is stored. */
  enrichmentNote: string | null;
  groups: { key: string; kind: string; name: string; size: number }[];
  /** How many top documents were searched for answers (null when no query has an answer). */
  answerK: number | null;
  /** The Pearson matrix in heatmap order (row-major, packCells), for a thumbnail; null when none is stored. */
  heatmap: { size: number; cells: Int16Array } | null;
  /** Where the scores came from (library, settings, files); null when not recorded. */
  provenance: DatasetProvenance | null;
}

/**
 * The overview page: the headline numbers of a dataset for its factual and reasoning
 * sets side by side, one per finding of Ruis et al. (transfer, distribution,
 * concentration, power law). Everything is read from statistics precomputed at ingest.
 * Null when the dataset does not exist.
 */
export const overviewView = consistently(async function overviewView(slug: string): Promise<DatasetOverview | null> {
  const dataset = await findDataset(slug);
  if (!dataset) return null;
  const [groups, blocks, coverage, perNat, queries, enrichment, answerK, matrix, provenance] = await Promise.all([
    listGroups(dataset.id),
    blockSummaries(dataset.id, "pearson"),
    groupCoverage(dataset.id, "positive", "percent"),
    groupCoverage(dataset.id, "positive", "per_nat"),
    listQueries(dataset.id),
    sourceEnrichment(dataset.id, "top"),
    answerDepth(dataset.id),
    correlationMatrix(dataset.id, "pearson"),
    datasetProvenance(dataset.id),
  ]);
  const byId = new Map(queries.map((q) => [q.id, q]));
  const { basis } = chooseRankBasis(dataset.hasGlobalRanks, "");
  const alphas = shownAlphas(queries, basis, dataset.documentCount);
  const tests = setTests(queries, alphas);
  const positives = new Map(queries.map((q) => [q.id, q.positiveCount]));
  const setGroups = groups.filter((g) => g.kind === "set");
  const typeGroups = groups.filter((g) => g.kind === "type");
  const coverageAt = (key: string, percentile: number) => {
    const row = coverage.find((r) => r.group === key && r.percentile === percentile);
    return row ? { mean: row.mean, std: row.std } : null;
  };
  const within = (key: string) => blocks.find((b) => b.groupA === key && b.groupB === key);

  const sets = setGroups.map((g): SetHeadline => {
    const setName = g.name;
    const members = new Set(g.queryIds);
    const types = typeGroups.filter((t) => t.queryIds.length > 0 && t.queryIds.every((id) => members.has(id)));
    const rows = enrichment.rows.filter((r) => r.group === g.key);
    const smallestK = rows.length > 0 ? Math.min(...rows.map((r) => r.k)) : null;
    const natRow = perNat.find((r) => r.group === g.key && r.percentile === 100);
    const block = within(g.key);
    const answered = g.queryIds.flatMap((id) => byId.get(id) ?? []).filter((q) => q.answerRanks !== null);
    const answerByCorrectness = answered.some((q) => q.correct !== null)
      ? { correct: answerHits(answered.filter((q) => q.correct === true)), incorrect: answerHits(answered.filter((q) => q.correct === false)) }
      : null;
    const test = tests.find((t) => t.subset === "all");
    const alpha = setName === "factual" ? test?.factual : setName === "reasoning" ? test?.reasoning : undefined;
    // The top-1% share of a query with fewer than 1,000 positive documents is under ten documents.
    const fewest = Math.min(...g.queryIds.map((id) => positives.get(id) ?? 0));
    const shareProblem = g.queryIds.length > 0 && !percentileFits(1, fewest)
      ? `a query has ${fewest} positive documents: its top 1% is fewer than 10 documents`
      : null;
    return {
      set: setName,
      key: g.key,
      size: g.queryIds.length,
      pearson: block?.mean ?? null,
      pearsonPairs: block?.pairs ?? 0,
      taskPearson: types.map((t) => ({ name: t.name, mean: within(t.key)?.mean ?? null, pairs: within(t.key)?.pairs ?? 0 })),
      top1: shareProblem ? null : coverageAt(g.key, 1),
      top5: percentileFits(5, fewest) ? coverageAt(g.key, 5) : null,
      shareProblem,
      perNatTotal: natRow ? { mean: natRow.mean, std: natRow.std, n: natRow.n } : null,
      alphaMean: alpha?.mean ?? null,
      alphaStd: alpha?.std ?? null,
      alphaN: alpha?.n ?? 0,
      answerQueries: g.answerQueries,
      answerHits: g.answerHits,
      answerByCorrectness,
      coverage: coverage.filter((r) => r.group === g.key && r.percentile <= 20).map((r) => ({ percentile: r.percentile, mean: r.mean })),
      enrichment:
        smallestK === null
          ? null
          : {
              k: smallestK,
              sources: rows
                .filter((r) => r.k === smallestK && r.multiplier > 1)
                .sort((a, b) => b.multiplier - a.multiplier)
                .slice(0, 3)
                .map((r) => ({ source: r.source, multiplier: r.multiplier, count: r.count })),
            },
    };
  });

  const enrichmentNote =
    enrichment.rows.length > 0
      ? null
      : dataset.documentCount < MIN_DOCUMENTS_FOR_ENRICHMENT
        ? `Source enrichment needs top-k sets with k ≤ D/10; with D = ${dataset.documentCount} documents not even the smallest k (${ENRICHMENT_KS[0]}) fits, so multipliers would be noise.`
        : "No source enrichment is stored for this dataset.";

  return {
    dataset,
    sets,
    alphaTest: tests.find((t) => t.subset === "all") ?? null,
    alphaBasis: basis,
    enrichmentNote,
    groups: groups.map((g) => ({ key: g.key, kind: g.kind, name: g.name, size: g.queryIds.length })),
    answerK,
    heatmap: matrix && matrix.queryIds.length > 0 ? heatmapCells(groups, matrix) : null,
    provenance,
  };
});

/** The stored matrix in the transfer view's heatmap order (groups as blocks), rounded to what a colour needs. */
function heatmapCells(
  groups: readonly { key: string; kind: string; name: string; queryIds: readonly string[] }[],
  matrix: { queryIds: string[]; matrix: (number | null)[][] },
): { size: number; cells: Int16Array } {
  const { order } = heatmapOrder(groups, matrix.queryIds);
  return { size: order.length, cells: packCells(orderedCells(matrix, order, 3)) };
}
