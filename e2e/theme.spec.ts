import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

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
