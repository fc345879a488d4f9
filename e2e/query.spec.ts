import { expect, test } from "@playwright/test";

test.describe("walking skeleton: datasets → dataset → query", () => {
  test("a researcher opens a slopes query and pages through its ranked documents", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Datasets", level: 1 })).toBeVisible();
    const datasets = page.getByRole("list", { name: "Datasets" });
    await expect(datasets.getByRole("listitem")).toHaveCount(2);
    await expect(datasets.getByText("synthetic", { exact: true })).toHaveCount(2);

    await datasets.getByRole("link", { name: /7B/ }).click();
    await expect(page).toHaveURL(/\/datasets\/demo-7b$/);
    const slopes = page.getByRole("region", { name: /^slopes/ });
    await slopes.getByRole("link").first().click();
    await expect(page).toHaveURL(/\/datasets\/demo-7b\/queries\/[^/?]+$/);
    await expect(page.getByRole("heading", { name: "Prompt" })).toBeVisible();
    await expect(page.getByText(/What is the slope of the line/).first()).toBeVisible();

    const table = page.getByRole("table");
    const firstRow = table.getByRole("row").nth(1);
    await expect(firstRow.getByRole("cell").first()).toHaveText("1");
    const topScore = Number(await firstRow.getByRole("cell").nth(1).textContent());
    const secondScore = Number(await table.getByRole("row").nth(2).getByRole("cell").nth(1).textContent());
    expect(topScore).toBeGreaterThanOrEqual(secondScore);
    expect(topScore).toBeGreaterThan(0);

    await page.getByRole("link", { name: "Next" }).click();
    await expect(page).toHaveURL(/page=2/);
    await expect(table.getByRole("row").nth(1).getByRole("cell").first()).toHaveText("51");

    await page.getByRole("link", { name: "Most negative" }).click();
    await expect(page).toHaveURL(/order=bottom/);
    const bottomScore = Number(await table.getByRole("row").nth(1).getByRole("cell").nth(1).textContent());
    expect(bottomScore).toBeLessThan(0);
    await expect(page.getByRole("link", { name: "Most negative" })).toHaveAttribute("aria-current", "page");
  });

  test("a permalink restores the same page in a fresh browser context", async ({ page, browser }) => {
    await page.goto("/datasets/demo-35b");
    await page.getByRole("region", { name: /^linear/ }).getByRole("link").first().click();
    await page.getByRole("link", { name: "Most negative" }).click();
    await page.getByRole("link", { name: "Next" }).click();
    const url = page.url();
    const firstDoc = await page.getByRole("table").getByRole("row").nth(1).textContent();

    const fresh = await browser.newContext();
    const other = await fresh.newPage();
    await other.goto(url);
    await expect(other.getByRole("table").getByRole("row").nth(1)).toHaveText(firstDoc!);
    await fresh.close();
  });

  test("a bad URL parameter falls back to the default with a visible notice", async ({ page }) => {
    await page.goto("/datasets/demo-7b");
    const href = await page.getByRole("region", { name: /^factual/ }).getByRole("link").first().getAttribute("href");
    await page.goto(`${href}?order=sideways&page=0`);
    await expect(page.getByRole("status").filter({ hasText: 'Ignored order="sideways"' })).toBeVisible();
    await expect(page.getByRole("link", { name: "Most positive" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("table").getByRole("row").nth(1).getByRole("cell").first()).toHaveText("1");
  });

  test("unknown datasets and queries show a not-found page, not a stack trace", async ({ page }) => {
    const response = await page.goto("/datasets/no-such-dataset");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    const query = await page.goto("/datasets/demo-7b/queries/no-such-query");
    expect(query?.status()).toBe(404);
    await expect(page.getByRole("link", { name: "Back to the datasets" })).toBeVisible();
  });
});
