/**
 * A Kronfluence run ingested from its folders ("kronfluence-run", e2e/seed.ts) as a
 * researcher meets it: the run's provenance on the overview, the self-normalised order on
 * a query's ranking, each top document's most influential span, and the document's text
 * shaded by token influence for the query chosen.
 */
import { expect as baseExpect, test } from "@playwright/test";
import { formatScore } from "@/lib/format";
import { hydrated } from "./fixtures";

const expect = baseExpect.configure({ timeout: 20_000 });

type Item = { rank: number; documentId: string; score: number; normalisedScore: number | null; span: { text: string; total: number } | null };

test.describe("a Kronfluence run's outputs", () => {
  test.describe.configure({ timeout: 90_000 });

  test("the overview shows the run's provenance; a dataset without one shows none", async ({ page }) => {
    await page.goto("/datasets/kronfluence-run");
    const section = page.getByRole("region", { name: "Provenance" });
    await expect(section).toContainText("Computed with Kronfluence (version not recorded)");
    const key = section.getByRole("definition");
    await expect(section.getByRole("term").filter({ hasText: /damping_factor$/ })).toBeVisible();
    await expect(key.filter({ hasText: /^1e-8$/ }).first()).toBeVisible();
    await expect(section.getByRole("term").filter({ hasText: /query_gradient_low_rank$/ })).toBeVisible();
    await expect(section.getByRole("term").filter({ hasText: /strategy$/ })).toBeVisible();
    // Files read, with their sizes as the API records them.
    const detail = (await (await page.request.get("/api/datasets/kronfluence-run")).json()) as { provenance: { files: { path: string; bytes: number }[] } };
    const self = detail.provenance.files.find((f) => f.path === "self_scores.safetensors")!;
    await expect(section.getByRole("row").filter({ hasText: "self_scores.safetensors" })).toContainText(self.bytes < 1024 ? `${self.bytes} B` : "KB");
    // The long argument lists are behind a disclosure.
    const all = section.getByRole("group").filter({ hasText: "All recorded settings" });
    await expect(all.getByRole("term").first()).toBeHidden();
    await all.getByText(/All recorded settings/).click();
    await expect(all.getByRole("term").filter({ hasText: "factorArguments › covariance_max_examples" })).toBeVisible();

    await page.goto("/datasets/demo-7b");
    await expect(page.getByRole("heading", { name: "Factual vs reasoning at a glance" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Provenance" })).toHaveCount(0);
  });

  test("a query's ranking can be ordered by score / √self-influence, as the API orders it", async ({ page }) => {
    const api = (order: string) =>
      page.request.get(`/api/datasets/kronfluence-run/queries/slope-0/documents?order=${order}&limit=5`).then((r) => r.json() as Promise<{ items: Item[] }>);
    const [raw, normalised] = await Promise.all([api("top"), api("top_normalised")]);
    expect(normalised.items[0]!.documentId).not.toBe(raw.items[0]!.documentId); // the fixture's self-influence reorders

    await page.goto("/datasets/kronfluence-run/queries/slope-0");
    await hydrated(page);
    const list = page.getByRole("list", { name: "Ranked documents" });
    await expect(list.getByRole("listitem").first().locator("[data-document-link]")).toHaveText(raw.items[0]!.documentId);
    await page.getByRole("navigation", { name: "Ranking" }).getByRole("link", { name: "Most positive, self-normalised" }).click();
    await expect(page).toHaveURL(/order=top_normalised/);
    await expect(page.getByText(/highest score \/ √self-influence first/)).toBeVisible();
    const first = list.getByRole("listitem").first();
    await expect(first.locator("[data-document-link]")).toHaveText(normalised.items[0]!.documentId);
    await expect(first.locator("[data-cell=normalised-score]")).toHaveText(formatScore(normalised.items[0]!.normalisedScore!));
    await expect(first.locator("[data-cell=score]")).toContainText(formatScore(normalised.items[0]!.score));
  });

  test("top documents show their most influential span, and the document shades its tokens by the chosen query", async ({ page }) => {
    const ranking = (await (await page.request.get("/api/datasets/kronfluence-run/queries/fact-0/documents?limit=60")).json()) as { items: Item[] };
    const withSpan = ranking.items.filter((i) => i.span);
    expect(withSpan.map((i) => i.documentId).sort()).toEqual(["doc-0", "doc-1", "doc-2"]);
    const target = withSpan[0]!;

    await page.goto(`/datasets/kronfluence-run/queries/fact-0?rank=${target.rank}`);
    await hydrated(page);
    const row = page.getByRole("listitem", { name: `rank ${target.rank}` });
    await expect(row.locator("[data-cell=span]")).toHaveText(`Most influential span: ${target.span!.text.trim()}`);

    await row.locator("[data-document-link]").click();
    await expect(page.getByRole("heading", { name: `Document ${target.documentId}` })).toBeVisible();
    const detail = (await (await page.request.get(`/api/datasets/kronfluence-run/documents/${target.documentId}`)).json()) as { selfInfluence: number; tokenStrings: string[] };
    await expect(page.getByTestId("self-influence")).toHaveText(`self-influence ${formatScore(detail.selfInfluence)}`);

    const section = page.getByRole("region", { name: "Influence by token" });
    const queries = section.getByRole("navigation", { name: "Query shading the tokens" });
    await expect(queries.getByRole("link")).toHaveText(["fact-0", "slope-0"]);
    await expect(queries.getByRole("link", { name: "fact-0" })).toHaveAttribute("aria-current", "page");
    const tokens = section.getByTestId("shaded-text").locator("span");
    await expect(tokens).toHaveCount(detail.tokenStrings.length);
    await expect(section.getByTestId("shaded-text")).toHaveText(detail.tokenStrings.join(""));

    // The most positive token is shaded blue, the most negative red; the summary names the first.
    const shades = async () => {
      const values = await tokens.evaluateAll((spans) => spans.map((s) => ({ score: Number(s.dataset.score), color: getComputedStyle(s).backgroundColor })));
      const channels = (c: string) => c.match(/\d+/g)!.map(Number);
      const max = values.reduce((a, b) => (b.score > a.score ? b : a));
      const min = values.reduce((a, b) => (b.score < a.score ? b : a));
      return { max, min, maxRgb: channels(max.color), minRgb: channels(min.color), values };
    };
    const before = await shades();
    expect(before.max.score).toBeGreaterThan(0);
    expect(before.maxRgb[2]!).toBeGreaterThan(before.maxRgb[0]!);
    if (before.min.score < 0) expect(before.minRgb[0]!).toBeGreaterThan(before.minRgb[2]!);
    await expect(section.getByTestId("token-summary")).toContainText(`Tokens raising the completion's likelihood most: “`);
    await expect(section.getByRole("img", { name: /Colour scale: red .* white 0, blue/ })).toBeVisible();

    // Another query shades the same tokens differently.
    await queries.getByRole("link", { name: "slope-0" }).click();
    await expect(page).toHaveURL(/tokens=slope-0/);
    await expect(queries.getByRole("link", { name: "slope-0" })).toHaveAttribute("aria-current", "page");
    await expect.poll(async () => JSON.stringify((await shades()).values.map((v) => v.score))).not.toBe(JSON.stringify(before.values.map((v) => v.score)));

    // The table alternative lists every token's score.
    await section.getByText(/Token scores as a table/).click();
    const table = section.getByRole("table", { name: /Per-token scores for query slope-0/ });
    await expect(table.getByRole("row")).toHaveCount(detail.tokenStrings.length + 1);
  });
});
