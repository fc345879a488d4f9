import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { skipWithoutRuisDemo } from "./fixtures";

interface SourceRow { group: string; source: string; k: number; count: number; multiplier: number }

async function sources(page: Page, slug: string, tail: "top" | "bottom"): Promise<SourceRow[]> {
  const response = await page.request.get(`/api/datasets/${slug}/sources?tail=${tail}`);
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { rows: SourceRow[] }).rows;
}

function apiMultiplier(rows: SourceRow[], group: string, source: string, k: number): number {
  const row = rows.find((r) => r.group === group && r.source === source && r.k === k);
  expect(row, `${group} ${source} k=${k} in the API`).toBeDefined();
  return row!.multiplier;
}

/** Opens the table of plotted numbers (a <details> that keeps its state across re-renders). */
async function openMultiplierTable(page: Page) {
  const details = page.locator("details").filter({ hasText: "Table of the plotted multipliers" });
  if ((await details.getAttribute("open")) === null) await details.locator("summary").click();
  await expect(details).toHaveAttribute("open", "");
}

/** The multiplier the page's table of plotted numbers shows for a group, source and k. */
async function shownMultiplier(page: Page, group: string, source: string, k: string): Promise<number> {
  const table = page.getByRole("table", { name: /^Source multipliers/ });
  const row = table.getByRole("row").filter({ has: page.getByRole("cell", { name: group, exact: true }) })
    .filter({ has: page.getByRole("cell", { name: source, exact: true }) })
    .filter({ has: page.getByRole("cell", { name: k, exact: true }) });
  await expect(row).toHaveCount(1);
  const text = (await row.getByRole("cell").last().textContent()) ?? "";
  return Number(text.replace("×", ""));
}

