import AxeBuilder from "@axe-core/playwright";
import { expect as baseExpect, test, type Page } from "@playwright/test";
import { skipWithoutRuisDemo } from "./fixtures";

// Selecting a cell is a server round trip (the URL changes when the new view has rendered);
// a dev server under load can take several seconds.
const expect = baseExpect.configure({ timeout: 20_000 });
const SELECT_TIMEOUT = 60_000;

interface Matrix {
  queryIds: string[];
  matrix: (number | null)[][];
}

/** Row order of the heatmap, read from its table fallback: [query id, group] per row. */
async function heatmapRows(page: Page): Promise<{ id: string; group: string }[]> {
  const details = page.locator("details").filter({ hasText: "Matrix as a table" });
  await details.locator("summary").click();
  const table = details.getByRole("table");
  await expect(table).toBeVisible();
  return table.locator("tbody tr").evaluateAll((rows) =>
    rows.map((row) => ({ id: row.querySelector("th")!.textContent!.trim(), group: row.querySelector("td")!.textContent!.trim() })),
  );
}

/** Hovers cell (row, col) of the heatmap canvas and returns the tooltip. */
async function hoverCell(page: Page, size: number, row: number, col: number) {
  const canvas = page.getByRole("group", { name: /^Heatmap of/ }).locator("canvas");
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  const cell = box.width / size;
  await page.mouse.move(box.x + (col + 0.5) * cell, box.y + (row + 0.5) * cell);
  const tooltip = page.getByRole("tooltip");
  await expect(tooltip).toBeVisible();
  return { tooltip, point: { x: box.x + (col + 0.5) * cell, y: box.y + (row + 0.5) * cell } };
}

const value = (m: Matrix, a: string, b: string) => m.matrix[m.queryIds.indexOf(a)]![m.queryIds.indexOf(b)]!;

