import { beforeEach } from "vitest";
import { RUIS_DEMO_AVAILABLE, RUIS_DEMO_SKIP_REASON } from "./ruis-demo";

let warned = false;

/**
 * Call in the body of a describe whose tests read the authors' demo files: without them
 * each test is skipped with the reason as its note (shown by --reporter=verbose), and the
 * run says once why.
 */
export function needsRuisDemo(): void {
  if (!RUIS_DEMO_AVAILABLE && !warned) {
    warned = true;
    console.warn(`Skipping tests on the authors' data: ${RUIS_DEMO_SKIP_REASON}.`);
  }
  beforeEach((context) => context.skip(!RUIS_DEMO_AVAILABLE, RUIS_DEMO_SKIP_REASON));
}
