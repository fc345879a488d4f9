/**
 * What the e2e specs share: their data and when a page is ready.
 *
 * The authors' demo files load as "ruis-7b" and "ruis-35b" (e2e/seed.ts) when present in
 * RUIS_DEMO_DIR (default ../shared/data/ruis-demo, see tests/support/ruis-demo.ts); specs
 * on them call `skipWithoutRuisDemo()` so that, without the files, they skip saying why
 * instead of failing.
 */
import { expect, test, type Page } from "@playwright/test";
import { RUIS_DEMO_AVAILABLE, RUIS_DEMO_SKIP_REASON } from "@/tests/support/ruis-demo";

export { RUIS_DEMO_AVAILABLE, RUIS_DEMO_DIR } from "@/tests/support/ruis-demo";

/**
 * Skips the current test (called in its body) or every test of a describe (called in the
 * describe's body) when the authors' files are absent. Against a server of your own
 * (E2E_BASE_URL) that lacks them, set RUIS_DEMO_DIR to a missing folder.
 */
export function skipWithoutRuisDemo(): void {
  test.skip(!RUIS_DEMO_AVAILABLE, RUIS_DEMO_SKIP_REASON);
}

/**
 * Waits until the header has hydrated: its theme toggle marks a choice only then, and the
 * page's controls respond from then on. (A view's own shortcuts may hydrate later, in
 * their own boundary: wait for their own marker, as the query view's "/" does.)
 */
export async function hydrated(page: Page): Promise<void> {
  await expect(page.getByRole("group", { name: "Theme" }).locator("[aria-pressed=true]")).toHaveCount(1, { timeout: 20_000 });
}
