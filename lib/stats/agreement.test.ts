import { describe, expect, it } from "vitest";
import { alignedPositions, gather, meanCurve, queryAgreement, rankComparison, rankingAgreement, sharedRanking } from "./agreement";
import { averageRanks, rankOrder } from "./ranking";
import { naivePearson } from "@/tests/support/naive-stats";
import { expectClose, seededNormal, seededUniform } from "@/tests/support/numeric";

// --- naive implementations, written from the definitions and independent of lib/stats ---

/** Average ranks (ascending, 1-based) by counting: rank = #smaller + (#equal + 1) / 2. */
function naiveAverageRanks(x: ArrayLike<number>): number[] {
  return Array.from(x, (v) => {
    let less = 0;
    let equal = 0;
    for (let i = 0; i < x.length; i++) {
      if (x[i]! < v) less++;
      else if (x[i] === v) equal++;
    }
    return less + (equal + 1) / 2;
  });
}

/** Document indices by score descending, ties by index, via a comparator sort. */
function naiveTopOrder(x: ArrayLike<number>): number[] {
  return Array.from(x, (v, i) => ({ v, i }))
    .sort((a, b) => b.v - a.v || a.i - b.i)
    .map((e) => e.i);
}

function naiveJaccard(x: ArrayLike<number>, y: ArrayLike<number>, k: number): number {
  const a = new Set(naiveTopOrder(x).slice(0, k));
  const b = new Set(naiveTopOrder(y).slice(0, k));
  const common = [...a].filter((d) => b.has(d)).length;
  return common / (a.size + b.size - common);
}

function naiveSpearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  return naivePearson(naiveAverageRanks(x), naiveAverageRanks(y));
}

describe("queryAgreement", () => {
  it("computes a hand-worked case", () => {
    // x = 4 3 2 1 0, y = 3 4 0 1 2 (document 0..4).
    // Pearson: x̄ = 2, ȳ = 2; dx = 2 1 0 -1 -2, dy = 1 2 -2 -1 0;
    //   Sxy = 2 + 2 + 0 + 1 + 0 = 5, Sxx = Syy = 10, r = 0.5.
    // Spearman: ranks are the values + 1, so rho = r = 0.5.
    // Top-1: {0} vs {1}: 0. Top-2: {0,1} vs {1,0}: 1. Top-3: {0,1,2} vs {1,0,4}: 2/4.
    const x = Float32Array.from([4, 3, 2, 1, 0]);
    const y = Float32Array.from([3, 4, 0, 1, 2]);
    const result = queryAgreement(x, y, [1, 2, 3]);
    expectClose(result.pearson!, 0.5);
    expectClose(result.spearman!, 0.5);
    expect(result.jaccard).toEqual([0, 1, 0.5]);
  });

  it("gives Spearman 1 for a monotone transform and -1 for a reversal, whatever Pearson says", () => {
    const x = Float32Array.from([0.1, 2, 30, 400, 5000]);
    const result = queryAgreement(x, x.map((v) => Math.log(v)), [1]);
    expectClose(result.spearman!, 1);
    expect(result.pearson!).toBeLessThan(0.95);
    expectClose(queryAgreement(x, x.map((v) => -v), [1]).spearman!, -1);
  });

  it("shares tied ranks as scipy does and breaks top-k ties by document order", () => {
    // y has a tie at its top: documents 1 and 2 (score 5); top-1 of y is document 1.
    const x = Float32Array.from([1, 2, 3, 4]);
    const y = Float32Array.from([0, 5, 5, 1]);
    const result = queryAgreement(x, y, [1, 2]);
    // Ranks of y: 1, 3.5, 3.5, 2; of x: 1 2 3 4.
    expectClose(result.spearman!, naivePearson([1, 2, 3, 4], [1, 3.5, 3.5, 2]));
    // x's top-1 {3} vs y's {1}: 0; top-2 {3, 2} vs {1, 2}: 1/3.
    expect(result.jaccard).toEqual([0, 1 / 3]);
  });

  it("is null for a constant vector", () => {
    const result = queryAgreement(Float32Array.from([1, 1, 1]), Float32Array.from([1, 2, 3]), []);
    expect(result.pearson).toBeNull();
    expect(result.spearman).toBeNull();
  });

  it("equals the naive definitions on random heavy-tailed scores with ties, to 1e-9", () => {
    const normal = seededNormal(7);
    const u = seededUniform(8);
    const n = 3000;
    const base = Float32Array.from({ length: n }, () => normal() ** 3);
    const cases: [Float32Array, Float32Array][] = [
      [base, base.map((v) => v + 0.5 * normal())],
      [base, Float32Array.from({ length: n }, normal)],
      [base.map((v) => Math.round(v * 4) / 4), base.map((v) => Math.exp(v / 4) + u())], // ties in x
      [Float32Array.from({ length: n }, () => Math.floor(u() * 6)), Float32Array.from({ length: n }, () => Math.floor(u() * 6))],
    ];
    const ks = [10, 50, 100, 300];
    for (const [x, y] of cases) {
      const result = queryAgreement(x, y, ks);
      expectClose(result.pearson!, naivePearson(x, y));
      expectClose(result.spearman!, naiveSpearman(x, y));
      ks.forEach((k, i) => expectClose(result.jaccard[i]!, naiveJaccard(x, y, k)));
    }
  });

  it("refuses vectors of different lengths", () => {
    expect(() => queryAgreement(new Float32Array(3), new Float32Array(4), [])).toThrow(RangeError);
  });
});

