import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

test.describe("theme", () => {
  test.describe.configure({ timeout: 90_000 });

  test("the toggle switches the html class and the choice survives a reload", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto("/");
    const html = page.locator("html");
    const theme = page.getByRole("group", { name: "Theme" });
    await expect(theme.getByRole("button", { name: "System" })).toHaveAttribute("aria-pressed", "true", { timeout: 20_000 });
    await expect(html).not.toHaveClass(/\bdark\b/);

    await theme.getByRole("button", { name: "Dark" }).click();
    await expect(html).toHaveClass(/\bdark\b/);
    await expect(theme.getByRole("button", { name: "Dark" })).toHaveAttribute("aria-pressed", "true");
    expect(await page.evaluate(() => localStorage.getItem("theme"))).toBe("dark");
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);

    await page.reload();
    await expect(html).toHaveClass(/\bdark\b/);
    await expect(theme.getByRole("button", { name: "Dark" })).toHaveAttribute("aria-pressed", "true", { timeout: 20_000 });
    // The page is dark from the first paint (next-themes' inline script), not only after hydration.
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(background);
    const dark = await new AxeBuilder({ page }).analyze();
    expect(dark.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);

    await theme.getByRole("button", { name: "Light" }).click();
    await expect(html).not.toHaveClass(/\bdark\b/);
    await page.reload();
    await expect(html).not.toHaveClass(/\bdark\b/);

    // System follows the operating system's setting.
    await theme.getByRole("button", { name: "System" }).click();
    await page.emulateMedia({ colorScheme: "dark" });
    await expect(html).toHaveClass(/\bdark\b/);
    await page.emulateMedia({ colorScheme: "light" });
    await expect(html).not.toHaveClass(/\bdark\b/);
  });

  test("a stored dark theme applies before React runs", async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem("theme", "dark"));
    await page.route(/\/_next\/static\/chunks\/.*\.js$/, (route) => route.abort());
    await page.goto("/");
    await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  });
});

test.describe("dark heatmap", () => {
  test.describe.configure({ timeout: 90_000 });

  /** Mean of R, G and B over the heatmap canvas's pixels (0 black … 255 white). */
  const canvasBrightness = (page: Page) =>
    page.locator("canvas").first().evaluate((canvas: HTMLCanvasElement) => {
      const data = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
      let sum = 0;
      for (let i = 0; i < data.length; i += 4) sum += (data[i]! + data[i + 1]! + data[i + 2]!) / 3;
      return sum / (data.length / 4);
    });

  test("the transfer heatmap and the block table follow the theme: dark backgrounds in dark mode", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto("/datasets/demo-7b/transfer");
    await expect(page.getByRole("group", { name: /^Heatmap of Pearson r/ })).toBeVisible({ timeout: 20_000 });
    await expect.poll(() => canvasBrightness(page)).toBeGreaterThan(170);

    await page.emulateMedia({ colorScheme: "dark" });
    await expect(page.locator("html")).toHaveClass(/\bdark\b/);
    // Mostly weak correlations: a dark canvas in dark mode, not a white square.
    await expect.poll(() => canvasBrightness(page), { timeout: 10_000 }).toBeLessThan(90);
    // The block table's weakest cell (the lowest mean) sits on the dark end of the ramp.
    const background = await page.locator("td[data-mean]").evaluateAll((cells) => {
      const weakest = cells.reduce((low, cell) => (Number(cell.getAttribute("data-mean")) < Number(low.getAttribute("data-mean")) ? cell : low));
      return getComputedStyle(weakest).backgroundColor;
    });
    const channels = (background.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    expect(Math.max(...channels), background).toBeLessThan(80);
  });
});
