import AxeBuilder from "@axe-core/playwright";
import { expect as baseExpect, test } from "@playwright/test";

// A dev server compiles on first visit and may be slow under load; a production server answers far faster.
const expect = baseExpect.configure({ timeout: 20_000 });

type Query = {
  id: string; set: string; type: string; control: boolean; prompt: string; completion: string; answer: string | null;
  alpha: number | null; top1Share: number | null; nats: number | null;
};

test.describe("queries view", () => {
  test.describe.configure({ timeout: 90_000 });

  test("filters and search are reflected in the URL and the counts", async ({ page }) => {
    const queries = (await (await page.request.get("/api/datasets/demo-7b/queries")).json()) as Query[];
    const reasoning = queries.filter((q) => q.set === "reasoning");
    const slopes = reasoning.filter((q) => q.type === "slopes");
    const needle = slopes[0]!.prompt.match(/\(\d+, \d+\)/)![0];
    const searched = slopes.filter((q) => [q.id, q.prompt, q.completion, q.answer ?? ""].join("\n").toLowerCase().includes(needle));
    expect(searched.length).toBeGreaterThan(0);
    expect(searched.length).toBeLessThan(slopes.length);

    await page.goto("/datasets/demo-7b/queries");
    await expect(page.getByText(`${queries.length} of ${queries.length} queries`)).toBeVisible();
    await expect(page.getByRole("table").getByRole("row")).toHaveCount(queries.length + 1);

    await page.getByRole("combobox", { name: "Set", exact: true }).selectOption("reasoning");
    await expect(page).toHaveURL(/set=reasoning/);
    await expect(page.getByText(`${reasoning.length} of ${queries.length} queries`)).toBeVisible();

    await page.getByRole("combobox", { name: "Type", exact: true }).selectOption("slopes");
    await expect(page).toHaveURL(/type=slopes/);
    await expect(page.getByText(`${slopes.length} of ${queries.length} queries`)).toBeVisible();

    await page.getByLabel(/Search prompts/).fill(needle);
    await expect.poll(() => new URL(page.url()).searchParams.get("search")).toBe(needle);
    await expect(page.getByText(`${searched.length} of ${queries.length} queries`)).toBeVisible();
    await expect(page.getByRole("table").getByRole("row")).toHaveCount(searched.length + 1);

    // The URL alone restores the view.
    const url = page.url();
    const fresh = await page.context().browser()!.newContext();
    const other = await fresh.newPage();
    await other.goto(url);
    await expect(other.getByText(`${searched.length} of ${queries.length} queries`)).toBeVisible();
    await expect(other.getByLabel(/Search prompts/)).toHaveValue(needle);
    await fresh.close();

    // A query links to its page.
    const first = searched[0]!;
    await page.getByRole("link", { name: first.id, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/datasets/demo-7b/queries/${first.id}$`));
    await expect(page.getByRole("heading", { name: `Query ${first.id}` })).toBeVisible();
  });

  test("a filter matching nothing explains itself; a bad value shows a notice", async ({ page }) => {
    await page.goto("/datasets/demo-7b/queries?search=zzzz-no-such-thing&set=maybe");
    await expect(page.getByRole("status").filter({ hasText: 'Ignored set="maybe"' })).toBeVisible();
    await expect(page.getByText("0 of 100 queries")).toBeVisible();
    await expect(page.getByText("No query matches these filters.")).toBeVisible();
  });

  test("has no serious or critical accessibility violations", async ({ page }) => {
    await page.goto("/datasets/demo-7b/queries?set=factual");
    await expect(page.getByRole("table")).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`)).toEqual([]);
  });

  test("sorts by any column from the keyboard, the order in the URL and aria-sort on the header", async ({ page }) => {
    const queries = (await (await page.request.get("/api/datasets/demo-7b/queries")).json()) as Query[];
    const byAlpha = [...queries].sort((a, b) => a.alpha! - b.alpha!).map((q) => q.id);
    const byShareDesc = [...queries].sort((a, b) => b.top1Share! - a.top1Share!).map((q) => q.id);
    const firstIds = async (n: number) => (await page.getByRole("table").getByRole("row").locator("td:first-child a").allTextContents()).slice(0, n);

    await page.goto("/datasets/demo-7b/queries?set=all");
    const alpha = page.getByRole("columnheader", { name: /α ± SE/ });
    await expect(alpha).toHaveAttribute("aria-sort", "none");

    // Tab to the header's link and press Enter: ascending α.
    await alpha.getByRole("link").focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/[?&]sort=alpha(&|$)/);
    await expect(alpha).toHaveAttribute("aria-sort", "ascending");
    expect(await firstIds(5)).toEqual(byAlpha.slice(0, 5));

    // Again: descending, stated in the URL.
    await alpha.getByRole("link").focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/dir=desc/);
    await expect(alpha).toHaveAttribute("aria-sort", "descending");
    expect(await firstIds(5)).toEqual([...byAlpha].reverse().slice(0, 5));

    // Another column, and the filters kept; the URL alone restores the order.
    await page.getByRole("combobox", { name: "Set", exact: true }).selectOption("reasoning");
    await expect(page).toHaveURL(/set=reasoning/);
    await expect(page).toHaveURL(/sort=alpha/);
    await page.goto("/datasets/demo-7b/queries?sort=top1Share&dir=desc");
    await expect(page.getByRole("columnheader", { name: /Top-1% share/ })).toHaveAttribute("aria-sort", "descending");
    await expect(alpha).toHaveAttribute("aria-sort", "none");
    expect(await firstIds(5)).toEqual(byShareDesc.slice(0, 5));
    const nats = page.getByRole("columnheader", { name: /Nats/ });
    await nats.getByRole("link").click();
    await expect(page).toHaveURL(/sort=nats/);
    const natsOrder = [...queries].sort((a, b) => (a.nats ?? Infinity) - (b.nats ?? Infinity)).map((q) => q.id);
    expect(await firstIds(3)).toEqual(natsOrder.slice(0, 3));
  });
});
