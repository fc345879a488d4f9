import { expect as baseExpect, test, type Page } from "@playwright/test";
import { formatCount } from "@/lib/format";

// A production server answers fast; the first request of a page may still compile caches.
const expect = baseExpect.configure({ timeout: 20_000 });

type Item = { rank: number; documentId: string; text: string | null; labels: Record<string, string> | null };
type Page_ = { total: number; offset: number; items: Item[] };

async function api<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(path);
  expect(response.ok(), path).toBe(true);
  return (await response.json()) as T;
}

const QUERY = "/datasets/demo-7b/queries/slopes-01";
const WORD = "Tuesday";
const row = (page: Page, rank: number) => page.getByRole("listitem", { name: `rank ${formatCount(rank)}`, exact: true });

test.describe("whole-corpus search", () => {
  test.describe.configure({ timeout: 90_000 });

  test("the search box finds matches at any depth, at their true ranks, highlighted", async ({ page }) => {
    const all = await api<Page_>(page, `/api/datasets/demo-7b/search?q=${WORD}&query=slopes-01&limit=1000`);
    expect(all.total).toBeGreaterThan(0);
    const deepest = all.items.at(-1)!;
    // The test data has a match deeper than the old search's scan ever reached on a large corpus.
    expect(deepest.rank).toBeGreaterThan(10_000);

    await page.goto(QUERY);
    await page.getByLabel(/Search document text/).fill(WORD.toLowerCase());
    await expect(page).toHaveURL(new RegExp(`search=${WORD.toLowerCase()}`));
    await expect(page.getByText(`${formatCount(all.total)} of 20,000 documents match, containing “${WORD.toLowerCase()}”`)).toBeVisible();
    const first = row(page, all.items[0]!.rank);
    await expect(first).toBeVisible();
    await expect(first.getByRole("link").first()).toHaveText(all.items[0]!.documentId);
    // The match is marked, as a whole word, case-insensitively.
    const mark = first.locator('mark[data-kind="search"]').first();
    await expect(mark).toHaveText(new RegExp(`^${WORD}$`, "i"));

    // Jump to the deepest match's rank: the list pages through the matches.
    await page.getByLabel("Jump to rank").fill(String(deepest.rank));
    await page.getByRole("button", { name: "Go" }).click();
    await expect(row(page, deepest.rank)).toBeInViewport();
    await expect(row(page, deepest.rank).getByRole("link").first()).toHaveText(deepest.documentId);
    await expect(row(page, deepest.rank).locator('mark[data-kind="search"]').first()).toHaveText(new RegExp(`^${WORD}$`, "i"));
  });

  test("a number matches as a whole word, and the snippet is cut around the first match", async ({ page }) => {
    const result = await api<Page_>(page, `/api/datasets/demo-7b/search?q=28&query=slopes-01&limit=50`);
    test.skip(result.total === 0, "no document of the demo holds 28");
    await page.goto(`${QUERY}?search=28`);
    const first = row(page, result.items[0]!.rank);
    const marks = first.locator('mark[data-kind="search"]');
    await expect(marks.first()).toHaveText("28");
    for (const text of await marks.allTextContents()) expect(text).toBe("28");
  });

  test("the per-query table: every query's best rank of a matching document", async ({ page }) => {
    const across = await api<{ total: number; rows: { queryId: string; rank: number; documentId: string }[] }>(page, `/api/datasets/demo-7b/search/queries?q=${WORD}`);
    await page.goto(`${QUERY}?search=${WORD}`);
    const table = page.getByRole("table", { name: "For every query, the best rank of a document matching the search" });
    await expect(table).toBeVisible();
    await expect(table.getByRole("row")).toHaveCount(across.rows.length + 1);
    const own = across.rows.find((r) => r.queryId === "slopes-01")!;
    const ownRow = table.getByRole("row").filter({ has: page.getByRole("link", { name: "slopes-01", exact: true }) });
    await expect(ownRow).toHaveAttribute("aria-current", "true");
    await expect(ownRow.locator('[data-cell="best-rank"]')).toHaveText(formatCount(own.rank));
    // Another query's row opens its ranking at that rank, same search.
    const other = across.rows.find((r) => r.queryId !== "slopes-01")!;
    await table.getByRole("link", { name: other.queryId, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/queries/${other.queryId}\\?search=${WORD}&rank=${other.rank}`));
    await expect(row(page, other.rank)).toHaveAttribute("aria-current", "true");
    await expect(row(page, other.rank).getByRole("link").first()).toHaveText(other.documentId);
  });
});

test.describe("label facet", () => {
  test.describe.configure({ timeout: 90_000 });

  test("filter the ranking by a document label, then see its enrichment", async ({ page }) => {
    const procedure = await api<Page_>(page, "/api/datasets/demo-7b/search?label=kind%3Dprocedure&query=slopes-01&limit=5");
    expect(procedure.total).toBeGreaterThan(0);
    await page.goto(QUERY);
    await page.getByLabel("Label").selectOption("kind=procedure");
    await expect(page).toHaveURL(/label=kind%3Dprocedure|label=kind=procedure/);
    await expect(page.getByText(`${formatCount(procedure.total)} of 20,000 documents match, labelled kind=procedure`)).toBeVisible();
    const first = row(page, procedure.items[0]!.rank);
    await expect(first.getByRole("link").first()).toHaveText(procedure.items[0]!.documentId);

    const labels = await api<{ rows: { group: string; key: string; value: string; k: number; multiplier: number }[] }>(page, "/api/datasets/demo-7b/labels?tail=top");
    const reasoning = labels.rows.find((r) => r.group === "set:reasoning" && r.value === "procedure" && r.k === 50)!;
    await page.goto("/datasets/demo-7b/concentration");
    const table = page.getByRole("table", { name: "Multipliers of label kind among the top-k documents" });
    await expect(table).toBeVisible();
    const cells = table.getByRole("row").filter({ hasText: "reasoning" }).filter({ hasText: "procedure" }).getByRole("cell");
    await expect(cells.nth(3)).toHaveText(new RegExp(`^${reasoning.multiplier >= 10 ? reasoning.multiplier.toFixed(1) : reasoning.multiplier.toFixed(2)}×$`));
    // Answers at any depth sit beside it.
    await expect(page.getByRole("heading", { name: "Answers at any depth" })).toBeVisible();
  });
});
