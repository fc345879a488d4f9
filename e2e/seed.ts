/**
 * The end-to-end tests' database: the synthetic demo datasets, a small Kronfluence run
 * ingested from its folders as the library writes them ("kronfluence-run": provenance,
 * self-influence, per-token scores; tests/support/kronfluence-run.ts), a small dataset whose
 * documents put the prompt's numbers inside identifiers and longer numbers ("word-bounds":
 * e2e/word-bounds-data.ts; the demo's documents never do), and the authors' real
 * files as "ruis-7b" / "ruis-35b" when they are in RUIS_DEMO_DIR (default
 * ../shared/data/ruis-demo; specs that need them skip, saying so, when they are not).
 */
import { databaseTarget } from "@/lib/db/config";
import { openDatabase } from "@/lib/db/database";
import { migrate } from "@/lib/db/migrate";
import { seedDemoDatasets } from "@/lib/demo/seed";
import { readRuisDemo } from "@/lib/ingest/readers/ruis-demo";
import path from "node:path";
import { runIngest } from "@/lib/ingest/run-ingest";
import { ingestDataset } from "@/lib/ingest/write-dataset";
import { kronfluenceRunArgs, writeKronfluenceRun } from "@/tests/support/kronfluence-run";
import { RUIS_DEMO_AVAILABLE, RUIS_DEMO_DIR, RUIS_DEMO_MODELS, RUIS_DEMO_SKIP_REASON, ruisDemoFile } from "@/tests/support/ruis-demo";
import { wordBoundsDataset } from "./word-bounds-data";

const db = await openDatabase(databaseTarget());
try {
  await migrate(db.sql);
  await seedDemoDatasets(db.sql);
  const run = await writeKronfluenceRun(path.resolve(".e2e/kronfluence-run"));
  if ((await runIngest([...kronfluenceRunArgs(run, "kronfluence-run"), "--replace"], process, { database: db })) !== 0) {
    throw new Error("e2e: the Kronfluence run was refused (see above)");
  }
  await ingestDataset(db.sql, wordBoundsDataset(), { replace: true });
  if (RUIS_DEMO_AVAILABLE) {
    for (const model of RUIS_DEMO_MODELS) {
      const input = await readRuisDemo(ruisDemoFile(model));
      input.meta.slug = `ruis-${model.toLowerCase()}`;
      await ingestDataset(db.sql, input, { replace: true });
    }
    console.log("e2e: loaded ruis-7b and ruis-35b from", RUIS_DEMO_DIR);
  } else {
    console.log(`e2e: ${RUIS_DEMO_SKIP_REASON}; specs on them will be skipped`);
  }
} finally {
  await db.close();
}
