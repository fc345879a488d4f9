import { describe, expect, it } from "vitest";
import { headCounts, pooledMultipliers, sourceEnrichment } from "./enrichment";
import { rankOrder } from "./ranking";
import { expectClose, seededNormal, seededUniform } from "@/tests/support/numeric";

describe("sourceEnrichment", () => {
  it("computes a hand-worked case", () => {
    // D = 10 documents; sources 0 0 0 0 0 1 1 1 2 2 -> N = 5, 3, 2; source 3 has none.
    // k = 2, group {0, 2}: query 0's top two are 5 (src 1), 8 (src 2); query 2's are 6 (1), 0 (0)
    // C = 1, 2, 1 over k|G| = 4 taken:
    //   s0 (1/4)/(5/10) = 0.5; s1 (2/4)/(3/10) = 5/3; s2 (1/4)/(2/10) = 1.25
    const source = Uint16Array.from([0, 0, 0, 0, 0, 1, 1, 1, 2, 2]);
    const orders = [
      Uint32Array.from([5, 8, 0, 1, 2, 3, 4, 6, 7, 9]),
      Uint32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]), // not a member: ignored
      Uint32Array.from([6, 0, 1, 2, 3, 4, 5, 7, 8, 9]),
    ];
    const out = sourceEnrichment(orders, [0, 2], 2, source, [5, 3, 2, 0]);
    expect(out.map((e) => e.source)).toEqual([0, 1, 2]);
    expect(out.map((e) => e.count)).toEqual([1, 2, 1]);
    expectClose(out[0]!.multiplier, 0.5, 1e-15);
    expectClose(out[1]!.multiplier, 5 / 3, 1e-15);
    expectClose(out[2]!.multiplier, 1.25, 1e-15);
    // A source absent from the top: multiplier 0.
    expect(sourceEnrichment(orders, [1], 2, source, [5, 3, 2])[1]).toEqual({ source: 1, count: 0, multiplier: 0 });
    // k beyond the corpus takes every document once per query: the corpus mix, all 1.
    const all = sourceEnrichment(orders, [0, 2], 25, source, [5, 3, 2]);
    expect(all.map((e) => e.count)).toEqual([10, 6, 4]);
    for (const e of all) expectClose(e.multiplier, 1, 1e-15);
    // An empty group has no sample.
    expect(sourceEnrichment(orders, [], 2, source, [5, 3, 2])[0]!.multiplier).toBeNaN();
  });

  it("matches counting by filter on random data (top and bottom)", () => {
    const u = seededUniform(31);
    const D = 5000;
    const sourceCounts = [0, 0, 0, 0];
    // Skewed corpus: source 3 is rare (about 5%).
    const documentSource = Uint16Array.from({ length: D }, () => {
      const r = u();
      const s = r < 0.5 ? 0 : r < 0.8 ? 1 : r < 0.95 ? 2 : 3;
      sourceCounts[s]!++;
      return s;
    });
    const normal = seededNormal(32);
    const scores = Array.from({ length: 5 }, () =>
      Float32Array.from({ length: D }, (_, d) => normal() + (documentSource[d] === 3 ? 1.5 : 0)),
    );
    for (const direction of ["top", "bottom"] as const) {
      const orders = scores.map((s) => rankOrder(s, direction));
      const members = [0, 2, 3];
      for (const k of [50, 500]) {
        const out = sourceEnrichment(orders, members, k, documentSource, sourceCounts);
        const picked = members.flatMap((q) => [...orders[q]!.subarray(0, k)].map((d) => documentSource[d]));
        sourceCounts.forEach((N, s) => {
          const C = picked.filter((x) => x === s).length;
          expect(out[s]!.count).toBe(C);
          expectClose(out[s]!.multiplier, C / picked.length / (N / D), 1e-12);
        });
      }
      // The rare source is enriched at the top and depleted at the bottom.
      const rare = sourceEnrichment(orders, members, 50, documentSource, sourceCounts)[3]!.multiplier;
      if (direction === "top") expect(rare).toBeGreaterThan(3);
      else expect(rare).toBeLessThan(0.5);
    }
  });
});

describe("pooledMultipliers", () => {
  it("(count / (k * lists)) / (corpus count / corpus size)", () => {
    const corpus = [{ source: "wiki", count: 800 }, { source: "math", count: 200 }, { source: "empty", count: 0 }];
    const rows = pooledMultipliers(new Map([["math", 40]]), corpus, 50, 2);
    // math: 40 of 100 pooled = 0.4 vs 0.2 of the corpus → 2; wiki: 0 → 0; a source with no documents is left out.
    expect(rows).toEqual([{ source: "wiki", count: 0, multiplier: 0 }, { source: "math", count: 40, multiplier: 2 }]);
  });

  it("gives the multipliers sourceEnrichment gives for the same top-k lists", () => {
    const documentSource = Uint16Array.from([0, 1, 1, 2, 0, 1, 2, 2, 2, 0]);
    const orders = [Uint32Array.from([3, 1, 0, 9, 2, 4, 5, 6, 7, 8]), Uint32Array.from([1, 2, 5, 0, 3, 4, 6, 7, 8, 9])];
    const sourceCounts = [3, 3, 4];
    const k = 3;
    const expected = sourceEnrichment(orders, [0, 1], k, documentSource, sourceCounts);
    const counts = new Map<number, number>();
    for (const order of orders) for (const d of order.subarray(0, k)) counts.set(documentSource[d]!, (counts.get(documentSource[d]!) ?? 0) + 1);
    const corpus = sourceCounts.map((count, source) => ({ source, count }));
    expect(pooledMultipliers(counts, corpus, k, orders.length)).toEqual(expected);
  });
});

describe("headCounts", () => {
  it("counts each category among the first k documents of a ranking, for several k in one walk", () => {
    // Hand-worked: order 3, 0, 2, 1, 4 over categories [1, 0, 1, 2, 0].
    const order = Uint32Array.from([3, 0, 2, 1, 4]);
    const category = Uint16Array.from([1, 0, 1, 2, 0]);
    expect(headCounts(order, [1, 3, 9], category, 3).map((c) => Array.from(c))).toEqual([[0, 0, 1], [0, 2, 1], [2, 2, 1]]);
  });
});
