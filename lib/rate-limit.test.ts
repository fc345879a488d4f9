import { describe, expect, it } from "vitest";
import { clientKey, RateLimiter } from "./rate-limit";

describe("RateLimiter", () => {
  it("lets a client spend its burst, then one request per refill interval, telling when to retry", () => {
    const limiter = new RateLimiter(3, 6); // 3 at once, then one every 10 s
    const t0 = 1_000_000;
    expect([0, 1, 2].map(() => limiter.take("a", t0).ok)).toEqual([true, true, true]);
    expect(limiter.take("a", t0)).toEqual({ ok: false, retryAfterSeconds: 10 });
    expect(limiter.take("a", t0 + 4_000)).toEqual({ ok: false, retryAfterSeconds: 6 });
    expect(limiter.take("a", t0 + 10_000).ok).toBe(true);
    expect(limiter.take("a", t0 + 10_000).ok).toBe(false);
    // Another client has its own bucket.
    expect(limiter.take("b", t0).ok).toBe(true);
  });

  it("never banks more than its capacity", () => {
    const limiter = new RateLimiter(2, 60);
    expect(limiter.take("a", 0).ok).toBe(true);
    const later = 3_600_000;
    expect([0, 1, 2].map(() => limiter.take("a", later).ok)).toEqual([true, true, false]);
  });
});

describe("clientKey", () => {
  it("takes the first forwarded hop, else a shared key for direct clients", () => {
    const request = (headers: Record<string, string>) => new Request("http://x/", { headers });
    expect(clientKey(request({ "x-forwarded-for": "203.0.113.9, 10.0.0.1" }))).toBe("203.0.113.9");
    expect(clientKey(request({ "x-real-ip": "198.51.100.2" }))).toBe("198.51.100.2");
    expect(clientKey(request({}))).toBe("direct");
  });
});
