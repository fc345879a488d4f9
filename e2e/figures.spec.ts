import { readFile } from "node:fs/promises";
import { expect, test, type Download, type Page } from "@playwright/test";
import { hydrated } from "./fixtures";

/**
 * Exported figures stand alone: a downloaded SVG carries its title, dataset, legend and
 * axis labels in concrete light-theme colours (no currentColor, CSS variables or lab()
 * left for a viewer to resolve), and the PNG is the same figure at twice the size.
 */

async function downloadText(page: Page, click: () => Promise<void>): Promise<{ download: Download; text: string }> {
  const [download] = await Promise.all([page.waitForEvent("download"), click()]);
  return { download, text: await readFile((await download.path())!, "utf8") };
}

/** Width and height of a PNG from its IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

const UNRESOLVED = /currentcolor|var\(--|lab\(|oklch\(|oklab\(|color-mix/i;

test.describe("exported figures", () => {
  test.describe.configure({ timeout: 90_000 });

  test("a source-multiplier SVG carries title, dataset, every source in its legend and the axis labels, in light colours even from the dark theme", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto("/datasets/demo-7b/concentration");
    await hydrated(page);
    await expect(page.locator("html")).toHaveClass(/\bdark\b/);
    const panel = page.getByRole("figure", { name: /reasoning/ });
    const { text: svg } = await downloadText(page, () => panel.getByRole("button", { name: "SVG" }).click());
    expect(svg).toContain("Source multipliers among the top-k documents: reasoning");
    expect(svg).toContain("Dataset: demo-7b");
    for (const source of ["arxiv_markdown", "code", "math_and_trivia", "stackexchange", "wiki", "1 = corpus distribution"]) expect(svg).toContain(source);
    expect(svg).toContain("multiplier vs corpus");
    expect(svg).toContain("top-k documents per query");
    expect(svg).not.toMatch(UNRESOLVED);
    // The light theme's white page and dark text, although the screen is dark.
    expect(svg).toMatch(/<rect width="\d+" height="\d+" fill="rgb\(255, 255, 255\)"/);
    // Grey text (titles, ticks, axis labels; not the coloured line names) is dark on white, never the dark theme's light grey.
    const greys = [...svg.matchAll(/<text[^>]* fill="rgb\((\d+), (\d+), (\d+)\)"/g)]
      .map((m) => [Number(m[1]), Number(m[2]), Number(m[3])])
      .filter((c) => Math.max(...c) - Math.min(...c) < 16);
    expect(greys.length).toBeGreaterThan(5);
    for (const c of greys) expect(Math.max(...c)).toBeLessThan(160);

    const [png] = await Promise.all([page.waitForEvent("download"), panel.getByRole("button", { name: "PNG" }).click()]);
    const size = pngSize(await readFile((await png.path())!));
    const width = Number(/^<svg[^>]* width="(\d+)"/.exec(svg)![1]);
    const height = Number(/^<svg[^>]* height="(\d+)"/.exec(svg)![1]);
    expect(size).toEqual({ width: width * 2, height: height * 2 });
  });

  test("the heatmap exports with its colour bar, without the selection marker or the empty margin", async ({ page }) => {
    await page.goto("/datasets/demo-7b/transfer?a=slopes-01&b=slopes-02");
    await hydrated(page);
    const heatmapExport = page.getByRole("group", { name: /^Export heatmap/ });
    const { text: svg } = await downloadText(page, () => heatmapExport.getByRole("button", { name: "SVG" }).click());
    expect(svg).toContain("Pearson r between every pair of 100 queries, ordered by group");
    expect(svg).toContain("Dataset: demo-7b");
    expect(svg).toContain("≤ 0");
    expect(svg).toContain("grey: undefined");
    expect(svg).toContain("<image");
    expect(svg).not.toMatch(UNRESOLVED);
    expect(svg).not.toContain("data-export");
    // Cropped to what is drawn: the figure is narrower than the on-screen box with its right margin.
    const screen = await page.getByRole("group", { name: /^Heatmap of Pearson r/ }).boundingBox();
    const width = Number(/^<svg[^>]* width="(\d+)"/.exec(svg)![1]);
    expect(width).toBeLessThan(screen!.width + 24);
  });
});

test("the pair scatter's ticks read as numbers (never 0e+0) and its axes leave outliers on a marked edge", async ({ page }) => {
  await page.goto("/datasets/demo-7b/transfer?a=slopes-01&b=slopes-02");
  const scatter = page.getByRole("img", { name: /^Scatter of/ });
  await expect(scatter).toBeVisible({ timeout: 20_000 });
  const ticks = await scatter.locator("text").allTextContents();
  expect(ticks.length).toBeGreaterThan(6);
  for (const tick of ticks) expect(tick).not.toMatch(/\de[+-]?\d/);
  expect(ticks).toContain("0");
  const note = page.getByTestId("scatter-extent");
  if ((await note.count()) > 0) {
    // Outliers beyond the percentile range: the full extent is one click away and widens the axes.
    await expect(scatter).toHaveAttribute("aria-label", /percentile range/);
    await note.getByLabel("Show the full extent").check();
    await expect(scatter).toHaveAttribute("aria-label", /axes over every document's scores/);
  }
});

test("the scatter's full extent is kept in the URL: a reload and a permalink restore it, other choices keep it, a bad value is a notice", async ({ page, request, browser }) => {
  test.setTimeout(120_000);
  // A pair whose scatter has outliers beyond the percentile range (so the choice exists), found through the API.
  const queries = (await (await request.get("/api/datasets/demo-7b/queries")).json()) as { id: string }[];
  let pair: [string, string] | null = null;
  for (let i = 0; i + 1 < queries.length && !pair; i += 7) {
    const [a, b] = [queries[i]!.id, queries[i + 1]!.id];
    const scatter = (await (await request.get(`/api/datasets/demo-7b/scatter?a=${a}&b=${b}`)).json()) as { robust: { beyond: Record<string, number> } };
    if (Object.values(scatter.robust.beyond).some((n) => n > 0)) pair = [a, b];
  }
  expect(pair, "a demo-7b pair with outliers").not.toBeNull();
  const [a, b] = pair!;
  // The API counts the density over the axes asked for (robust by default); a bad extent is refused by name.
  type Counted = { extent: string; density: { counts: number[] } | null };
  const api = (extent: string) => request.get(`/api/datasets/demo-7b/scatter?a=${a}&b=${b}${extent}`);
  const [robust, full] = [(await (await api("")).json()) as Counted, (await (await api("&extent=full")).json()) as Counted];
  expect([robust.extent, full.extent]).toEqual(["robust", "full"]);
  if (robust.density) expect(full.density!.counts).not.toEqual(robust.density.counts);
  const bad = await api("&extent=wide");
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toEqual({ error: 'Invalid parameter "extent": extent must be "robust" or "full"', parameter: "extent" });
  const path = `/datasets/demo-7b/transfer?a=${a}&b=${b}`;
  const scatter = (p: Page) => p.getByRole("img", { name: /^Scatter of/ });
  const fullBox = (p: Page) => p.getByTestId("scatter-extent").getByLabel("Show the full extent");

  await page.goto(path);
  await hydrated(page);
  await expect(scatter(page)).toHaveAttribute("aria-label", /percentile range/, { timeout: 20_000 });
  await expect(fullBox(page)).not.toBeChecked();
  await fullBox(page).check();
  await expect(page).toHaveURL(/[?&]extent=full(&|$)/);
  await expect(scatter(page)).toHaveAttribute("aria-label", /axes over every document's scores/);

  // A reload, and the link opened afresh elsewhere, show the full extent.
  await page.reload();
  await expect(scatter(page)).toHaveAttribute("aria-label", /axes over every document's scores/, { timeout: 20_000 });
  await expect(fullBox(page)).toBeChecked();
  const other = await browser.newPage({ baseURL: page.url() });
  await other.goto(page.url());
  await expect(scatter(other)).toHaveAttribute("aria-label", /axes over every document's scores/, { timeout: 20_000 });
  await expect(fullBox(other)).toBeChecked();
  await other.close();

  // Other choices keep it (the shared top-k links); unchecking returns to the percentile axes.
  await page.getByRole("navigation", { name: "Shared top k" }).getByRole("link", { name: "Top 500", exact: true }).click();
  await expect(page).toHaveURL(/top=500/);
  await expect(page).toHaveURL(/extent=full/);
  await hydrated(page);
  await fullBox(page).uncheck();
  await expect(page).not.toHaveURL(/extent=/);
  await expect(scatter(page)).toHaveAttribute("aria-label", /percentile range/);

  // A bad value falls back to the default axes with a notice, as every view parameter does.
  await page.goto(`${path}&extent=wide`);
  await expect(page.getByRole("status").filter({ hasText: 'Ignored extent="wide"' })).toBeVisible();
  await expect(scatter(page)).toHaveAttribute("aria-label", /percentile range/, { timeout: 20_000 });
});

test("compare lays two models out as the paper does: heatmaps side by side, the 2 × 2 multipliers, coverage per model, both in the power-law table", async ({ page, request }) => {
  test.setTimeout(120_000);
  await page.goto("/compare?a=demo-7b&b=demo-35b");
  await expect(page.getByRole("heading", { name: /The paper's figures: demo-7b and demo-35b/ })).toBeVisible({ timeout: 45_000 });
  const grid = page.getByRole("group", { name: "Source multipliers, models × sets" });
  const cells = grid.getByRole("figure");
  await expect(cells).toHaveCount(4);
  // Row by row: factual (7B, 35B), then reasoning (7B, 35B).
  expect(await cells.evaluateAll((figures) => figures.map((f) => f.getAttribute("aria-label")))).toEqual([
    "demo-7b · factual", "demo-35b · factual", "demo-7b · reasoning", "demo-35b · reasoning",
  ]);
  await expect(grid.getByRole("img", { name: /^Source multipliers for reasoning queries of demo-35b/ })).toBeVisible();
  await expect(page.getByRole("figure", { name: /^Pearson heatmap, demo-(7b|35b)$/ })).toHaveCount(2);
  await expect(page.getByRole("figure", { name: /^Coverage, demo-(7b|35b)$/ })).toHaveCount(2);
  await expect(page.getByRole("figure", { name: "Coverage, demo-7b" }).getByRole("list", { name: "Sets, demo-7b" })).toContainText(/factual.*reasoning/);
  await expect(page.getByRole("table", { name: "Power-law alpha per model and set" }).locator("tbody tr")).toHaveCount(2);

  // A whole dataset's mean within-group r is the mean of its groups' means, checked against the API.
  const [queries, correlations] = await Promise.all([
    (await request.get("/api/datasets/demo-7b/queries")).json() as Promise<{ id: string; set: string; control: boolean }[]>,
    (await request.get("/api/datasets/demo-7b/correlations?method=pearson")).json() as Promise<{ queryIds: string[]; matrix: (number | null)[][] }>,
  ]);
  const groups = new Map<string, number[]>();
  for (const q of queries) {
    const key = q.control ? `${q.set}_control` : q.set;
    groups.set(key, [...(groups.get(key) ?? []), correlations.queryIds.indexOf(q.id)]);
  }
  const means = [...groups.values()].filter((g) => g.length > 1).map((g) => {
    const values: number[] = [];
    for (let i = 0; i < g.length; i++) for (let j = i + 1; j < g.length; j++) { const v = correlations.matrix[g[i]!]![g[j]!]; if (v !== null && v !== undefined) values.push(v); }
    return values.reduce((s, v) => s + v, 0) / values.length;
  });
  const expected = means.reduce((s, v) => s + v, 0) / means.length;
  const row = page.getByRole("table", { name: "Headline numbers of A and B" }).getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Mean within-group Pearson r", exact: true }) });
  await expect(row.getByRole("cell").nth(0)).toContainText(expected.toFixed(3));
  await expect(row.getByRole("cell").nth(0)).toContainText(/mean of \d group means/);
  // Differences of percentages are percentage points.
  const top1 = page.getByRole("table", { name: "Headline numbers of A and B" }).getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Top-1% coverage", exact: true }) });
  await expect(top1.getByRole("cell").nth(2)).toHaveText(/ pp$/);
});

test("the overview shows a heatmap thumbnail and coverage curves beside the numbers, and answers split by correctness", async ({ page, request }) => {
  await page.goto("/datasets/demo-7b");
  const transfer = page.getByRole("region", { name: "Transfer" });
  await expect(transfer.getByRole("img", { name: /^Thumbnail of the Pearson heatmap of all 100 queries/ })).toBeVisible();
  await expect(page.getByRole("region", { name: "Distribution" }).getByRole("img", { name: /^Coverage curves of factual and reasoning/ })).toBeVisible();
  const queries = (await (await request.get("/api/datasets/demo-7b/queries")).json()) as { set: string; control: boolean; correct: boolean | null; answerRanks: number[] | null }[];
  const factual = queries.filter((q) => q.set === "factual" && !q.control && q.answerRanks !== null);
  const count = (correct: boolean) => {
    const own = factual.filter((q) => q.correct === correct);
    return { hits: own.filter((q) => q.answerRanks!.length > 0).length, of: own.length };
  };
  const answers = page.getByRole("region", { name: "Answer occurrence" }).getByRole("group", { name: "factual" });
  const correct = count(true);
  const incorrect = count(false);
  expect(correct.of).toBeGreaterThan(0);
  await expect(answers.getByTestId("answers-correct")).toContainText(`(${correct.hits} of ${correct.of})`);
  if (incorrect.of > 0) await expect(answers.getByTestId("answers-incorrect")).toContainText(`(${incorrect.hits} of ${incorrect.of})`);
});
