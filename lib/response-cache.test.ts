import { describe, expect, it } from "vitest";
import { ResponseCache } from "./response-cache";

const entry = (bytes: number, text = "") => ({ body: new Uint8Array(bytes).fill(text.length), headers: [["content-type", "application/json"]] as [string, string][] });

describe("ResponseCache", () => {
  it("keeps bodies within its byte budget, least recently used out", () => {
    const cache = new ResponseCache(800);
    cache.set("a", entry(100));
    cache.set("b", entry(100));
    cache.set("c", entry(100));
    cache.get("a"); // now b is the least recently used
    for (let i = 0; i < 5; i++) cache.set(`x${i}`, entry(100));
    // 8 × 100 bytes fit; the ninth pushes out the least recently used (b).
    expect(cache.size).toEqual({ entries: 8, bytes: 800 });
    cache.set("y", entry(100));
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBeDefined();
    expect(cache.size.bytes).toBeLessThanOrEqual(800);
  });

  it("never keeps a body larger than an eighth of the budget", () => {
    const cache = new ResponseCache(800);
    expect(cache.accepts(100)).toBe(true);
    expect(cache.accepts(101)).toBe(false);
    cache.set("big", entry(101));
    expect(cache.get("big")).toBeUndefined();
    expect(cache.size).toEqual({ entries: 0, bytes: 0 });
  });

  it("replacing a key counts its bytes once", () => {
    const cache = new ResponseCache(800);
    cache.set("a", entry(100));
    cache.set("a", entry(50));
    expect(cache.size).toEqual({ entries: 1, bytes: 50 });
  });

  it("a zero budget keeps nothing", () => {
    const cache = new ResponseCache(0);
    cache.set("a", entry(1));
    expect(cache.get("a")).toBeUndefined();
  });
});
