/**
 * The end-to-end tests' database: the synthetic demo datasets, and the authors' real
 * files as "ruis-7b" / "ruis-35b" when ../shared/data/ruis-demo is beside the checkout
 * (specs that need them skip, saying so, when it is not).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { databaseTarget } from "../lib/db/config.ts";
import { openDatabase } from "../lib/db/database.ts";
import { migrate } from "../lib/db/migrate.ts";
import { seedDemoDatasets } from "../lib/demo/seed.ts";
import { readRuisDemo } from "../lib/ingest/readers/ruis-demo.ts";
import { ingestDataset } from "../lib/ingest/write-dataset.ts";

const RUIS_DIR = path.resolve(import.meta.dirname, "../../shared/data/ruis-demo");

const db = await openDatabase(databaseTarget());
try {
  await migrate(db.sql);
  await seedDemoDatasets(db.sql);
  if (existsSync(RUIS_DIR)) {
    for (const model of ["7B", "35B"]) {
      const input = await readRuisDemo(path.join(RUIS_DIR, `answer_and_slope_pretraining_data_prepared_${model}.json`));
      input.meta.slug = `ruis-${model.toLowerCase()}`;
      await ingestDataset(db.sql, input, { replace: true });
    }
    console.log("e2e: loaded ruis-7b and ruis-35b from", RUIS_DIR);
  } else {
    console.log(`e2e: ${RUIS_DIR} is absent; specs on the authors' data will be skipped`);
  }
} finally {
  await db.close();
}
