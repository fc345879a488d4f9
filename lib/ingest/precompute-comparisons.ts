/**
 * After a dataset is committed, the comparisons with every other dataset that requests
 * would otherwise compute on their first visit (seconds of whole score columns at a
 * million documents, a join of the corpora when they list different documents):
 *   - the document alignment of the two datasets, in both orders (the compare and the
 *     agreement's query view read it in the order the user chose);
 *   - the agreement (GET /api/agreement, /agreement);
 *   - the compare's cross-dataset statistics of the query pairs the compare page links,
 *     in both orders: each query with the first query of the other dataset that has its
 *     prompt (lib/data/views/compare linkedQueryPairs).
 * Each is the request path's own function (find the row, else compute and store it), so
 * a precomputed row is the row the first request would have stored, and a pair not
 * precomputed (two queries of different prompts) is still computed on its first request.
 * Loaded only after allowServerModules (lib/db/server-process): these are the web app's
 * data modules.
 */
import { performance } from "node:perf_hooks";
import type { Database } from "@/lib/db/database";
import { withDatabase } from "@/lib/db/server";
import { findDataset, listDatasets } from "@/lib/data/store/datasets";
import { documentAlignment } from "@/lib/data/store/documents";
import { storedOrComputed } from "@/lib/data/views/agreement-stats";
import { linkedQueryPairs, storedCrossStatistics } from "@/lib/data/views/compare";
import type { IngestProgress } from "./write-dataset";

export interface ComparisonsSummary {
  /** Datasets compared with the new one. */
  datasets: number;
  /** Query pairs whose cross-dataset statistics are stored (both orders counted). */
  queryPairs: number;
  seconds: number;
}

/**
 * Stores the comparisons of dataset `slug` with every other dataset in `db` (rows already
 * there are kept). Progress is reported a step at a time, one phase per other dataset.
 */
export async function precomputeComparisons(
  db: Database,
  slug: string,
  onProgress: (progress: IngestProgress) => void = () => undefined,
): Promise<ComparisonsSummary> {
  const started = performance.now();
  return withDatabase(db, async () => {
    const dataset = await findDataset(slug);
    if (!dataset) throw new Error(`no dataset "${slug}"`);
    const others = (await listDatasets()).filter((d) => d.slug !== slug);
    let queryPairs = 0;
    for (const summary of others) {
      const other = await findDataset(summary.slug);
      if (!other) continue; // replaced or deleted meanwhile
      const phase = `comparisons with ${other.slug}`;
      const alignment = await documentAlignment(dataset.id, other.id);
      await documentAlignment(other.id, dataset.id);
      if (alignment.shared === 0) continue; // nothing to compare: requests say so from the alignment row
      const pairs = [...(await linkedQueryPairs(dataset.id, other.id)), ...(await linkedQueryPairs(other.id, dataset.id))];
      const total = pairs.length + 1;
      onProgress({ phase, done: 0, total });
      await (dataset.id < other.id ? storedOrComputed(dataset, other) : storedOrComputed(other, dataset));
      onProgress({ phase, done: 1, total });
      for (const [i, pair] of pairs.entries()) {
        if (await storedCrossStatistics(pair)) queryPairs++;
        onProgress({ phase, done: i + 2, total });
      }
    }
    return { datasets: others.length, queryPairs, seconds: (performance.now() - started) / 1000 };
  });
}