describe("sharedRanking (from a stored ranking, no sort)", () => {
  /** A dataset's ranking as the ingest stores it: documents by top rank and their scores. */
  function storedRanking(scores: Float32Array) {
    const documents = rankOrder(scores, "top");
    return { documents, scores: gather(scores, documents) };
  }
  /** `count` distinct indices below `n` in a random order: the shared documents in aligned order. */
  function randomSubset(n: number, count: number, u: () => number): Uint32Array {
    const all = Uint32Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(u() * (i + 1));
      [all[i], all[j]] = [all[j]!, all[i]!];
    }
    return all.slice(0, count);
  }

  it("equals average ranks and the top order by sorting the aligned scores, ties included", () => {
    const normal = seededNormal(21);
    const u = seededUniform(22);
    const n = 4000;
    const cases = [
      Float32Array.from({ length: n }, normal),
      Float32Array.from({ length: n }, () => Math.round(normal() * 3) / 3), // many ties
      Float32Array.from({ length: n }, () => (u() < 0.8 ? (u() < 0.5 ? 0 : -0) : u())), // BM25-like: mostly zero, -0 and +0 tie
    ];
    for (const scores of cases) {
      const stored = storedRanking(scores);
      // Every document in the dataset's own order; a shuffled subset; everything shuffled.
      for (const indices of [null, randomSubset(n, 3100, u), randomSubset(n, n, u)]) {
        const shared = indices ? indices.length : n;
        const aligned = indices ? gather(scores, indices) : scores;
        const position = indices ? alignedPositions(indices, n) : null;
        const depth = 700;
        const result = sharedRanking(stored.documents, stored.scores, position, shared, depth);
        expect(Array.from(result.scores)).toEqual(Array.from(aligned));
        expect(Array.from(result.ranks)).toEqual(Array.from(averageRanks(aligned)));
        expect(Array.from(result.ranks)).toEqual(naiveAverageRanks(aligned));
        expect(Array.from(result.head)).toEqual(Array.from(rankOrder(aligned, "top").subarray(0, depth)));
        expect(Array.from(result.head)).toEqual(naiveTopOrder(aligned).slice(0, depth));
      }
    }
  });

  it("gives the agreement that sorting the aligned scores gives", () => {
    const normal = seededNormal(23);
    const u = seededUniform(24);
    const n = 3000;
    const x = Float32Array.from({ length: n }, () => Math.round(normal() * 4) / 4);
    const y = Float32Array.from({ length: n }, () => (u() < 0.6 ? 0 : u()));
    const indices = randomSubset(n, 2500, u);
    const ks = [10, 50, 100, 250];
    const fromStored = rankingAgreement(
      sharedRanking(rankOrder(x, "top"), gather(x, rankOrder(x, "top")), alignedPositions(indices, n), indices.length, 250),
      sharedRanking(rankOrder(y, "top"), gather(y, rankOrder(y, "top")), alignedPositions(indices, n), indices.length, 250),
      ks,
    );
    const ax = gather(x, indices);
    const ay = gather(y, indices);
    expect(fromStored).toEqual(queryAgreement(ax, ay, ks));
    expectClose(fromStored.spearman!, naiveSpearman(ax, ay));
    ks.forEach((k, i) => expectClose(fromStored.jaccard[i]!, naiveJaccard(ax, ay, k)));
  });

  it("refuses a ranking that does not hold exactly the shared documents", () => {
    const documents = Uint32Array.from([2, 0, 1]);
    const scores = Float32Array.from([3, 2, 1]);
    expect(() => sharedRanking(documents, scores, null, 2, 1)).toThrow(RangeError);
    expect(() => sharedRanking(documents, scores, null, 4, 1)).toThrow(RangeError);
    expect(() => sharedRanking(documents, scores, Int32Array.from([0, -1]), 1, 1)).toThrow(RangeError);
  });
});

