import "server-only";
import { getDatabase } from "@/lib/db/server";

/**
 * The stored agreement of two datasets (table `agreements`, see prisma/schema.prisma):
 * read by the pair's ids, written once on the first request for the pair.
 */

/** One shared query's statistics as stored (JSON: an undefined value is null). */
export interface StoredAgreementRow {
  queryId: string;
  /** The query's input index in the first and in the second dataset. */
  indexA: number;
  indexB: number;
  pearson: number | null;
  spearman: number | null;
  /** One per k of the record's `ks`. */
  jaccard: (number | null)[];
}

/** A pair's agreement, dataset A being the one with the lower id. */
export interface StoredAgreement {
  datasetA: number;
  datasetB: number;
  queriesShared: number;
  documentsShared: number;
  ks: number[];
  rows: StoredAgreementRow[];
}

/** The stored agreement of datasets `datasetA` < `datasetB`, or null when not computed yet. */
export async function findAgreement(datasetA: number, datasetB: number): Promise<StoredAgreement | null> {
  const { prisma } = await getDatabase();
  const row = await prisma.agreement.findUnique({ where: { datasetA_datasetB: { datasetA, datasetB } } });
  if (!row) return null;
  return {
    datasetA: row.datasetA,
    datasetB: row.datasetB,
    queriesShared: row.queriesShared,
    documentsShared: row.documentsShared,
    ks: row.ks,
    rows: row.rows as unknown as StoredAgreementRow[],
  };
}

/**
 * Stores a pair's agreement; a pair already stored (a concurrent first request) is left
 * as it is (ON CONFLICT DO NOTHING, which needs only INSERT). Not storing is never an
 * error for the caller, who holds the numbers anyway: a failure (the dataset replaced
 * meanwhile, a role without the grant) is logged and reported as false.
 */
export async function insertAgreement(record: StoredAgreement): Promise<boolean> {
  const { primary: prisma } = await getDatabase(); // a write: never a read replica
  try {
    await prisma.agreement.createMany({
      data: [{ ...record, rows: record.rows as unknown as object[] }],
      skipDuplicates: true,
    });
    return true;
  } catch (error) {
    console.warn(`agreement of datasets ${record.datasetA} and ${record.datasetB} not stored: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
    return false;
  }
}

/** The queries two datasets share (same id): their index in A and in B, in A's order. */
export async function sharedQueryIndices(datasetA: number, datasetB: number): Promise<{ queryId: string; ia: number; ib: number }[]> {
  const { prisma } = await getDatabase();
  return prisma.$queryRaw<{ queryId: string; ia: number; ib: number }[]>`
    SELECT x.external_id AS "queryId", x.idx AS ia, y.idx AS ib FROM queries x JOIN queries y
      ON y.dataset_id = ${datasetB} AND y.external_id = x.external_id
    WHERE x.dataset_id = ${datasetA} ORDER BY x.idx`;
}
