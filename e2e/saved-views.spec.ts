import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { hydrated } from "./fixtures";

test.describe("saved views", () => {
  test.describe.configure({ timeout: 120_000 });

  test("saving a view gives a /v/ short link that restores the view in a fresh browser, and the home page lists it", async ({ page, browser }) => {
    const path = "/compare?a=demo-7b%2Fgroup%2Fset%3Afactual&b=demo-35b%2Fgroup%2Fset%3Afactual";
    await page.goto(path);
    await hydrated(page);
    const meanR = await page.getByRole("table", { name: "Headline numbers of A and B" }).getByRole("row").nth(3).textContent();
    const title = `Factual 7B vs 35B ${Date.now()}`;

    await page.getByRole("button", { name: "Save view" }).click();
    const dialog = page.getByRole("dialog", { name: "Save this view" });
    await expect(dialog).toBeVisible();
    // The title is required: an empty one is not sent.
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(dialog.getByLabel("Title")).toBeFocused();
    await dialog.getByLabel("Title").fill(title);
    await dialog.getByLabel(/Note/).fill("Factual transfer is weak in both models.");
    await dialog.getByRole("button", { name: "Save" }).click();
    const link = dialog.getByLabel("Short link");
    await expect(link).toHaveValue(/\/v\/[a-z0-9]{8}$/, { timeout: 15_000 });
    const shortLink = await link.inputValue();
    await dialog.getByRole("button", { name: "Close" }).click();

    const fresh = await browser.newContext();
    const other = await fresh.newPage();
    await other.goto(shortLink);
    const slug = new URL(shortLink).pathname.split("/").at(-1)!;
    await expect(other).toHaveURL((url) => url.pathname + url.search === `${path}&saved=${slug}`);
    // A banner above the view says what it is: the saved title and note.
    const banner = other.getByRole("region", { name: "Saved view" });
    await expect(banner.getByRole("heading", { name: title })).toBeVisible();
    await expect(banner).toContainText("Factual transfer is weak in both models.");
    await expect(other.getByRole("main").locator("section").first()).toHaveAttribute("aria-label", "Saved view");
    await expect(other.getByRole("table", { name: "Headline numbers of A and B" }).getByRole("row").nth(3)).toHaveText(meanR!);
    // Saving the view again from the banner's page stores the view, not the banner parameter.
    await other.getByRole("button", { name: "Save view" }).click();
    const again = other.getByRole("dialog", { name: "Save this view" });
    await again.getByLabel("Title").fill(title);
    await again.getByRole("button", { name: "Save" }).click();
    await expect(again.getByLabel("Short link")).toHaveValue(shortLink, { timeout: 15_000 });
    await fresh.close();

    await page.goto("/");
    const saved = page.getByRole("list", { name: "Saved views" });
    const item = saved.getByRole("listitem").filter({ hasText: title });
    await expect(item).toContainText("Factual transfer is weak in both models.");
    await expect(item.getByRole("link", { name: title })).toHaveAttribute("href", new URL(shortLink).pathname);
    // Newest first: the view just saved heads the list.
    await expect(saved.getByRole("listitem").first()).toContainText(title);

    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  });

  test("the API refuses a bad view with a 400 naming the field; an unknown short link is a 404 page", async ({ page, request }) => {
    const bad = await request.post("/api/views", { data: { path: "//evil.example", title: "x" } });
    expect(bad.status()).toBe(400);
    expect((await bad.json()).parameter).toBe("path");
    const long = await request.post("/api/views", { data: { path: "/", title: "t".repeat(121) } });
    expect((await long.json()).parameter).toBe("title");

    const response = await page.goto("/v/zzzzzzz0");
    expect(response?.status()).toBe(404);
    await expect(page.getByText("There is no saved view at this short link.")).toBeVisible();
  });
});
