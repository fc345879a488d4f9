import "server-only";
import { getDatabase } from "@/lib/db/server";
import type { DatasetMeta, DatasetProvenance } from "@/lib/domain/records";
import { SLUG_PATTERN } from "@/lib/identifiers";

/** A stored dataset: its labels (as ingested) and its size. */
export interface DatasetSummary extends Omit<DatasetMeta, "provenance"> {
  queryCount: number;
  documentCount: number;
  hasGlobalRanks: boolean;
  /** Whether documents carry self-influence (and rankings may be self-normalised). */
  hasSelfInfluence: boolean;
  createdAt: string;
}

const datasetSelect = {
  id: true, slug: true, name: true, model: true, method: true, description: true, synthetic: true, origin: true,
  queryCount: true, documentCount: true, hasGlobalRanks: true, hasSelfInfluence: true, createdAt: true,
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

/**
 * A dataset as the reads need it: its summary, its internal id and its revision (which
 * goes up when its ground truth is replaced in place; a replaced dataset gets a new id).
 */
export type Dataset = DatasetSummary & { id: number; revision: number };

/** One dataset with its internal id (for further reads), or null. */
export async function findDataset(slug: string): Promise<Dataset | null> {
  if (!SLUG_PATTERN.test(slug)) return null;
  const { prisma } = await getDatabase();
  const row = await prisma.dataset.findUnique({ select: { ...datasetSelect, revision: true }, where: { slug } });
  if (!row) return null;
  const { revision, ...summary } = row;
  return { ...toSummary(summary), id: row.id, revision };
}

/** A dataset's document count by its internal id, or null when there is no such dataset. */
export async function datasetDocumentCount(datasetId: number): Promise<number | null> {
  const { prisma } = await getDatabase();
  const row = await prisma.dataset.findUnique({ select: { documentCount: true }, where: { id: datasetId } });
  return row?.documentCount ?? null;
}

/** What the run recorded and the files read at ingest (null for datasets loaded before provenance was kept). */
export async function datasetProvenance(datasetId: number): Promise<DatasetProvenance | null> {
  const { prisma } = await getDatabase();
  const row = await prisma.dataset.findUnique({ select: { provenance: true }, where: { id: datasetId } });
  // Written only by the ingest, from a DatasetProvenance.
  return (row?.provenance ?? null) as DatasetProvenance | null;
}

/**
 * Runs a read of the dataset a slug names so that it sees one dataset whole: `--replace`
 * commits a new dataset (a new id) under the same slug, and a read that began on the old
 * one would find its rows gone half-way (empty lists, or an error); `--ground-truth-only`
 * replaces its ground truth and raises its revision. Ids are never reused and revisions
 * only go up, so when the slug names the same id and revision after the read as before
 * it, every statement in between read that dataset; otherwise the read runs again.
 */
export async function readConsistently<T>(slug: string, read: () => Promise<T>): Promise<T> {
  const version = async () => {
    const dataset = await findDataset(slug);
    return dataset && `${dataset.id}.${dataset.revision}`;
  };
  for (let attempt = 1; ; attempt++) {
    const before = await version();
    let outcome: { value: T } | { error: unknown };
    try {
      outcome = { value: await read() };
    } catch (error) {
      outcome = { error };
    }
    const after = await version();
    if (before === after || attempt === 3) {
      if ("error" in outcome) throw outcome.error;
      return outcome.value;
    }
  }
}

/**
 * A view or handler whose first argument is a dataset slug, read consistently
 * (readConsistently): its caller sees the dataset before or after a replacement, never a mix.
 */
export function consistently<Rest extends unknown[], T>(read: (slug: string, ...rest: Rest) => Promise<T>) {
  return (slug: string, ...rest: Rest): Promise<T> => readConsistently(slug, () => read(slug, ...rest));
}
