import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { naivePearson as pearson } from "@/tests/support/naive-stats";
import { hydrated, skipWithoutRuisDemo } from "./fixtures";

interface Query { id: string; set: string; control: boolean; prompt: string }

async function getJson<T>(request: APIRequestContext, path: string): Promise<T> {
  const response = await request.get(path);
  expect(response.status(), path).toBe(200);
  return (await response.json()) as T;
}

/** Headline table row cells for a metric: [A, B, B − A]. */
function headline(page: Page, metric: string) {
  return page
    .getByRole("table", { name: "Headline numbers of A and B" })
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: metric, exact: true }) })
    .getByRole("cell");
}

/** The group's headline numbers computed independently from the public API. */
async function expectedGroup(request: APIRequestContext, slug: string, set: string) {
  const [queries, coverage, correlations, powerlaw] = await Promise.all([
    getJson<Query[]>(request, `/api/datasets/${slug}/queries`),
    getJson<{ groups: { group: string; percentile: number; mean: number }[] }>(request, `/api/datasets/${slug}/coverage`),
    getJson<{ queryIds: string[]; matrix: (number | null)[][] }>(request, `/api/datasets/${slug}/correlations?method=pearson`),
    getJson<{ rows: { queryId: string; alpha: number | null }[] }>(request, `/api/datasets/${slug}/powerlaw`),
  ]);
  const members = queries.filter((q) => q.set === set && !q.control).map((q) => q.id);
  const index = members.map((id) => correlations.queryIds.indexOf(id));
  let sum = 0, pairs = 0;
  for (let i = 0; i < index.length; i++) for (let j = i + 1; j < index.length; j++) { sum += correlations.matrix[index[i]!]![index[j]!]!; pairs++; }
  const share = (p: number) => coverage.groups.find((g) => g.group === `set:${set}` && g.percentile === p)!.mean;
  const alphas = powerlaw.rows.filter((r) => members.includes(r.queryId) && r.alpha !== null).map((r) => r.alpha!);
  return {
    queries: members.length,
    meanR: sum / pairs,
    top1: share(1),
    top5: share(5),
    alpha: alphas.reduce((a, b) => a + b, 0) / alphas.length,
  };
}

/** All of a query's scores by document id, paged (in parallel) from the ranked-documents API. */
async function scoresById(request: APIRequestContext, slug: string, id: string): Promise<Map<string, number>> {
  const url = (offset: number) => `/api/datasets/${slug}/queries/${encodeURIComponent(id)}/documents?offset=${offset}&limit=1000`;
  type Page = { total: number; items: { documentId: string; score: number }[] };
  const first = await getJson<Page>(request, url(0));
  const offsets = Array.from({ length: Math.ceil(first.total / 1000) - 1 }, (_, i) => (i + 1) * 1000);
  const pages = [first, ...(await Promise.all(offsets.map((offset) => getJson<Page>(request, url(offset)))))];
  return new Map(pages.flatMap((p) => p.items.map((item) => [item.documentId, item.score] as const)));
}

