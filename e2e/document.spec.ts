import AxeBuilder from "@axe-core/playwright";
import { expect as baseExpect, test } from "@playwright/test";
import { formatCount, formatScore } from "@/lib/format";
import { skipWithoutRuisDemo } from "./fixtures";

// A dev server compiles on first visit and may be slow under load; a production server answers far faster.
const expect = baseExpect.configure({ timeout: 20_000 });

type Influence = { queryId: string; score: number; rank: number; bottomRank: number; globalRank: number | null };
type Detail = { id: string; source: string; text: string | null; influences: Influence[] };

test.describe("document view", () => {
  test.describe.configure({ timeout: 90_000 });

  test("shows the document's score and rank for every query, matching the API", async ({ page }) => {
    const top = (await (await page.request.get("/api/datasets/demo-7b/queries/slopes-01/documents?limit=1")).json()) as { items: { documentId: string }[] };
    const id = top.items[0]!.documentId;
    const detail = (await (await page.request.get(`/api/datasets/demo-7b/documents/${id}`)).json()) as Detail;
    const queries = (await (await page.request.get("/api/datasets/demo-7b/queries")).json()) as unknown[];
    expect(detail.influences).toHaveLength(queries.length);

    await page.goto(`/datasets/demo-7b/documents/${id}`);
    await expect(page.getByRole("heading", { name: `Document ${id}` })).toBeVisible();
    await expect(page.getByRole("heading", { name: `Influences (${queries.length} queries)` })).toBeVisible();
    const table = page.getByRole("table", { name: /score and rank for every query/ });
    await expect(table.getByRole("row")).toHaveCount(queries.length + 1);

    const slopes = detail.influences.find((i) => i.queryId === "slopes-01")!;
    expect(slopes.rank).toBe(1);
    const row = table.getByRole("row").filter({ has: page.getByRole("link", { name: "slopes-01", exact: true }) });
    await expect(row.getByRole("cell").nth(3)).toHaveText(formatScore(slopes.score));
    await expect(row.getByRole("cell").nth(4)).toHaveText(formatCount(slopes.rank));

    const other = detail.influences.find((i) => i.rank > 1)!;
    const otherRow = table.getByRole("row").filter({ has: page.getByRole("link", { name: other.queryId, exact: true }) });
    await expect(otherRow.getByRole("cell").nth(4)).toHaveText(formatCount(other.rank));

    // The strip plot and the group effects are there.
    await expect(page.getByRole("img", { name: /Strip plot of this document's score for each of 100 queries/ })).toBeVisible();
    await expect(page.getByRole("table", { name: /Per group: mean score/ }).getByRole("row").filter({ hasText: "slopes" })).toContainText(/helps|hurts/);

    // Back to a query at the document's rank.
    await otherRow.getByRole("link", { name: other.queryId, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/queries/${other.queryId}\\?rank=${other.rank}$`));
    await expect(page.getByRole("listitem", { name: `rank ${formatCount(other.rank)}`, exact: true })).toHaveAttribute("aria-current", "true");
    await expect(page.getByRole("listitem", { name: `rank ${formatCount(other.rank)}`, exact: true }).getByRole("link").first()).toHaveText(id);
  });

  test("the scale switch is in the URL", async ({ page }) => {
    const top = (await (await page.request.get("/api/datasets/demo-35b/queries/factual-01/documents?limit=1")).json()) as { items: { documentId: string }[] };
    await page.goto(`/datasets/demo-35b/documents/${top.items[0]!.documentId}`);
    await page.getByRole("link", { name: "linear", exact: true }).click();
    await expect(page).toHaveURL(/scale=linear/);
    await expect(page.getByRole("img", { name: /linear scale/ })).toBeVisible();
  });

  test("has no serious or critical accessibility violations", async ({ page }) => {
    const top = (await (await page.request.get("/api/datasets/demo-7b/queries/factual-01/documents?limit=1")).json()) as { items: { documentId: string }[] };
    await page.goto(`/datasets/demo-7b/documents/${top.items[0]!.documentId}`);
    await expect(page.getByRole("img", { name: /Strip plot/ })).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`)).toEqual([]);
  });

  test("the authors' real data shows global ranks among 5M", async ({ page }) => {
    skipWithoutRuisDemo();
    const ruisQueries = (await (await page.request.get("/api/datasets/ruis-7b/queries")).json()) as { id: string }[];
    const ruisTop = (await (await page.request.get(`/api/datasets/ruis-7b/queries/${ruisQueries[0]!.id}/documents?limit=1`)).json()) as { items: { documentId: string }[] };
    const detail = (await (await page.request.get(`/api/datasets/ruis-7b/documents/${ruisTop.items[0]!.documentId}`)).json()) as Detail;
    await page.goto(`/datasets/ruis-7b/documents/${detail.id}`);
    await expect(page.getByRole("columnheader", { name: "Rank of 5M" })).toBeVisible();
    const first = detail.influences[0]!;
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: first.queryId, exact: true }) });
    await expect(row.getByRole("cell").last()).toHaveText(first.globalRank === null ? "—" : formatCount(first.globalRank + 1));
  });
});
