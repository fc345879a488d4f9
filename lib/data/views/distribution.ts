import "server-only";
import { consistently, findDataset } from "@/lib/data/store/datasets";
import { coverageCounts, groupCoverage, groupHistograms, listGroups, queryNats } from "@/lib/data/store/statistics";
import type { CoverageTail, CoverageUnit } from "@/lib/domain/vocabulary";
import { meanStd } from "@/lib/stats/summary";
import { distributionViewParams, parseViewParams, type SearchParams } from "@/lib/url-state";

export interface CoveragePoint {
  group: string;
  percentile: number;
  /** Mean across the group's queries of the share (percent) or summed magnitude per nat. */
  mean: number;
  std: number | null;
  /** Queries averaged over. */
  n: number;
  /** Mean number of documents in the top `percentile` percent of the tail: mean of ceil(p * n_q / 100). */
  meanCount: number;
}

/**
 * The Distribution page for one dataset and URL: its parameters (influence per nat falls
 * back to % of total, with a notice, when the dataset has no completion nats) and the
 * data for them. Null when the dataset does not exist.
 */
export const distributionView = consistently(async function distributionView(slug: string, searchParams: SearchParams) {
  const dataset = await findDataset(slug);
  if (!dataset) return null;
  const { values, notices } = parseViewParams(distributionViewParams, searchParams);
  let data = await distributionData(dataset.id, values.tail, values.unit);
  if (values.unit === "per_nat" && !data.hasNats) {
    notices.push("This dataset has no completion nats, so influence per nat cannot be shown; showing % of total instead.");
    values.unit = "percent";
    data = await distributionData(dataset.id, values.tail, values.unit);
  }
  return { dataset, values, notices, ...data };
});

/**
 * Everything the distribution view plots for one tail and unit: each group's coverage
 * curve (with the mean document count behind each percentile, for the count x axis) and
 * its log10 |score| histogram. Reads only precomputed rows (a few thousand at most).
 */
export async function distributionData(datasetId: number, tail: CoverageTail, unit: CoverageUnit) {
  const [groups, curves, histograms, coverage, queries] = await Promise.all([
    listGroups(datasetId),
    groupCoverage(datasetId, tail, unit),
    groupHistograms(datasetId, tail),
    coverageCounts(datasetId, tail),
    queryNats(datasetId),
  ]);
  const hasNats = queries.some((q) => q.nats !== null && q.nats > 0);
  const idxById = new Map(queries.map((q) => [q.externalId, q.idx]));
  // Per nat, the stored group curves average only the queries with nats; counts follow suit.
  const included = new Set(queries.filter((q) => unit === "percent" || (q.nats !== null && q.nats > 0)).map((q) => q.idx));
  const counts = new Map<string, number>();
  for (const c of coverage) counts.set(`${c.queryIdx}:${c.percentile}`, c.count);

  const points: CoveragePoint[] = curves.map((r) => {
    const group = groups.find((g) => g.key === r.group);
    const memberCounts: number[] = [];
    for (const id of group?.queryIds ?? []) {
      const idx = idxById.get(id);
      if (idx === undefined || !included.has(idx)) continue;
      const count = counts.get(`${idx}:${r.percentile}`);
      if (count !== undefined) memberCounts.push(count);
    }
    return { ...r, meanCount: memberCounts.length > 0 ? meanStd(memberCounts).mean : 0 };
  });

  return {
    hasNats,
    groups: groups.map((g) => ({ key: g.key, kind: g.kind, name: g.name, queryIds: g.queryIds })),
    points,
    histograms,
  };
}
