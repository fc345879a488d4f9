import "server-only";
import { datasetProvenance, type Dataset, type DatasetSummary } from "@/lib/data/store/datasets";
import type { DatasetProvenance } from "@/lib/domain/records";

/**
 * The dataset a /datasets/[slug] page is about, for its layout (the header) and its
 * title (generateMetadata); the page bodies read their own view, which finds it too.
 */
export { findDataset, type Dataset, type DatasetSummary } from "@/lib/data/store/datasets";

/** A dataset's summary (as the list gives it) with its provenance (GET /api/datasets/{slug}). */
export async function datasetDetail(dataset: Dataset): Promise<DatasetSummary & { provenance: DatasetProvenance | null }> {
  const { id, revision: _revision, ...summary } = dataset;
  return { ...summary, provenance: await datasetProvenance(id) };
}
