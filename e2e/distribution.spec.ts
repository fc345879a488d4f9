import { readFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import { expect as baseExpect, test, type APIRequestContext, type Page } from "@playwright/test";
import { skipWithoutRuisDemo } from "./fixtures";

// The shared dev server compiles on first visit and hydrates slowly under load.
const expect = baseExpect.configure({ timeout: 20_000 });

interface ApiQuery { id: string; set: string; control: boolean }
interface CoverageRow { queryId: string; percentile: number; count: number; share: number }

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** Mean share and mean document count at one percentile over a set's non-control queries, from the API. */
async function expectedPoint(request: APIRequestContext, slug: string, set: string, percentile: number, query = "") {
  const queries = (await (await request.get(`/api/datasets/${slug}/queries`)).json()) as ApiQuery[];
  const members = new Set(queries.filter((q) => q.set === set && !q.control).map((q) => q.id));
  const { rows } = (await (await request.get(`/api/datasets/${slug}/coverage${query}`)).json()) as { rows: CoverageRow[] };
  const at = rows.filter((r) => r.percentile === percentile && members.has(r.queryId));
  return { share: mean(at.map((r) => r.share)), count: mean(at.map((r) => r.count)) };
}

/** The cells of the coverage table's row for a group and percentile (opens the table first). */
async function coverageRow(page: Page, group: RegExp, percentile: string) {
  const section = page.getByRole("region", { name: "Coverage curves" });
  const details = section.locator("details");
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await section.getByText("Table of the plotted numbers").click();
  const row = section.getByRole("row").filter({ has: page.getByRole("rowheader", { name: group }) }).filter({ has: page.getByRole("cell", { name: percentile, exact: true }) });
  await expect(row).toHaveCount(1);
  return row.getByRole("cell");
}

/** Clicks a switch's label, as a user does (the radio itself is visually hidden). */
async function choose(page: Page, name: string) {
  await page.locator("label").filter({ has: page.getByRole("radio", { name, exact: true }) }).click();
}

test.describe("distribution view", () => {
  test.describe.configure({ timeout: 240_000 });

  test("coverage curves match the API, and every switch lives in the URL", async ({ page, request, browser }) => {
    await page.goto("/datasets/demo-35b/distribution");
    await expect(page.getByRole("img", { name: /^Coverage curves/ })).toBeVisible();
    await expect(page.getByRole("img", { name: /^Histograms of log10 \|score\|/ })).toBeVisible();
    await expect(page.getByRole("list", { name: "Coverage legend" }).getByRole("listitem")).toHaveText(["factual (40)", "reasoning (40)"]);

    const want = await expectedPoint(request, "demo-35b", "reasoning", 5);
    let cells = await coverageRow(page, /^reasoning/, "5%");
    expect(Number(await cells.nth(2).textContent())).toBeCloseTo(want.share, 2);
    // Only the paper's range (up to 5%) by default; the rest on request.
    await expect(page.getByRole("region", { name: "Coverage curves" }).getByRole("cell", { name: "50%", exact: true })).toHaveCount(0);

    await choose(page, "Document count");
    await expect(page).toHaveURL(/x=count/, { timeout: 60_000 });
    await expect(page.getByRole("img", { name: /against mean document count/ })).toBeVisible();
    cells = await coverageRow(page, /^reasoning/, "5%");
    expect(Number(await cells.nth(1).textContent())).toBeCloseTo(want.count, 1);

    await choose(page, "Per nat");
    await expect(page).toHaveURL(/unit=per_nat/, { timeout: 60_000 });
    await expect(page.getByRole("img", { name: /Summed positive influence per nat/ })).toBeVisible();
    const perNat = await expectedPoint(request, "demo-35b", "factual", 1, "?unit=per_nat");
    cells = await coverageRow(page, /^factual/, "1%");
    expect(Number(await cells.nth(2).textContent()) / perNat.share).toBeCloseTo(1, 3);

    await choose(page, "Negative");
    await choose(page, "Task types and controls");
    await expect(page).toHaveURL(/groups=types/, { timeout: 60_000 });
    await expect(page).toHaveURL(/tail=negative/);
    await expect(page.getByRole("list", { name: "Coverage legend" }).getByRole("listitem")).toHaveText([
      "factual (40)", "linear (20)", "slopes (20)", "factual control (10)", "reasoning control (10)",
    ]);

    // Back undoes the last switch.
    await page.goBack();
    await expect(page).not.toHaveURL(/groups=types/, { timeout: 60_000 });
    await expect(page.getByRole("radio", { name: "Factual vs reasoning" })).toBeChecked({ timeout: 45_000 });
    await page.goForward();
    await expect(page.getByRole("radio", { name: "Task types and controls" })).toBeChecked({ timeout: 45_000 });

    // A permalink restores the same view in a fresh browser.
    const url = page.url();
    const slopes = await (await coverageRow(page, /^slopes/, "2%")).allTextContents();
    const fresh = await browser.newContext();
    const other = await fresh.newPage();
    await other.goto(url);
    for (const name of ["Per nat", "Negative", "Document count", "Task types and controls"]) {
      await expect(other.getByRole("radio", { name })).toBeChecked();
    }
    expect(await (await coverageRow(other, /^slopes/, "2%")).allTextContents()).toEqual(slopes);
    await fresh.close();
  });

  test("exports download the rows shown", async ({ page }) => {
    await page.goto("/datasets/demo-7b/distribution?upto=100");
    const coverage = page.getByRole("group", { name: /^Export demo-7b-coverage/ });
    const [csv] = await Promise.all([page.waitForEvent("download"), coverage.getByRole("button", { name: "CSV" }).click()]);
    expect(csv.suggestedFilename()).toBe("demo-7b-coverage-positive-percent.csv");
    const lines = (await readFile((await csv.path())!, "utf8")).trim().split(/\r?\n/);
    expect(lines[0]).toBe("group,percentile,mean_documents,mean,std,n");
    expect(lines).toHaveLength(1 + 2 * 11);

    const histogram = page.getByRole("group", { name: /^Export demo-7b-histogram/ });
    const [json] = await Promise.all([page.waitForEvent("download"), histogram.getByRole("button", { name: "JSON" }).click()]);
    const rows = JSON.parse(await readFile((await json.path())!, "utf8")) as { group: string; share_percent: number }[];
    for (const group of ["factual (40)", "reasoning (40)"]) {
      const total = rows.filter((r) => r.group === group).reduce((sum, r) => sum + r.share_percent, 0);
      expect(total).toBeCloseTo(100, 6);
    }
    const [svg] = await Promise.all([page.waitForEvent("download"), coverage.getByRole("button", { name: "SVG" }).click()]);
    expect(await readFile((await svg.path())!, "utf8")).toContain("<path");

    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
  });

  test("datasets without nats explain per nat; bad parameters fall back with a notice", async ({ page }) => {
    skipWithoutRuisDemo();
    await page.goto("/datasets/ruis-7b/distribution?unit=per_nat&tail=sideways");
    await expect(page.getByRole("status").filter({ hasText: "no completion nats" })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: 'Ignored tail="sideways"' })).toBeVisible();
    await expect(page.getByRole("radio", { name: "Per nat" })).toBeDisabled();
    await expect(page.getByRole("radio", { name: "% of total" })).toBeChecked();
    await expect(page.getByRole("radio", { name: "Positive" })).toBeChecked();
    await expect(page.getByText(/round up to a single document/)).toBeVisible();
    await expect(page.getByRole("img", { name: /^Coverage curves/ })).toBeVisible();
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
  });
});
