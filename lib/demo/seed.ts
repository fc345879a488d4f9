import type { SqlClient } from "@/lib/db/sql";
import { ingestDataset, type IngestSummary } from "@/lib/ingest/write-dataset";
import { generateDemoDataset } from "./generate";
import { trakLikeDataset } from "./trak";

/**
 * Loads the synthetic demo datasets ("demo-7b", "demo-35b", and "demo-7b-trak", a second
 * method over demo-7b's corpus and queries for the agreement view); each is its own
 * transaction.
 */
export async function seedDemoDatasets(sql: SqlClient, options: { documents?: number } = {}): Promise<IngestSummary[]> {
  const summaries: IngestSummary[] = [];
  for (const model of ["7b", "35b"] as const) {
    const input = generateDemoDataset(model, options);
    summaries.push(await ingestDataset(sql, input, { replace: true }));
    if (model === "7b") summaries.push(await ingestDataset(sql, trakLikeDataset(input), { replace: true }));
  }
  return summaries;
}
