import "server-only";
import { getDatabase } from "@/lib/db/server";
import { SLUG_PATTERN } from "@/lib/identifiers";

export interface DatasetSummary {
  slug: string;
  name: string;
  model: string | null;
  method: string | null;
  description: string | null;
  synthetic: boolean;
  origin: string | null;
  queryCount: number;
  documentCount: number;
  hasGlobalRanks: boolean;
  createdAt: string;
}

const datasetSelect = {
  id: true, slug: true, name: true, model: true, method: true, description: true, synthetic: true, origin: true,
  queryCount: true, documentCount: true, hasGlobalRanks: true, createdAt: true,
} as const;

function toSummary({ id: _id, createdAt, ...rest }: { id: number; createdAt: Date } & Omit<DatasetSummary, "createdAt">): DatasetSummary {
  return { ...rest, createdAt: createdAt.toISOString() };
}

/** Every dataset, in slug order. */
export async function listDatasets(): Promise<DatasetSummary[]> {
  const { prisma } = await getDatabase();
  const rows = await prisma.dataset.findMany({ select: datasetSelect, orderBy: { slug: "asc" } });
  return rows.map(toSummary);
}

/** A dataset as the reads need it: its summary and its internal id. */
export type Dataset = DatasetSummary & { id: number };

/** One dataset with its internal id (for further reads), or null. */
export async function findDataset(slug: string): Promise<Dataset | null> {
  if (!SLUG_PATTERN.test(slug)) return null;
  const { prisma } = await getDatabase();
  const row = await prisma.dataset.findUnique({ select: datasetSelect, where: { slug } });
  return row ? { ...toSummary(row), id: row.id } : null;
}