test.describe("transfer: query x query heatmap", () => {
  test.describe.configure({ timeout: 120_000 });

  test("slopes transfer more than factual queries; a clicked cell shows the pair and survives a permalink", async ({ page, request, browser }) => {
    const api = (await (await request.get("/api/datasets/demo-7b/correlations?method=pearson")).json()) as Matrix;
    await page.goto("/datasets/demo-7b/transfer");
    await expect(page.getByRole("heading", { name: "Transfer", level: 2 })).toBeVisible();
    await expect(page.getByRole("link", { name: "Pearson" })).toHaveAttribute("aria-current", "page");

    const rows = await heatmapRows(page);
    expect(rows).toHaveLength(api.queryIds.length);
    // Grouped: factual first, each group contiguous.
    expect(rows[0]!.group).toBe("factual");
    const groupsInOrder = rows.map((r) => r.group).filter((g, i, all) => i === 0 || all[i - 1] !== g);
    expect(new Set(groupsInOrder).size).toBe(groupsInOrder.length);
    const slopes = rows.flatMap((r, i) => (r.group === "slopes" ? [i] : []));
    const factual = rows.flatMap((r, i) => (r.group === "factual" ? [i] : []));
    expect(slopes.length).toBeGreaterThan(2);
    expect(factual.length).toBeGreaterThan(2);

    // Tooltip values, cross-checked against the API's matrix.
    const readCell = async (row: number, col: number) => {
      const { tooltip } = await hoverCell(page, rows.length, row, col);
      await expect(tooltip).toContainText(rows[row]!.id);
      await expect(tooltip).toContainText(rows[col]!.id);
      const shown = Number(await tooltip.getByTestId("tooltip-value").textContent());
      expect(Math.abs(shown - value(api, rows[row]!.id, rows[col]!.id))).toBeLessThanOrEqual(0.0006);
      return shown;
    };
    const slopesValue = await readCell(slopes[0]!, slopes[2]!);
    const factualValue = await readCell(factual[0]!, factual[2]!);
    expect(slopesValue).toBeGreaterThan(factualValue);
    expect(slopesValue).toBeGreaterThan(0.3);

    // Select the slopes cell.
    const [a, b] = [rows[slopes[0]!]!.id, rows[slopes[2]!]!.id];
    const { point } = await hoverCell(page, rows.length, slopes[0]!, slopes[2]!);
    await page.mouse.click(point.x, point.y);
    await expect(page).toHaveURL(new RegExp(`[?&]a=${a}&b=${b}`), { timeout: SELECT_TIMEOUT });
    await expect(page.getByRole("heading", { name: `Selected pair: ${a} × ${b}` })).toBeVisible({ timeout: 20_000 });
    await expect(page.getByRole("img", { name: /Scatter of 20,000 documents' scores/ })).toBeVisible();
    await expect(page.getByTestId("pair-pearson")).toHaveText(value(api, a, b).toFixed(3));

    // Shared top 50, independently: intersect the two rankings from the API.
    const top = async (id: string) =>
      ((await (await request.get(`/api/datasets/demo-7b/queries/${id}/documents?order=top&limit=50`)).json()) as { items: { documentId: string }[] }).items.map((d) => d.documentId);
    const [topA, topB] = await Promise.all([top(a), top(b)]);
    const expectedShared = topA.filter((d) => topB.includes(d));
    const shared = page.getByRole("table", { name: /Documents in the top 50 of both queries/ });
    await expect(shared.locator("tbody tr")).toHaveCount(expectedShared.length);
    expect(expectedShared.length).toBeGreaterThan(0);
    const firstLink = shared.locator("tbody tr").first().getByRole("link");
    expect(expectedShared).toContain((await firstLink.textContent())!.trim());
    await expect(firstLink).toHaveAttribute("href", /^\/datasets\/demo-7b\/documents\//);

    // Collapse the 10,000-cell table fallback first (it unmounts) so axe has a small page to check.
    await page.locator("details").filter({ hasText: "Matrix as a table" }).locator("summary").click();
    await expect(page.locator("details").filter({ hasText: "Matrix as a table" }).getByRole("table")).toHaveCount(0);
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`)).toEqual([]);

    // A permalink in a fresh browser restores the selection.
    const url = page.url();
    const fresh = await browser.newContext();
    const other = await fresh.newPage();
    await other.goto(url);
    await expect(other.getByRole("heading", { name: `Selected pair: ${a} × ${b}` })).toBeVisible();
    await expect(other.getByTestId("pair-pearson")).toHaveText(value(api, a, b).toFixed(3));
    await expect(other.getByRole("table", { name: /Documents in the top 50 of both queries/ }).locator("tbody tr")).toHaveCount(expectedShared.length);
    await fresh.close();
  });

  test("keyboard: arrow keys move the focus cell and Enter selects it", async ({ page }) => {
    await page.goto("/datasets/demo-7b/transfer");
    const rows = await heatmapRows(page);
    await page.locator("details").filter({ hasText: "Matrix as a table" }).locator("summary").click();
    const heatmap = page.getByRole("group", { name: /^Heatmap of Pearson r/ });
    await heatmap.focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowDown");
    await expect(page.getByRole("tooltip")).toContainText(rows[1]!.id);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`[?&]a=${rows[1]!.id}&b=${rows[2]!.id}`), { timeout: SELECT_TIMEOUT });
    await expect(page.getByRole("heading", { name: `Selected pair: ${rows[1]!.id} × ${rows[2]!.id}` })).toBeVisible({ timeout: 20_000 });
  });

  test("the Jaccard switch, a bad k and the block summary export", async ({ page, request }) => {
    await page.goto("/datasets/demo-7b/transfer?method=jaccard&k=7");
    await expect(page.getByRole("status").filter({ hasText: "Ignored k=7" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Jaccard@500", exact: true })).toHaveAttribute("aria-current", "page");
    await page.getByRole("link", { name: "Jaccard@50", exact: true }).click();
    await expect(page).toHaveURL(/method=jaccard&k=50/);
    await expect(page.getByRole("group", { name: /^Heatmap of Jaccard@50 between 100 queries/ })).toBeVisible();

    // Block summary: the slopes diagonal equals the API's block mean.
    const api = (await (await request.get("/api/datasets/demo-7b/correlations?method=jaccard&k=50")).json()) as { blocks: { groupA: string; groupB: string; mean: number }[] };
    const slopesMean = api.blocks.find((b) => b.groupA === "type:slopes" && b.groupB === "type:slopes")!.mean;
    const summary = page.getByRole("table", { name: /Mean Jaccard@50 over query pairs/ });
    const slopesRow = summary.getByRole("row", { name: /^slopes/ });
    const columns = await summary.getByRole("columnheader").allTextContents();
    // The corner cell is not a column header, so header i is cell i of a row.
    const slopesColumn = columns.findIndex((c) => c.trim() === "slopes");
    expect(slopesColumn).toBeGreaterThanOrEqual(0);
    await expect(slopesRow.getByRole("cell").nth(slopesColumn)).toHaveText(slopesMean.toFixed(2));

    const download = page.waitForEvent("download");
    await page.getByRole("group", { name: "Export demo-7b-jaccard-k50-blocks" }).getByRole("button", { name: "CSV" }).click();
    const file = await download;
    const csv = await (await file.createReadStream()).toArray();
    const text = Buffer.concat(csv).toString("utf8");
    expect(text.split("\r\n")[0]).toBe("groupA,groupB,keyA,keyB,mean,pairs");
    expect(text).toContain(`slopes,slopes,type:slopes,type:slopes,${slopesMean}`);
  });

  test("the authors' 76-document data: the pair is drawn as points", async ({ page }) => {
    skipWithoutRuisDemo();
    await page.goto("/datasets/ruis-7b/transfer?a=0&b=1&top=500");
    await expect(page.getByRole("heading", { name: "Selected pair: 0 × 1" })).toBeVisible();
    await expect(page.getByRole("img", { name: /Scatter of 76 documents' scores/ })).toBeVisible();
    await expect(page.getByText("Each dot is one of the 76 documents.")).toBeVisible();
    // A shared top-k needs k at most a tenth of the documents: with 76 none fits, and the panel says so instead of a list.
    await expect(page.getByText(/Shared top-k lists need k at most a tenth of the documents; with 76 documents/)).toBeVisible();
    await expect(page.getByRole("table", { name: /Documents in the top .* of both queries/ })).toHaveCount(0);
    await expect(page.getByRole("navigation", { name: "Shared top k" }).getByRole("link")).toHaveCount(0);
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });

  test("the heatmap and the pair's scatter download as PNG images, the heatmap's cells as CSV", async ({ page }) => {
    await page.goto("/datasets/demo-7b/transfer?a=slopes-01&b=slopes-02");
    const heatmapExport = page.getByRole("group", { name: /^Export heatmap/ });
    const [png] = await Promise.all([page.waitForEvent("download"), heatmapExport.getByRole("button", { name: "PNG" }).click()]);
    expect(png.suggestedFilename()).toBe("heatmap-pearson-r.png");
    const bytes = await (await import("node:fs/promises")).readFile((await png.path())!);
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]); // the PNG signature
    expect(bytes.length).toBeGreaterThan(5_000); // cells and labels, not an empty image
    const [csv] = await Promise.all([page.waitForEvent("download"), heatmapExport.getByRole("button", { name: "CSV" }).click()]);
    const lines = (await (await import("node:fs/promises")).readFile((await csv.path())!, "utf8")).trim().split("\r\n");
    expect(lines[0]).toBe("row,column,value");
    expect(lines).toHaveLength(1 + 100 * 100);
    const scatterExport = page.getByRole("group", { name: /^Export demo-7b-scatter-slopes-01-slopes-02$/ });
    const [scatterPng] = await Promise.all([page.waitForEvent("download"), scatterExport.getByRole("button", { name: "PNG" }).click()]);
    expect(scatterPng.suggestedFilename()).toMatch(/\.png$/);
  });

  test("a query id that does not exist is ignored with a notice", async ({ page }) => {
    await page.goto("/datasets/demo-7b/transfer?a=nope&b=slopes-01");
    await expect(page.getByRole("status").filter({ hasText: 'Ignored a="nope"' })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Selected pair", exact: true })).toBeVisible();
  });
});