describe("gather", () => {
  it("aligns by index and refuses an index outside the values", () => {
    expect(Array.from(gather(Float32Array.from([10, 20, 30]), [2, 0]))).toEqual([30, 10]);
    expect(() => gather(Float32Array.from([1]), [1])).toThrow(RangeError);
  });
});

describe("rankComparison", () => {
  it("lists both rankings and the documents one method tops and the other ranks lowest", () => {
    // x ranks 0 1 2 3 4 5; y ranks 5 4 3 1 2 0 → y's order: 5, 3, 4, 2, 1, 0.
    const x = Float32Array.from([6, 5, 4, 3, 2, 1]);
    const y = Float32Array.from([1, 2, 3, 5, 4, 6]);
    const result = rankComparison(x, y, { top: 2, disagreementTop: 3, limit: 2 });
    expect(result.topA).toEqual([{ index: 0, rankA: 1, rankB: 6 }, { index: 1, rankA: 2, rankB: 5 }]);
    expect(result.topB).toEqual([{ index: 5, rankA: 6, rankB: 1 }, { index: 3, rankA: 4, rankB: 2 }]);
    // A's top 3 (0, 1, 2) by B's rank, lowest first: 0 (6), 1 (5).
    expect(result.lowInB).toEqual([{ index: 0, rankA: 1, rankB: 6 }, { index: 1, rankA: 2, rankB: 5 }]);
    // B's top 3 (5, 3, 4) by A's rank, lowest first: 5 (6), 4 (5).
    expect(result.lowInA).toEqual([{ index: 5, rankA: 6, rankB: 1 }, { index: 4, rankA: 5, rankB: 3 }]);
  });

  it("agrees with a naive ranking on random scores", () => {
    const normal = seededNormal(11);
    const x = Float32Array.from({ length: 500 }, normal);
    const y = x.map((v) => v + normal());
    const result = rankComparison(x, y, { top: 20, disagreementTop: 100, limit: 10 });
    const orderA = naiveTopOrder(x);
    const orderB = naiveTopOrder(y);
    const rankB = (d: number) => orderB.indexOf(d) + 1;
    const rankA = (d: number) => orderA.indexOf(d) + 1;
    expect(result.topA.map((p) => p.index)).toEqual(orderA.slice(0, 20));
    expect(result.topB.map((p) => p.index)).toEqual(orderB.slice(0, 20));
    const expected = orderA.slice(0, 100).map((d) => ({ index: d, rankA: rankA(d), rankB: rankB(d) }))
      .sort((p, q) => q.rankB - p.rankB || p.rankA - q.rankA).slice(0, 10);
    expect(result.lowInB).toEqual(expected);
    for (const p of result.lowInA) expect(p.rankB).toBeLessThanOrEqual(100);
  });
});

describe("meanCurve", () => {
  it("averages each k over the queries that have it", () => {
    const curve = meanCurve([{ jaccard: [0.2, 0.4] }, { jaccard: [0.4, null] }, { jaccard: [Number.NaN, 0.6] }], [10, 50]);
    expect(curve).toEqual([{ k: 10, mean: expect.closeTo(0.3, 12), n: 2 }, { k: 50, mean: 0.5, n: 2 }]);
    expect(meanCurve([], [10])[0]!.mean).toBeNaN();
  });
});
