import { describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/database";
import { setDatabase } from "@/lib/db/server";
import { memoByDataset } from "./memo";

// The memo only tells databases apart by identity: stand-ins do.
const databaseA = {} as Database;
const databaseB = {} as Database;

describe("memoByDataset", () => {
  it("reads once per dataset and arguments, again after eviction or failure", async () => {
    setDatabase(databaseA);
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

  it("keeps each database's entries apart: the same id in another database is another dataset", async () => {
    const reads: number[] = [];
    let rows = "first database's rows";
    const read = memoByDataset(async (id: number) => {
      reads.push(id);
      return rows;
    });
    setDatabase(databaseA);
    expect(await read(1)).toBe("first database's rows");
    setDatabase(databaseB);
    rows = "second database's rows";
    expect(await read(1)).toBe("second database's rows");
    setDatabase(databaseA);
    expect(await read(1)).toBe("first database's rows");
    expect(reads).toEqual([1, 1]);
  });
});
