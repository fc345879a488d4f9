import type { SqlClient } from "@/lib/db/sql";
import { ingestDataset, type IngestSummary } from "@/lib/ingest/write-dataset";
import { generateDemoDataset } from "./generate";

/** Loads the synthetic demo datasets ("demo-7b", "demo-35b"); each is its own transaction. */
export async function seedDemoDatasets(sql: SqlClient, options: { documents?: number } = {}): Promise<IngestSummary[]> {
  const summaries: IngestSummary[] = [];
  for (const model of ["7b", "35b"] as const) {
    summaries.push(await ingestDataset(sql, generateDemoDataset(model, options), { replace: true }));
  }
  return summaries;
}
