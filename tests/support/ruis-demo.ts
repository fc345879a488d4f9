/**
 * Where the authors' demo files (Ruis et al.'s answer_and_slope_pretraining_data_prepared_*.json)
 * are, for every test and the e2e seed. They are not redistributable, so they sit beside
 * the checkout in ../shared/data/ruis-demo; RUIS_DEMO_DIR points elsewhere (relative paths
 * from the repository root). Tests that need them skip, saying why, when they are absent:
 * `RUIS_DEMO_DIR=/nonexistent` runs everything else.
 * Plain module (no test runner): vitest, Playwright and e2e/seed.ts import it.
 */
import { existsSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

export const RUIS_DEMO_DIR = path.resolve(ROOT, process.env.RUIS_DEMO_DIR || "../shared/data/ruis-demo");

export const RUIS_DEMO_MODELS = ["7B", "35B"] as const;

/** The authors' file for one model. */
export const ruisDemoFile = (model: (typeof RUIS_DEMO_MODELS)[number]) =>
  path.join(RUIS_DEMO_DIR, `answer_and_slope_pretraining_data_prepared_${model}.json`);

/** Both models' files are present. */
export const RUIS_DEMO_AVAILABLE = RUIS_DEMO_MODELS.every((model) => existsSync(ruisDemoFile(model)));

/** Why a test on the authors' data skipped. */
export const RUIS_DEMO_SKIP_REASON = `the authors' demo files are absent from ${RUIS_DEMO_DIR} (set RUIS_DEMO_DIR to their folder)`;
