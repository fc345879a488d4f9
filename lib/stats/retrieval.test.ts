import { randomLcg } from "d3";
import { describe, expect, it } from "vitest";
import { rankOrder } from "./ranking";
import { reciprocalRank, relevantRanks, retrievalAtK } from "./retrieval";
import { expectClose } from "@/tests/support/numeric";

describe("retrieval against ground truth", () => {
  it("computes a hand-worked case", () => {
    // Ranking (rank 1 first): documents 4, 2, 0, 3, 1; relevant: 0 and 1 (ranks 3 and 5).
    const order = Uint32Array.from([4, 2, 0, 3, 1]);
    const ranks = relevantRanks(order, [1, 0, 0]);
    expect(ranks).toEqual([3, 5]);
    expect(retrievalAtK(ranks, [1, 3, 5])).toEqual([
      { k: 1, hits: 0, recall: 0, precision: 0 },
      { k: 3, hits: 1, recall: 0.5, precision: 1 / 3 },
      { k: 5, hits: 2, recall: 1, precision: 0.4 },
    ]);
    expect(reciprocalRank(ranks)).toBe(1 / 3);
    expect(reciprocalRank([])).toBe(0);
  });

  it("equals a naive recomputation from scores on random rankings", () => {
    const random = randomLcg(7);
    for (let trial = 0; trial < 50; trial++) {
      const n = 20 + Math.floor(random() * 200);
      // Coarse scores, so ties (kept in document order) occur.
      const scores = Float32Array.from({ length: n }, () => Math.round(random() * 20) / 4);
      const relevant = Array.from({ length: 1 + Math.floor(random() * 8) }, () => Math.floor(random() * n));
      const set = new Set(relevant);
      const ks = [1, 5, 10, Math.floor(n / 2)];
      const ranks = relevantRanks(rankOrder(scores, "top"), relevant);
      // Naive: sort by score descending, ties by index; count relevant among the first k.
      const sorted = Array.from(scores, (s, i) => ({ s, i })).sort((a, b) => b.s - a.s || a.i - b.i).map((e) => e.i);
      retrievalAtK(ranks, ks).forEach((row, j) => {
        const k = ks[j]!;
        const hits = sorted.slice(0, k).filter((d) => set.has(d)).length;
        expect(row.hits).toBe(hits);
        expectClose(row.recall, hits / set.size);
        expectClose(row.precision, hits / k);
      });
      expectClose(reciprocalRank(ranks), 1 / (sorted.findIndex((d) => set.has(d)) + 1));
    }
  });

  it("refuses relevant documents outside the ranking and an empty ground truth", () => {
    expect(() => relevantRanks(Uint32Array.from([0, 1]), [2])).toThrow(RangeError);
    expect(() => retrievalAtK([], [10])).toThrow(/undefined/);
  });
});
