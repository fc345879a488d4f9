import "server-only";
import { getDatabase } from "../db/server.ts";
import type { CoverageTail, CoverageUnit } from "@/lib/domain/vocabulary";
import { groupCoverage, groupHistograms, listGroups } from "./statistics.ts";

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
 * Everything the distribution view plots for one tail and unit: each group's coverage
 * curve (with the mean document count behind each percentile, for the count x axis) and
 * its log10 |score| histogram. Reads only precomputed rows (a few thousand at most).
 */
export async function distributionData(datasetId: number, tail: CoverageTail, unit: CoverageUnit) {
  const { prisma } = await getDatabase();
  const [groups, curves, histograms, coverage, queries] = await Promise.all([
    listGroups(datasetId),
    groupCoverage(datasetId, tail, unit),
    groupHistograms(datasetId, tail),
    prisma.coverage.findMany({ where: { datasetId, tail }, select: { queryIdx: true, percentile: true, count: true } }),
    prisma.query.findMany({ where: { datasetId }, select: { idx: true, externalId: true, nats: true }, orderBy: { idx: "asc" } }),
  ]);
  const hasNats = queries.some((q) => q.nats !== null && q.nats > 0);
  const idxById = new Map(queries.map((q) => [q.externalId, q.idx]));
  // Per nat, the stored group curves average only the queries with nats; counts follow suit.
  const included = new Set(queries.filter((q) => unit === "percent" || (q.nats !== null && q.nats > 0)).map((q) => q.idx));
  const counts = new Map<string, number>();
  for (const c of coverage) counts.set(`${c.queryIdx}:${c.percentile}`, c.count);

  const points: CoveragePoint[] = curves.map((r) => {
    const group = groups.find((g) => g.key === r.group);
    let total = 0;
    let n = 0;
    for (const id of group?.queryIds ?? []) {
      const idx = idxById.get(id);
      if (idx === undefined || !included.has(idx)) continue;
      const count = counts.get(`${idx}:${r.percentile}`);
      if (count === undefined) continue;
      total += count;
      n++;
    }
    return { ...r, meanCount: n > 0 ? total / n : 0 };
  });

  return {
    hasNats,
    groups: groups.map((g) => ({ key: g.key, kind: g.kind, name: g.name, queryIds: g.queryIds })),
    points,
    histograms,
  };
}
