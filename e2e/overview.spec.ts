import AxeBuilder from "@axe-core/playwright";
import { expect as baseExpect, test, type APIRequestContext } from "@playwright/test";
import { skipWithoutRuisDemo } from "./fixtures";

// The shared dev server compiles on first visit and hydrates slowly under load.
const expect = baseExpect.configure({ timeout: 20_000 });

interface ApiQuery { id: string; set: string; type: string; control: boolean; alpha: number | null; answer: string | null; answerRanks: number[] | null }

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

async function json<T>(request: APIRequestContext, path: string): Promise<T> {
  const response = await request.get(path);
  expect(response.ok()).toBe(true);
  return (await response.json()) as T;
}

/** Independent recomputation of the headline numbers from the public API. */
async function expected(request: APIRequestContext, slug: string, set: string) {
  const queries = await json<ApiQuery[]>(request, `/api/datasets/${slug}/queries`);
  const members = queries.filter((q) => q.set === set && !q.control).map((q) => q.id);
  const { queryIds, matrix } = await json<{ queryIds: string[]; matrix: (number | null)[][] }>(request, `/api/datasets/${slug}/correlations?method=pearson`);
  const index = members.map((id) => queryIds.indexOf(id));
  const pairs: number[] = [];
  for (let a = 0; a < index.length; a++) for (let b = a + 1; b < index.length; b++) pairs.push(matrix[index[a]!]![index[b]!]!);
  const coverage = await json<{ rows: { queryId: string; percentile: number; share: number }[] }>(request, `/api/datasets/${slug}/coverage`);
  const top5 = coverage.rows.filter((r) => r.percentile === 5 && members.includes(r.queryId)).map((r) => r.share);
  const alphas = queries.filter((q) => members.includes(q.id) && q.alpha !== null).map((q) => q.alpha!);
  const answered = queries.filter((q) => members.includes(q.id) && q.answer !== null);
  return {
    pearson: mean(pairs),
    top5: mean(top5),
    alpha: mean(alphas),
    answerRate: answered.length ? (100 * answered.filter((q) => (q.answerRanks?.length ?? 0) > 0).length) / answered.length : null,
  };
}

const number = (text: string | null) => Number((text ?? "").replace(/[%×]/g, ""));

test.describe("dataset overview", () => {
  // The dev server compiles pages on first visit and is shared with other work; allow for it.
  test.describe.configure({ timeout: 240_000 });
  test("headline cards put factual and reasoning side by side with the right numbers", async ({ page, request }) => {
    await page.goto("/datasets/demo-7b");
    await expect(page.getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");
    const value = (card: string, set: string) =>
      page.getByRole("region", { name: card }).getByRole("group", { name: set }).getByRole("paragraph").first();

    for (const set of ["factual", "reasoning"]) {
      const want = await expected(request, "demo-7b", set);
      expect(number(await value("Transfer", set).textContent())).toBeCloseTo(want.pearson, 2);
      expect(number(await value("Distribution", set).textContent())).toBeCloseTo(want.top5, 1);
      expect(number(await value("Power law", set).textContent())).toBeCloseTo(want.alpha, 3);
      expect(number(await value("Answer occurrence", set).textContent())).toBeCloseTo(want.answerRate!, 1);
    }
    // The paper's findings on the planted data: reasoning transfers, factual answers sit in the top documents.
    expect(number(await value("Transfer", "reasoning").textContent())).toBeGreaterThan(number(await value("Transfer", "factual").textContent()) + 0.1);
    expect(number(await value("Answer occurrence", "factual").textContent())).toBeGreaterThan(20);
    expect(number(await value("Answer occurrence", "reasoning").textContent())).toBe(0);
    await expect(page.getByRole("region", { name: "Power law" })).toContainText(/Welch t-test.*p [<=]/);

    // Concentration: math_and_trivia leads for reasoning, wiki is over-represented for factual.
    const sources = page.getByRole("region", { name: "Sources" });
    await expect(sources.getByRole("list", { name: "Over-represented sources, reasoning" }).getByRole("listitem").first()).toContainText("math_and_trivia");
    await expect(sources.getByRole("list", { name: "Over-represented sources, factual" })).toContainText("wiki");
    await expect(sources).toContainText("top 50 documents");

    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
  });

  test("cards link to the views that show each finding, groups to their queries", async ({ page }) => {
    await page.goto("/datasets/demo-35b");
    await page.getByRole("link", { name: /Open Distribution/ }).click();
    await expect(page).toHaveURL(/\/datasets\/demo-35b\/distribution$/, { timeout: 60_000 });
    await page.goBack();
    await page.getByRole("link", { name: /Open Transfer/ }).click();
    await expect(page).toHaveURL(/\/datasets\/demo-35b\/transfer$/, { timeout: 60_000 });
    await page.goBack();
    await page.getByRole("region", { name: "Query groups" }).getByRole("link", { name: "linear · 20 queries" }).click();
    await expect(page).toHaveURL(/\/datasets\/demo-35b\/queries\?type=linear/, { timeout: 60_000 });
  });

  test("the authors' real data explains what it cannot show", async ({ page }) => {
    skipWithoutRuisDemo();
    await page.goto("/datasets/ruis-35b");
    await expect(page.getByRole("region", { name: "Answer occurrence" })).toContainText("No answers in this dataset");
    await expect(page.getByRole("region", { name: "Sources" })).toContainText("D = 76 documents");
    const transfer = page.getByRole("region", { name: "Transfer" });
    expect(Number(await transfer.getByRole("group", { name: "reasoning" }).getByRole("paragraph").first().textContent())).not.toBeNaN();
    const groups = page.getByRole("region", { name: "Query groups" });
    await expect(groups.getByRole("link", { name: "factual · 40 queries" })).toBeVisible();
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
  });
});