async function expectAxeClean(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** Under a busy dev server a navigation can take a while to render. */
const NAV = { timeout: 45_000 };

test.describe("compare", () => {
  // Each journey cross-checks against tens of API calls (a dev server compiles on first use).
  test.describe.configure({ timeout: 120_000 });

  test("7B reasoning against 35B reasoning: both sides' panels with the API's numbers", async ({ page, request }) => {
    await page.goto("/compare?a=demo-7b/group/set:reasoning&b=demo-35b/group/set:reasoning");
    await expect(page.getByRole("heading", { name: "Compare", level: 1 })).toBeVisible();
    await expect(page.getByLabel("Group or query A")).toHaveValue("demo-7b/group/set:reasoning");
    await expect(page.getByLabel("Dataset B")).toHaveValue("demo-35b");

    const [a, b] = await Promise.all([expectedGroup(request, "demo-7b", "reasoning"), expectedGroup(request, "demo-35b", "reasoning")]);
    for (const [column, expected] of [[0, a], [1, b]] as const) {
      await expect(headline(page, "Queries").nth(column)).toHaveText(String(expected.queries));
      await expect(headline(page, "Mean within-group Pearson r").nth(column)).toContainText(expected.meanR.toFixed(3));
      await expect(headline(page, "Top-1% coverage").nth(column)).toContainText(`${expected.top1.toFixed(1)}%`);
      await expect(headline(page, "Top-5% coverage").nth(column)).toContainText(`${expected.top5.toFixed(1)}%`);
      await expect(headline(page, "Mean power-law alpha").nth(column)).toContainText(expected.alpha.toFixed(3));
    }
    // The planted within-task correlation is higher for 7B's reasoning mix (arithmetic 0.4) than 35B's (linear 0.15).
    expect(a.meanR).toBeGreaterThan(b.meanR);
    await expect(headline(page, "Mean within-group Pearson r").nth(2)).toContainText((b.meanR - a.meanR).toFixed(3).replace("-", "−"));

    for (const side of ["A", "B"]) {
      await expect(page.getByRole("group", { name: `Coverage, side ${side}` }).getByRole("img", { name: /Coverage curve of/ })).toBeVisible();
      const sources = page.getByRole("group", { name: `Source multipliers, side ${side}` }).getByRole("img", { name: /Source multipliers among the top 50/ });
      await expect(sources).toBeVisible();
      // Reasoning over-represents math_and_trivia among its top documents (planted).
      const label = (await sources.getAttribute("aria-label"))!;
      expect(Number(/math_and_trivia ([\d.]+)/.exec(label)![1])).toBeGreaterThan(5);
    }
    await expectAxeClean(page);
  });

  test("the pickers write the URL, and two queries with the same prompt show their cross-dataset correlation", async ({ page, request }) => {
    test.setTimeout(240_000); // 40 pages of scores to check the correlation independently
    await page.goto("/compare");
    await hydrated(page);
    await page.getByLabel("Dataset A").selectOption("demo-7b");
    await expect(page).toHaveURL(/a=demo-7b/, NAV);
    await expect(page.getByLabel("Group or query A")).toBeEnabled();
    await page.getByLabel("Group or query A").selectOption("demo-7b/query/slopes-04");
    await expect(page).toHaveURL(/a=demo-7b%2Fquery%2Fslopes-04/, NAV);
    await expect(page.getByLabel("Group or query A")).toHaveValue("demo-7b/query/slopes-04");
    await page.getByLabel("Dataset B").selectOption("demo-35b");
    await expect(page).toHaveURL(/b=demo-35b/, NAV);
    await page.getByRole("link", { name: /Use the query with the same prompt in B/ }).click();
    await expect(page).toHaveURL(/b=demo-35b%2Fquery%2Fslopes-04/, NAV);

    const cross = page.getByRole("region", { name: "Across the two datasets" });
    const [x, y] = await Promise.all([scoresById(request, "demo-7b", "slopes-04"), scoresById(request, "demo-35b", "slopes-04")]);
    const shared = [...x.keys()].filter((id) => y.has(id));
    expect(shared.length).toBe(20_000);
    const r = pearson(shared.map((id) => x.get(id)!), shared.map((id) => y.get(id)!));
    const card = cross.getByRole("definition").filter({ hasText: /^-?\d/ });
    await expect(cross.getByText("Pearson r across datasets")).toBeVisible();
    await expect(card.first()).toHaveText(r.toFixed(3));
    await expect(cross.getByText("over 20,000 shared documents")).toBeVisible();

    // Top documents of both queries, the first matching the API's rank 1.
    const top = await getJson<{ items: { documentId: string }[] }>(request, "/api/datasets/demo-35b/queries/slopes-04/documents?limit=1");
    await expect(page.getByRole("table", { name: "Top 10 documents of side B" }).getByRole("row").nth(1)).toContainText(top.items[0]!.documentId);
    await expect(page.getByRole("table", { name: "Top 10 documents of side A" }).getByRole("row")).toHaveCount(11);
    await expectAxeClean(page);
  });

  test("the authors' real data: 7B against 35B on a shared prompt, with no enrichment at 76 documents", async ({ page, request }) => {
    skipWithoutRuisDemo();
    const [q7, q35] = await Promise.all([getJson<Query[]>(request, "/api/datasets/ruis-7b/queries"), getJson<Query[]>(request, "/api/datasets/ruis-35b/queries")]);
    const a = q7.find((q) => q35.some((o) => o.prompt === q.prompt))!;
    const b = q35.find((o) => o.prompt === a.prompt)!;
    await page.goto(`/compare?a=ruis-7b/query/${a.id}&b=ruis-35b/query/${b.id}`);
    const cross = page.getByRole("region", { name: "Across the two datasets" });
    const [x, y] = await Promise.all([scoresById(request, "ruis-7b", a.id), scoresById(request, "ruis-35b", b.id)]);
    const shared = [...x.keys()].filter((id) => y.has(id));
    await expect(cross.getByText(`over ${shared.length} shared documents`)).toBeVisible();
    await expect(cross.getByRole("definition").filter({ hasText: /^-?\d/ }).first()).toHaveText(
      pearson(shared.map((id) => x.get(id)!), shared.map((id) => y.get(id)!)).toFixed(3));
    await expect(page.getByText(/Source multipliers need k ≤ a tenth of the corpus; this dataset has 76 documents/)).toHaveCount(2);
  });

  test("bad selections fall back with a visible notice, never a blank page", async ({ page }) => {
    await page.goto("/compare?a=no-such-dataset&b=demo-7b/group/set:nothing");
    const notice = page.getByRole("status").filter({ hasText: "Ignored" });
    await expect(notice).toContainText('Ignored a="no-such-dataset": no dataset "no-such-dataset"');
    await expect(notice).toContainText('no group "set:nothing" in demo-7b; showing the whole dataset');
    await expect(headline(page, "Queries").nth(1)).toHaveText("100");
    await expect(page.getByText("Pick a dataset for side A above to compare against.").first()).toBeVisible();
  });
});
