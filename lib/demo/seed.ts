import type { SqlClient } from "../db/sql.ts";
import { ingestDataset, type IngestSummary } from "../ingest/write-dataset.ts";
import { generateDemoDataset } from "./generate.ts";

/** Loads the synthetic demo datasets ("demo-7b", "demo-35b"); each is its own transaction. */
export async function seedDemoDatasets(sql: SqlClient, options: { documents?: number } = {}): Promise<IngestSummary[]> {
  const summaries: IngestSummary[] = [];
  for (const model of ["7b", "35b"] as const) {
    summaries.push(await ingestDataset(sql, generateDemoDataset(model, options), { replace: true }));
  }
  return summaries;
}