test.describe("concentration view", () => {
  // Each toggle re-renders the page on the server; allow for a cold dev server.
  test.describe.configure({ timeout: 90_000 });

  test("reasoning's top documents over-represent math_and_trivia and under-represent wiki; bottom tail via the URL", async ({ page }) => {
    await page.goto("/datasets/demo-7b/concentration");
    await expect(page.getByRole("heading", { name: /Which sources the most influential documents come from/ })).toBeVisible();
    const top = await sources(page, "demo-7b", "top");

    // One chart per set, side by side, each an image with a label naming what it shows.
    const reasoningChart = page.getByRole("img", { name: /^Source multipliers for reasoning \(40 queries\) among the top-k/ });
    await expect(reasoningChart).toBeVisible();
    await expect(page.getByRole("img", { name: /^Source multipliers for factual/ })).toBeVisible();
    await expect(reasoningChart).toHaveAccessibleName(/highest math_and_trivia/);

    await openMultiplierTable(page);
    const mathShown = await shownMultiplier(page, "reasoning", "math_and_trivia", "50");
    const wikiShown = await shownMultiplier(page, "reasoning", "wiki", "50");
    expect(mathShown).toBeGreaterThan(10);
    expect(wikiShown).toBeLessThan(1);
    expect(mathShown).toBeCloseTo(apiMultiplier(top, "set:reasoning", "math_and_trivia", 50), 1);
    expect(wikiShown).toBeCloseTo(apiMultiplier(top, "set:reasoning", "wiki", 50), 2);
    // Factual top documents over-represent wiki instead.
    expect(await shownMultiplier(page, "factual", "wiki", "50")).toBeGreaterThan(1);

    // Hovering a marker tells its numbers.
    await reasoningChart.locator("circle").first().hover({ force: true });
    await expect(page.getByRole("tooltip")).toContainText(/top-50: .*× \(\d+ documents\)/);

    await page.getByRole("button", { name: "Bottom (most negative)" }).click();
    // The URL changes once the server has rendered the bottom tail.
    await expect(page).toHaveURL(/[?&]tail=bottom/, { timeout: 30_000 });
    await expect(page.getByRole("button", { name: "Bottom (most negative)" })).toHaveAttribute("aria-pressed", "true");
    await expect(page.getByRole("img", { name: /^Source multipliers for reasoning \(40 queries\) among the bottom-k/ })).toBeVisible();
    const bottom = await sources(page, "demo-7b", "bottom");
    const bottomMath = apiMultiplier(bottom, "set:reasoning", "math_and_trivia", 50);
    expect(bottomMath).not.toBeCloseTo(apiMultiplier(top, "set:reasoning", "math_and_trivia", 50), 0);
    await expect(page.getByRole("table", { name: "Source multipliers, bottom-k" })).toBeAttached();
    await openMultiplierTable(page);
    expect(await shownMultiplier(page, "reasoning", "math_and_trivia", "50")).toBeCloseTo(bottomMath, 1);

    // Back restores the top tail.
    await page.goBack();
    await expect(page.getByRole("img", { name: /^Source multipliers for reasoning \(40 queries\) among the top-k/ })).toBeVisible({ timeout: 30_000 });
  });

  test("task types give one panel per type and control group", async ({ page }) => {
    await page.goto("/datasets/demo-7b/concentration");
    // The charts are drawn once the page is interactive (they measure their width).
    await expect(page.getByRole("img", { name: /^Source multipliers for reasoning/ })).toBeVisible();
    await page.getByRole("button", { name: "Task types" }).click();
    await expect(page).toHaveURL(/[?&]groups=types/, { timeout: 30_000 });
    for (const name of ["factual", "arithmetic", "slopes", "factual_control", "reasoning_control"]) {
      await expect(page.getByRole("img", { name: new RegExp(`^Source multipliers for ${name} \\(`) })).toBeVisible();
    }
  });

  test("the power-law table shows both sets with the Welch t-test, answer occurrence and task documents", async ({ page }) => {
    await page.goto("/datasets/demo-7b/concentration");
    const power = (await (await page.request.get("/api/datasets/demo-7b/powerlaw")).json()) as {
      tests: { subset: string; test: { t: number; df: number; p: number } | null; reasoning: { mean: number; n: number } }[];
    };
    const table = page.getByRole("table", { name: "Power-law alpha per group" });
    await expect(table.getByRole("rowheader", { name: "reasoning", exact: true })).toBeVisible();
    await expect(table.getByRole("rowheader", { name: "factual", exact: true })).toBeVisible();
    const all = power.tests.find((t) => t.subset === "all")!;
    const reasoningRow = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "reasoning", exact: true }) });
    await expect(reasoningRow.getByRole("cell").nth(1)).toContainText(all.reasoning.mean.toFixed(3));
    const testRow = table.getByRole("row").filter({ hasText: "Welch t-test" });
    await expect(testRow).toContainText(`t = ${all.test!.t.toFixed(2)}`);
    const expectedStars = all.test!.p < 0.001 ? "***" : all.test!.p < 0.01 ? "**" : all.test!.p < 0.05 ? "*" : "n.s.";
    await expect(testRow.getByRole("cell").first()).toContainText(expectedStars);

    // Answer occurrence: the factual correct bar, computed independently from the queries.
    const queries = (await (await page.request.get("/api/datasets/demo-7b/queries")).json()) as {
      set: string; control: boolean; correct: boolean | null; answerRanks: number[] | null;
    }[];
    const correctFactual = queries.filter((q) => q.set === "factual" && !q.control && q.correct === true && q.answerRanks !== null);
    const hits = correctFactual.filter((q) => q.answerRanks!.length > 0).length;
    const expected = `${Math.round((100 * hits) / correctFactual.length)}% (${hits} of ${correctFactual.length})`;
    await expect(page.getByRole("img", { name: /^Answer occurrence in the top 500/ })).toContainText(expected);

    // Task-wide documents: the first reasoning type by default, linking to each document.
    const task = page.getByRole("combobox", { name: "Task" });
    await expect(task).toHaveValue("type:arithmetic");
    const docs = page.getByRole("table", { name: "Documents most influential across arithmetic" });
    await expect(docs.getByRole("row")).toHaveCount(21);
    await expect(docs.getByRole("row").nth(1).getByRole("link")).toHaveAttribute("href", /^\/datasets\/demo-7b\/documents\/.+/);
    await expect(docs.getByRole("row").nth(1).getByRole("cell").nth(2)).toHaveText(/^\d+ \/ 20$/);
    await task.selectOption("type:slopes");
    await expect(page).toHaveURL(/task=type%3Aslopes|task=type:slopes/, { timeout: 30_000 });
    await expect(page.getByRole("table", { name: "Documents most influential across slopes" })).toBeVisible({ timeout: 30_000 });

    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious, JSON.stringify(serious.map((v) => [v.id, v.nodes.map((n) => n.target)]), null, 1)).toEqual([]);
  });

  test("a permalink opens the same view in a fresh browser, and a bad parameter falls back with a notice", async ({ page, browser }) => {
    await page.goto("/datasets/demo-35b/concentration?tail=bottom&groups=types&task=type:slopes");
    const fresh = await browser.newContext();
    const other = await fresh.newPage();
    await other.goto(page.url());
    await expect(other.getByRole("button", { name: "Bottom (most negative)" })).toHaveAttribute("aria-pressed", "true");
    await expect(other.getByRole("button", { name: "Task types" })).toHaveAttribute("aria-pressed", "true");
    await expect(other.getByRole("combobox", { name: "Task" })).toHaveValue("type:slopes");
    await fresh.close();

    await page.goto("/datasets/demo-7b/concentration?tail=sideways&task=nope");
    await expect(page.getByRole("status").filter({ hasText: 'Ignored tail="sideways"' })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: 'Ignored task="nope"' })).toBeVisible();
    await expect(page.getByRole("button", { name: "Top (most positive)" })).toHaveAttribute("aria-pressed", "true");
  });

  test("exports download the plotted rows", async ({ page }) => {
    await page.goto("/datasets/demo-7b/concentration");
    const panel = page.getByRole("figure", { name: /reasoning/ });
    const [download] = await Promise.all([page.waitForEvent("download"), panel.getByRole("button", { name: "CSV" }).click()]);
    expect(download.suggestedFilename()).toBe("demo-7b-multipliers-top-set-reasoning.csv");
    const csv = await (await download.createReadStream()).toArray();
    const lines = Buffer.concat(csv).toString("utf8").trim().split(/\r\n/);
    expect(lines[0]).toBe("group,tail,source,k,count,multiplier");
    const ks = (await sources(page, "demo-7b", "top")).filter((r) => r.group === "set:reasoning");
    expect(lines).toHaveLength(ks.length + 1);
    const [svgDownload] = await Promise.all([page.waitForEvent("download"), panel.getByRole("button", { name: "SVG" }).click()]);
    expect(svgDownload.suggestedFilename()).toBe("demo-7b-multipliers-top-set-reasoning.svg");
  });

  test("ruis-7b (76 documents) explains why there are no multipliers instead of an empty chart", async ({ page }) => {
    skipWithoutRuisDemo();
    await page.goto("/datasets/ruis-7b/concentration");
    const note = page.getByRole("note").filter({ hasText: "No source multipliers for this dataset." });
    await expect(note).toBeVisible();
    await expect(note).toContainText("76 documents");
    await expect(note).toContainText("k ≤ D/10");
    const corpus = note.getByRole("table", { name: "Corpus documents per source" });
    const counts = (await (await page.request.get("/api/datasets/ruis-7b/sources?tail=top")).json()) as { corpus: { source: string; count: number }[] };
    await expect(corpus.getByRole("row")).toHaveCount(counts.corpus.length + 1);
    const total = counts.corpus.reduce((s, c) => s + c.count, 0);
    expect(total).toBe(76);
    await expect(page.getByRole("img", { name: /^Source multipliers/ })).toHaveCount(0);
    await expect(page.getByText("This dataset has no answers for its queries")).toBeVisible();
    await expect(page.getByRole("table", { name: "Power-law alpha per group" }).getByRole("rowheader", { name: "reasoning", exact: true })).toBeVisible();

    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious, JSON.stringify(serious.map((v) => [v.id, v.nodes.map((n) => n.target)]), null, 1)).toEqual([]);
  });
});
