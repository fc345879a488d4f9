import AxeBuilder from "@axe-core/playwright";
import { expect as baseExpect, test, type Page } from "@playwright/test";
import { formatCount, formatScore } from "@/lib/format";
import { skipWithoutRuisDemo } from "./fixtures";
import { WORD_BOUNDS_DOCUMENTS, WORD_BOUNDS_QUERY, WORD_BOUNDS_SLUG } from "./word-bounds-data";

// A dev server compiles on first visit and may be slow under load; a production server answers far faster.
const expect = baseExpect.configure({ timeout: 20_000 });

type Item = { rank: number; documentId: string; score: number; source: string; globalRank: number | null; text: string | null };
type Query = { id: string; set: string; answer: string | null; correct: boolean | null; answerRanks: number[] | null };

async function api<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(path);
  expect(response.ok()).toBe(true);
  return (await response.json()) as T;
}

const row = (page: Page, rank: number) => page.getByRole("listitem", { name: `rank ${formatCount(rank)}`, exact: true });
const scoreOf = (page: Page, rank: number) => row(page, rank).locator('[data-cell="score"]');
const QUERY = "/datasets/demo-7b/queries/slopes-01";

test.describe("query view", () => {
  // The dev server compiles on first visit; a production server answers far faster.
  test.describe.configure({ timeout: 90_000 });
  test("rank 1 holds the largest score, as the API says", async ({ page }) => {
    const { items } = await api<{ items: Item[] }>(page, "/api/datasets/demo-7b/queries/slopes-01/documents?order=top&offset=0&limit=100");
    expect(Math.max(...items.map((i) => i.score))).toBe(items[0]!.score);
    await page.goto(QUERY);
    await expect(page.getByRole("heading", { name: "Prompt" })).toBeVisible();
    await expect(page.getByText(/slope of the line/).first()).toBeVisible();
    await expect(scoreOf(page, 1)).toHaveText(formatScore(items[0]!.score));
    await expect(row(page, 1).getByRole("link").first()).toHaveText(items[0]!.documentId);
    await expect(row(page, 2)).toBeVisible();
    // Only a window of rows is in the DOM, not all 20,000.
    expect(await page.getByRole("listitem").count()).toBeLessThan(60);
  });

  test("jump to rank 15,000 scrolls there and loads that page", async ({ page }) => {
    const { items } = await api<{ items: Item[] }>(page, "/api/datasets/demo-7b/queries/slopes-01/documents?order=top&offset=14999&limit=1");
    await page.goto(QUERY);
    await page.getByLabel("Jump to rank").fill("15000");
    await page.getByRole("button", { name: "Go" }).click();
    await expect(row(page, 15_000)).toBeInViewport();
    await expect(row(page, 15_000)).toHaveAttribute("aria-current", "true");
    await expect(scoreOf(page, 15_000)).toHaveText(formatScore(items[0]!.score));
    await expect(page).toHaveURL(/rank=15000/);
  });

  test("j/k move through the ranking and Enter opens the document", async ({ page }) => {
    const { items } = await api<{ items: Item[] }>(page, "/api/datasets/demo-7b/queries/slopes-01/documents?order=top&offset=0&limit=5");
    await page.goto(QUERY);
    await expect(row(page, 1)).toHaveAttribute("aria-current", "true");
    // The first row is marked by the server's HTML; keys go nowhere until hydration, which
    // the search box announces with its shortcut.
    await expect(page.getByLabel(/Search document text/)).toHaveAttribute("aria-keyshortcuts", "/");
    await page.locator("body").press("j");
    await page.keyboard.press("j");
    await expect(row(page, 3)).toHaveAttribute("aria-current", "true");
    await page.keyboard.press("k");
    await expect(row(page, 2)).toHaveAttribute("aria-current", "true");
    await expect(page).toHaveURL(/rank=2/);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/datasets/demo-7b/documents/${items[1]!.documentId}$`));
    await expect(page.getByRole("heading", { name: `Document ${items[1]!.documentId}` })).toBeVisible();
  });

  test("/ focuses the search box", async ({ page }) => {
    await page.goto(QUERY);
    await expect(row(page, 1)).toBeVisible();
    const search = page.getByLabel(/Search document text/);
    // The box announces the shortcut once its listener is registered, i.e. after hydration:
    // a key pressed before then would go nowhere.
    await expect(search).toHaveAttribute("aria-keyshortcuts", "/");
    await page.locator("body").press("/");
    await expect(search).toBeFocused();
    await expect(search).toHaveValue("");
  });

  test("a source filter shows only that source, with increasing true ranks", async ({ page }) => {
    const { items } = await api<{ items: Item[] }>(page, "/api/datasets/demo-7b/queries/slopes-01/documents?order=top&offset=0&limit=1000");
    const wiki = items.filter((i) => i.source === "wiki");
    expect(wiki.length).toBeGreaterThan(3);
    await page.goto(QUERY);
    // A choice made before hydration changes the select but never reaches the URL.
    await expect(page.getByLabel(/Search document text/)).toHaveAttribute("aria-keyshortcuts", "/");
    await page.getByRole("combobox", { name: "Source", exact: true }).selectOption("wiki");
    await expect(page).toHaveURL(/source=wiki/);
    const list = page.getByRole("list", { name: "Matching documents" });
    await expect(list).toBeVisible();
    await expect(page.getByText(/documents match from wiki, at their true ranks/)).toBeVisible();
    const rows = list.getByRole("listitem");
    const n = Math.min(await rows.count(), 6);
    const ranks: number[] = [];
    for (let i = 0; i < n; i++) {
      const r = rows.nth(i);
      await expect(r.getByText("wiki", { exact: true })).toBeVisible();
      ranks.push(Number((await r.locator('[data-cell="rank"]').textContent())!.replace(/,/g, "")));
    }
    expect(ranks).toEqual(wiki.slice(0, n).map((w) => w.rank));
    for (let i = 1; i < ranks.length; i++) expect(ranks[i]!).toBeGreaterThan(ranks[i - 1]!);
  });

  test("the answer is highlighted in a factual query's top documents", async ({ page }) => {
    const queries = await api<Query[]>(page, "/api/datasets/demo-7b/queries");
    const factual = queries.find((q) => q.set === "factual" && q.answer && (q.answerRanks?.length ?? 0) > 0)!;
    expect(factual).toBeDefined();
    const rank = factual.answerRanks![0]!;
    await page.goto(`/datasets/demo-7b/queries/${factual.id}?rank=${rank}`);
    const mark = row(page, rank).locator('mark[data-kind="answer"]').first();
    await expect(mark).toBeVisible();
    expect((await mark.textContent())!.toLowerCase().replace(/,/g, "")).toBe(factual.answer!.toLowerCase().replace(/,/g, ""));
  });

  test("the prompt's numbers are highlighted on word boundaries only: not inside identifiers or longer numbers", async ({ page }) => {
    await page.goto(`/datasets/${WORD_BOUNDS_SLUG}/queries/${WORD_BOUNDS_QUERY}`);
    await expect(page.getByText("What is 28 times 12?")).toBeVisible();
    for (const [i, document] of WORD_BOUNDS_DOCUMENTS.entries()) {
      const shown = row(page, i + 1);
      await expect(shown.getByRole("link").first()).toHaveText(document.id);
      await expect(shown).toContainText(document.text);
      // Exactly the standalone numbers are marked, in order: "28" but not x28, Q28, 286 or 28th.
      const marks = shown.locator('mark[data-kind="number"]');
      await expect(marks).toHaveText(document.marked);
      if (document.marked.length) await expect(marks.first()).toHaveAttribute("title", "a number from the prompt");
    }
  });

  test("the bottom order lists the most negative documents first", async ({ page }) => {
    const { items } = await api<{ items: Item[] }>(page, "/api/datasets/demo-7b/queries/slopes-01/documents?order=bottom&offset=0&limit=1");
    await page.goto(QUERY);
    await page.getByRole("link", { name: "Most negative" }).click();
    await expect(page).toHaveURL(/order=bottom/);
    await expect(page.getByRole("link", { name: "Most negative" })).toHaveAttribute("aria-current", "page");
    await expect(scoreOf(page, 1)).toHaveText(formatScore(items[0]!.score));
    expect(items[0]!.score).toBeLessThan(0);
  });

  test("a permalink restores order and rank in a fresh browser context", async ({ page, browser }) => {
    await page.goto(`${QUERY}?order=bottom`);
    await page.getByLabel("Jump to rank").fill("777");
    await page.getByRole("button", { name: "Go" }).click();
    await expect(page).toHaveURL(/rank=777/);
    const url = page.url();
    await expect(scoreOf(page, 777)).not.toHaveText("");
    const score = await scoreOf(page, 777).textContent();
    const fresh = await browser.newContext();
    const other = await fresh.newPage();
    await other.goto(url);
    await expect(row(other, 777)).toBeInViewport();
    await expect(row(other, 777)).toHaveAttribute("aria-current", "true");
    await expect(scoreOf(other, 777)).toHaveText(score!);
    await expect(other.getByRole("link", { name: "Most negative" })).toHaveAttribute("aria-current", "page");
    await fresh.close();
  });

  test("a bad URL parameter falls back to the default with a visible notice", async ({ page }) => {
    await page.goto(`${QUERY}?order=sideways&rank=0`);
    await expect(page.getByRole("status").filter({ hasText: 'Ignored order="sideways"' })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: 'Ignored rank="0"' })).toBeVisible();
    await expect(page.getByRole("link", { name: "Most positive" })).toHaveAttribute("aria-current", "page");
    await expect(row(page, 1)).toHaveAttribute("aria-current", "true");
  });

  test("unknown datasets and queries show a not-found page, not a stack trace", async ({ page }) => {
    const response = await page.goto("/datasets/no-such-dataset");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    const query = await page.goto("/datasets/demo-7b/queries/no-such-query");
    expect(query?.status()).toBe(404);
  });

  test("has no serious or critical accessibility violations", async ({ page }) => {
    await page.goto(QUERY);
    await expect(row(page, 1)).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`)).toEqual([]);
  });

  test("the authors' real data shows global ranks among 5M", async ({ page }) => {
    skipWithoutRuisDemo();
    const queries = await api<Query[]>(page, "/api/datasets/ruis-7b/queries");
    const id = queries[0]!.id;
    const { items } = await api<{ items: Item[] }>(page, `/api/datasets/ruis-7b/queries/${id}/documents?order=top&offset=0&limit=1`);
    expect(items[0]!.globalRank).not.toBeNull();
    await page.goto(`/datasets/ruis-7b/queries/${id}`);
    await expect(row(page, 1).locator('[data-cell="global-rank"]')).toHaveText(`of 5M: ${formatCount(items[0]!.globalRank! + 1)}`);
  });
});
