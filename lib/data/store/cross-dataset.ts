import "server-only";
import { getDatabase } from "@/lib/db/server";

/**
 * The compare view's stored cross-dataset statistics of two queries (table
 * `cross_query_statistics`, see prisma/schema.prisma): read by both datasets' ids and
 * query indices, written once on the first request for the pair. The pair is ordered
 * (A's magnitudes over B's).
 */

export interface QueryPair {
  datasetA: number;
  queryA: number;
  datasetB: number;
  queryB: number;
}

export interface StoredCrossStatistics {
  /** Documents both datasets hold; 0 when none (then every statistic is null). */
  shared: number;
  pearson: number | null;
  rankRatio: number | null;
  documentRatio: number | null;
  n: number;
}

/** The stored statistics of the pair, or null when not computed yet. */
export async function findCrossStatistics(pair: QueryPair): Promise<StoredCrossStatistics | null> {
  const { prisma } = await getDatabase();
  return prisma.crossQueryStatistics.findUnique({
    where: { datasetA_queryA_datasetB_queryB: pair },
    select: { shared: true, pearson: true, rankRatio: true, documentRatio: true, n: true },
  });
}

/**
 * Stores the pair's statistics on the primary; a pair already stored (a concurrent first
 * request) is left as it is. Not storing (the dataset replaced meanwhile, a role without
 * the grant) is logged, not an error: the caller holds the numbers anyway.
 */
export async function insertCrossStatistics(pair: QueryPair, statistics: StoredCrossStatistics): Promise<void> {
  const { primary: prisma } = await getDatabase(); // a write: never a read replica
  try {
    await prisma.crossQueryStatistics.createMany({ data: [{ ...pair, ...statistics }], skipDuplicates: true });
  } catch (error) {
    console.warn(`cross-dataset statistics of ${JSON.stringify(pair)} not stored: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  }
}
