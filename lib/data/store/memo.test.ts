import { describe, expect, it } from "vitest";
import { memoByDataset } from "./memo";

describe("memoByDataset", () => {
  it("reads once per dataset and arguments, again after eviction or failure", async () => {
    const calls: string[] = [];
    let fail = true;
    const read = memoByDataset(async (id: number, method: string) => {
      calls.push(`${id}:${method}`);
      if (method === "flaky" && fail) throw new Error("down");
      return `${id}-${method}`;
    }, 2);
    expect(await read(1, "pearson")).toBe("1-pearson");
    expect(await read(1, "pearson")).toBe("1-pearson");
    expect(calls).toEqual(["1:pearson"]);
    await read(2, "pearson"); // a new dataset id (e.g. a replaced dataset) is a new entry
    await read(1, "pearson"); // a hit: 1:pearson is now the most recently used
    await read(1, "spearman"); // capacity 2: evicts the least recently used, 2:pearson
    await read(1, "pearson");
    await read(2, "pearson");
    expect(calls).toEqual(["1:pearson", "2:pearson", "1:spearman", "2:pearson"]);
    await expect(read(3, "flaky")).rejects.toThrow("down");
    fail = false;
    expect(await read(3, "flaky")).toBe("3-flaky");
  });
});
