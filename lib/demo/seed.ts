import type { SqlClient } from "@/lib/db/sql";
import { ingestDataset, type IngestSummary } from "@/lib/ingest/write-dataset";
import { bm25DemoDataset } from "./bm25";
import { generateDemoDataset } from "./generate";
import { demoGroundTruth } from "./ground-truth";
import { trakLikeDataset } from "./trak";

/**
 * Loads the synthetic demo datasets: "demo-7b", "demo-35b", and over demo-7b's corpus and
 * queries "demo-7b-trak" (a second method) and "demo-7b-bm25" (the lexical baseline) for
 * the agreement view; the three demo-7b datasets carry the same ground truth (the
 * documents that contain each factual answer) for the retrieval evaluation. Each is its
 * own transaction.
 */
export async function seedDemoDatasets(sql: SqlClient, options: { documents?: number } = {}): Promise<IngestSummary[]> {
  const summaries: IngestSummary[] = [];
  for (const model of ["7b", "35b"] as const) {
    const input = generateDemoDataset(model, options);
    if (model === "7b") input.relevant = demoGroundTruth(input);
    summaries.push(await ingestDataset(sql, input, { replace: true }));
    if (model === "7b") {
      summaries.push(await ingestDataset(sql, { ...trakLikeDataset(input), relevant: input.relevant }, { replace: true }));
      summaries.push(await ingestDataset(sql, bm25DemoDataset(input), { replace: true }));
    }
  }
  return summaries;
}
