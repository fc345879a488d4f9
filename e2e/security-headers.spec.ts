import { expect, test } from "@playwright/test";

// What a browser is told about every response: only this site's scripts run, nothing
// frames it, responses are not sniffed, referrers stay on the site.
test.describe("security headers", () => {
  test("pages carry a nonce-based CSP (fresh each response) and the hardening headers", async ({ request }) => {
    const [first, second] = await Promise.all([request.get("/"), request.get("/")]);
    for (const response of [first, second]) {
      expect(response.status()).toBe(200);
      const headers = response.headers();
      expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
      expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
      expect(headers["content-security-policy"]).toContain("object-src 'none'");
      expect(headers["x-content-type-options"]).toBe("nosniff");
      expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
      expect(headers["permissions-policy"]).toContain("camera=()");
    }
    const nonce = (r: typeof first) => /'nonce-([^']+)'/.exec(r.headers()["content-security-policy"] ?? "")?.[1];
    expect(nonce(first)).not.toBe(nonce(second));
    // The page's own inline scripts carry the response's nonce, so they may run.
    expect(await first.text()).toContain(`nonce="${nonce(first)}"`);
  });

  test("API errors are JSON that is not sniffed", async ({ request }) => {
    const response = await request.get("/api/datasets/no-such-dataset/queries");
    expect(response.status()).toBe(404);
    expect(response.headers()["content-type"]).toContain("application/json");
    expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  });

  test("a page renders and hydrates under the policy (no blocked script)", async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to (execute|load)/i.test(message.text())) violations.push(message.text());
    });
    await page.goto("/");
    await expect(page.getByRole("group", { name: "Theme" }).getByRole("button", { pressed: true })).toBeVisible();
    expect(violations).toEqual([]);
  });
});
