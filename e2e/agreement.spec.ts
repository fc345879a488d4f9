import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { hydrated } from "./fixtures";

interface AgreementResponse {
  queriesShared: number;
  documentsShared: number;
  rows: { queryId: string; pearson: number | null; spearman: number | null; jaccard: Record<string, number | null> }[];
}

const NAV = { timeout: 20_000 };

async function agreement(request: APIRequestContext, a: string, b: string): Promise<AgreementResponse> {
  const response = await request.get(`/api/agreement?a=${a}&b=${b}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as AgreementResponse;
}

test.describe("Agreement", () => {
  test("two methods over one corpus: the table matches the API, a query shows both rankings", async ({ page, request }) => {
    // The first request for the pair computes and stores its agreement (a few seconds on a slow machine).
    test.setTimeout(90_000);
    // Reached from a dataset's tabs.
    await page.goto("/datasets/demo-7b");
    await hydrated(page);
    await page.getByRole("navigation", { name: "Dataset views" }).getByRole("link", { name: "Agreement" }).click();
    await expect(page).toHaveURL(/\/agreement\?a=demo-7b$/, NAV);
    await expect(page.getByLabel("Dataset A")).toHaveValue("demo-7b");
    await hydrated(page);
    await page.getByLabel("Dataset B").selectOption("demo-7b-trak");
    await expect(page).toHaveURL(/b=demo-7b-trak/, NAV);

    const api = await agreement(request, "demo-7b", "demo-7b-trak");
    expect(api.queriesShared).toBe(100);
    expect(api.documentsShared).toBe(20_000);
    const table = page.getByRole("table", { name: "Agreement per query" });
    await expect(table.getByRole("row")).toHaveCount(api.rows.length + 1, NAV);
    // Every row's numbers as the API gives them (3 decimals), in the API's order.
    const cells = await table.getByRole("row").evaluateAll((rows) => rows.slice(1).map((r) => [...r.querySelectorAll("td")].map((td) => td.textContent?.trim() ?? "")));
    const fmt = (v: number | null) => (v === null ? "—" : v.toFixed(3));
    expect(cells.map((c) => [c[0], c[2], c[3], c[4], c[5], c[6], c[7], c[8]])).toEqual(
      api.rows.map((r) => [r.queryId, fmt(r.pearson), fmt(r.spearman), ...["10", "50", "100", "500", "1000"].map((k) => fmt(r.jaccard[k] ?? null))]),
    );
    // The planted agreement shows: reasoning near Spearman 0.6, factual near 0.3.
    const strip = page.getByRole("group", { name: "Spearman ρ by group" });
    await strip.getByText("Spearman ρ by group as a table").click();
    const groupRow = (name: string) => strip.getByRole("table").getByRole("row").filter({ has: page.getByRole("cell", { name, exact: true }) }).getByRole("cell");
    const mean = async (name: string) => Number(await groupRow(name).nth(2).textContent());
    expect(Math.abs((await mean("reasoning")) - 0.6)).toBeLessThan(0.02);
    expect(Math.abs((await mean("factual")) - 0.3)).toBeLessThan(0.02);
    await expect(page.getByRole("img", { name: /Mean Jaccard overlap/ })).toBeVisible();

    // Sorting by Spearman puts the lowest-agreeing queries last.
    await table.getByRole("button", { name: "Spearman ρ" }).click();
    const sortedFirst = [...api.rows].sort((p, q) => (q.spearman ?? -2) - (p.spearman ?? -2))[0]!;
    await expect(table.getByRole("row").nth(1).getByRole("cell").first()).toHaveText(sortedFirst.queryId);

    // Choose a query: both rankings side by side, and the disagreements.
    await page.getByLabel("Query", { exact: true }).selectOption("slopes-03");
    await expect(page).toHaveURL(/q=slopes-03/, NAV);
    const topA = page.getByRole("table", { name: "Top 20 of A (demo-7b)" });
    const topB = page.getByRole("table", { name: "Top 20 of B (demo-7b-trak)" });
    await expect(topA.getByRole("row")).toHaveCount(21, NAV);
    await expect(topB.getByRole("row")).toHaveCount(21);
    // A's list is A's own ranking: the API's top documents of the query in A.
    const top = (await (await request.get("/api/datasets/demo-7b/queries/slopes-03/documents?limit=20")).json()) as { items: { documentId: string }[] };
    const listed = await topA.getByRole("row").evaluateAll((rows) => rows.slice(1).map((r) => r.querySelectorAll("td")[2]?.textContent?.trim()));
    expect(listed).toEqual(top.items.map((i) => i.documentId));
    await expect(topA.getByRole("row").nth(1).getByRole("cell").first()).toHaveText("1");
    const low = page.getByRole("table", { name: "In A's top 100, lowest in B" });
    await expect(low.getByRole("row")).toHaveCount(11);
    // The first disagreement is ranked deep in B.
    const rankB = Number((await low.getByRole("row").nth(1).getByRole("cell").nth(1).textContent())!.replace(/,/g, ""));
    expect(rankB).toBeGreaterThan(1000);

    const results = await new AxeBuilder({ page }).include("main").disableRules(["color-contrast"]).analyze();
    expect(results.violations.map((v) => v.id)).toEqual([]);
  });

  test("bad parameters fall back with a notice, never a blank page", async ({ page }) => {
    await page.goto("/agreement?a=demo-7b&b=no-such-dataset&q=slopes-03");
    await expect(page.getByRole("status").filter({ hasText: 'Ignored b="no-such-dataset"' })).toBeVisible();
    await expect(page.getByLabel("Dataset A")).toHaveValue("demo-7b");
    await expect(page.getByRole("heading", { name: "Agreement", level: 1 })).toBeVisible();

    await page.goto("/agreement?a=demo-7b&b=demo-7b");
    await expect(page.getByRole("status").filter({ hasText: "same dataset" })).toBeVisible();

    await page.goto("/agreement?a=demo-7b&b=demo-7b-trak&q=nope");
    await expect(page.getByRole("status").filter({ hasText: 'Ignored q="nope"' })).toBeVisible();
    await expect(page.getByRole("table", { name: "Agreement per query" })).toBeVisible();
  });

  test("Compare links to the agreement of its two datasets", async ({ page }) => {
    await page.goto("/compare?a=demo-7b&b=demo-35b");
    await page.getByRole("link", { name: "Agreement of the two datasets" }).click();
    await expect(page).toHaveURL(/\/agreement\?a=demo-7b&b=demo-35b/, NAV);
    // 7B and 35B share the factual, slopes and control queries (not arithmetic / linear).
    await expect(page.getByText("shared queries")).toBeVisible();
    await expect(page.getByRole("table", { name: "Agreement per query" }).getByRole("row")).toHaveCount(81);
  });
});
