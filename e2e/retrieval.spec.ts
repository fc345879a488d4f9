import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Locator } from "@playwright/test";
import { retrievalResponse, type RetrievalResponse } from "@/lib/api-schemas";
import { hydrated } from "./fixtures";

/**
 * Evaluation against ground truth and the lexical baseline, as a researcher meets them on
 * the demo: demo-7b against its BM25 dataset in the agreement view (weak agreement, BM25
 * far better at finding the fact documents), and the overview's retrieval panel, each
 * figure as the API gives it.
 */

const NAV = { timeout: 20_000 };

async function retrieval(request: APIRequestContext, slug: string): Promise<RetrievalResponse> {
  const response = await request.get(`/api/datasets/${slug}/retrieval`);
  expect(response.status()).toBe(200);
  return retrievalResponse.parse(await response.json());
}

/** The cells of a retrieval table's row for a group: queries, MRR, recall@k..., precision@k.... */
async function groupCells(table: Locator, group: string): Promise<string[]> {
  const row = table.getByRole("row").filter({ has: table.page().getByRole("rowheader", { name: group, exact: true }) });
  return row.getByRole("cell").allTextContents();
}

/** The cells a group's row should show, from the API. */
function expectedCells(api: RetrievalResponse, group: string): string[] {
  const g = api.groups.find((x) => x.group === group)!;
  return [String(g.queries), g.mrr.toFixed(3), ...g.atK.map((p) => p.recall.toFixed(3)), ...g.atK.map((p) => p.precision.toFixed(3))];
}

test.describe("Retrieval against ground truth", () => {
  test("influence against its BM25 baseline: weak agreement, and BM25 finds the fact documents", async ({ page, request }) => {
    // The first request for the pair computes and stores its agreement.
    test.setTimeout(120_000);
    await page.goto("/agreement?a=demo-7b&b=demo-7b-bm25");
    await hydrated(page);
    await expect(page.getByText("shared queries").locator("xpath=following-sibling::dd")).toHaveText("100", NAV);

    // Weak agreement: the mean Spearman shown is the API's, and near zero.
    const api = (await (await request.get("/api/agreement?a=demo-7b&b=demo-7b-bm25")).json()) as { rows: { spearman: number }[] };
    const meanSpearman = api.rows.reduce((s, r) => s + r.spearman, 0) / api.rows.length;
    await expect(page.getByText("mean Spearman ρ").locator("xpath=following-sibling::dd")).toHaveText(meanSpearman.toFixed(3));
    expect(Math.abs(meanSpearman)).toBeLessThan(0.2);

    // Both datasets' retrieval side by side, as their APIs give it.
    await expect(page.getByRole("heading", { name: "Against ground truth" })).toBeVisible();
    const [a, b] = await Promise.all([retrieval(request, "demo-7b"), retrieval(request, "demo-7b-bm25")]);
    const tableA = page.getByRole("table", { name: "Retrieval of A (demo-7b)" });
    const tableB = page.getByRole("table", { name: "Retrieval of B (demo-7b-bm25)" });
    expect(await groupCells(tableA, "factual")).toEqual(expectedCells(a, "set:factual"));
    expect(await groupCells(tableB, "factual")).toEqual(expectedCells(b, "set:factual"));
    // BM25 ranks a fact's documents first almost always; the influence scores for about half the queries.
    const mrr = async (table: Locator) => Number((await groupCells(table, "factual"))[1]);
    expect(await mrr(tableB)).toBeGreaterThan(0.9);
    expect(await mrr(tableA)).toBeLessThan(await mrr(tableB));
    await expect(tableA.getByRole("columnheader", { name: "recall@500" })).toBeVisible();

    const axe = await new AxeBuilder({ page }).include("section[aria-labelledby=retrieval-heading]").disableRules(["color-contrast"]).analyze();
    expect(axe.violations).toEqual([]);
  });

  test("the overview's retrieval panel, and none where a dataset has no ground truth", async ({ page, request }) => {
    await page.goto("/datasets/demo-7b");
    await expect(page.getByRole("heading", { name: "Retrieval against ground truth" })).toBeVisible(NAV);
    const api = await retrieval(request, "demo-7b");
    const table = page.getByRole("table", { name: "Retrieval against ground truth by group" });
    expect(await groupCells(table, "factual")).toEqual(expectedCells(api, "set:factual"));
    // 40 factual queries have ground truth; no reasoning query does.
    expect((await groupCells(table, "factual"))[0]).toBe("40");
    await expect(table.getByRole("rowheader", { name: "reasoning", exact: true })).toHaveCount(0);
    // The per-query rows are a link away.
    await expect(page.getByRole("link", { name: "Per query (JSON)" })).toHaveAttribute("href", "/api/datasets/demo-7b/retrieval");

    await page.goto("/datasets/demo-35b");
    await expect(page.getByRole("heading", { name: "Factual vs reasoning at a glance" })).toBeVisible(NAV);
    await expect(page.getByRole("heading", { name: "Retrieval against ground truth" })).toHaveCount(0);
    const none = await request.get("/api/datasets/demo-35b/retrieval");
    expect(none.status()).toBe(404);
    expect(((await none.json()) as { error: string }).error).toMatch(/no ground truth/);
  });
});
