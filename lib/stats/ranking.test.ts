import { describe, expect, it } from "vitest";
import reference from "@/tests/reference/stats-reference.json";
import { expectAllClose, seededNormal, seededUniform } from "@/tests/support/numeric";
import { averageRanks, bottomOrderOf, doubledAverageRanks, rankOrder } from "./ranking";

/** The definition, spelled out: sort indices by score, ties by index ascending. */
function naiveOrder(scores: Float32Array, order: "top" | "bottom"): number[] {
  const sign = order === "top" ? -1 : 1;
  return [...scores.keys()].sort((i, j) => {
    const a = scores[i]!;
    const b = scores[j]!;
    if (a !== b) return sign * (a < b ? -1 : 1); // -0 !== +0 is false: they tie
    return i - j;
  });
}

/** Average ranks by counting: rank = (#smaller) + (#equal + 1) / 2. */
function naiveAverageRanks(scores: Float32Array): number[] {
  return [...scores].map((x) => {
    let smaller = 0;
    let equal = 0;
    for (const y of scores) {
      if (y < x) smaller++;
      else if (y === x) equal++;
    }
    return smaller + (equal + 1) / 2;
  });
}

/** Random scores with many exact ties, both zeros, subnormals and extremes. */
function awkwardScores(n: number, seed: number): Float32Array {
  const u = seededUniform(seed);
  const normal = seededNormal(seed + 1);
  const special = [0, -0, 1e-45, -1e-45, 3.4e38, -3.4e38, 1, -1, 0.5, -0.5];
  const scores = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const r = u();
    scores[i] =
      r < 0.3 ? special[Math.floor(u() * special.length)]! : r < 0.6 ? Math.round(normal() * 3) : normal() * 1e-4;
  }
  return scores;
}

describe("rankOrder", () => {
  it("orders a small hand-worked case, ties in index order both ways", () => {
    // scores  3  1  4  1  5   (indices 0..4)
    // top:    5(4) 4(2) 3(0) 1(1) 1(3)   -> the two 1s keep index order 1, 3
    // bottom: 1(1) 1(3) 3(0) 4(2) 5(4)
    const scores = Float32Array.from([3, 1, 4, 1, 5]);
    expect([...rankOrder(scores, "top")]).toEqual([4, 2, 0, 1, 3]);
    expect([...rankOrder(scores, "bottom")]).toEqual([1, 3, 0, 2, 4]);
  });

  it("treats -0 and +0 as equal and orders negatives correctly", () => {
    // scores 0, -0, 1, -0, -1, -2.5: the three zeros tie (indices 0, 1, 3 in that order)
    const scores = Float32Array.from([0, -0, 1, -0, -1, -2.5]);
    expect([...rankOrder(scores, "top")]).toEqual([2, 0, 1, 3, 4, 5]);
    expect([...rankOrder(scores, "bottom")]).toEqual([5, 4, 0, 1, 3, 2]);
  });

  it("handles empty and single-element input", () => {
    expect([...rankOrder(new Float32Array(0), "top")]).toEqual([]);
    expect([...rankOrder(Float32Array.from([-3]), "bottom")]).toEqual([0]);
  });

  it("reads a Float32Array view at a byte offset", () => {
    const buffer = Float32Array.from([9, 9, 2, -1, 7]);
    const view = buffer.subarray(2); // 2, -1, 7
    expect([...rankOrder(view, "top")]).toEqual([2, 0, 1]);
  });

  it("matches a comparator sort on random data with ties, zeros and subnormals", () => {
    for (const seed of [1, 2, 3]) {
      const scores = awkwardScores(5000, seed);
      expect([...rankOrder(scores, "top")]).toEqual(naiveOrder(scores, "top"));
      expect([...rankOrder(scores, "bottom")]).toEqual(naiveOrder(scores, "bottom"));
    }
  });

  it("matches on values sharing their top bits (skipped radix passes)", () => {
    // All in [1, 2): same sign and exponent, so the top digit is constant.
    const u = seededUniform(7);
    const scores = Float32Array.from({ length: 3000 }, () => 1 + Math.floor(u() * 50) / 64);
    expect([...rankOrder(scores, "top")]).toEqual(naiveOrder(scores, "top"));
    const constant = new Float32Array(100).fill(-2);
    expect([...rankOrder(constant, "top")]).toEqual([...Array(100).keys()]);
  });
});

describe("bottomOrderOf", () => {
  it("is the ascending order, ties in index order, from the descending one", () => {
    const cases = [Float32Array.from([3, 1, 4, 1, 5]), Float32Array.from([0, -0, 1, -0, -1, -2.5]), new Float32Array(0),
      Float32Array.from([7]), new Float32Array(50).fill(-2), awkwardScores(5000, 4), awkwardScores(5000, 5)];
    for (const scores of cases) {
      expect([...bottomOrderOf(scores, rankOrder(scores, "top"))]).toEqual(naiveOrder(scores, "bottom"));
    }
  });

  it("writes into a given array", () => {
    const scores = Float32Array.from([2, 2, 1]);
    const into = new Uint32Array(3);
    expect(bottomOrderOf(scores, rankOrder(scores, "top"), into)).toBe(into);
    expect([...into]).toEqual([2, 0, 1]);
  });
});

describe("averageRanks", () => {
  it("shares tied ranks", () => {
    // ascending 10, 10, 20, 30: the 10s span ranks 1-2 -> 1.5 each; 20 -> 3; 30 -> 4
    expect([...averageRanks(Float32Array.from([10, 20, 10, 30]))]).toEqual([1.5, 3, 1.5, 4]);
    // -0 and +0 tie: ascending -1, (0, -0, 0), 2 -> zeros span 2-4 -> 3
    expect([...averageRanks(Float32Array.from([0, -1, -0, 2, 0]))]).toEqual([3, 1, 3, 5, 3]);
  });

  it("matches counting ranks on random data with ties", () => {
    const scores = awkwardScores(2000, 5);
    expect([...averageRanks(scores)]).toEqual(naiveAverageRanks(scores));
  });

  it("matches scipy.stats.rankdata(method='average')", () => {
    for (const { scores, ranks } of reference.rankdata) {
      expectAllClose(averageRanks(Float32Array.from(scores)), ranks, 0, 0);
    }
  });

  it("sums to n(n+1)/2 at large n with heavy ties", () => {
    // Average ranks preserve the rank sum whatever the ties; a wrong run boundary or mean
    // would not.
    const n = 300_001;
    const u = seededUniform(9);
    const scores = Float32Array.from({ length: n }, () => Math.floor(u() * 1000));
    let sum = 0;
    for (const r of averageRanks(scores)) sum += r;
    expect(sum).toBe((n * (n + 1)) / 2);
  });
});

describe("doubledAverageRanks", () => {
  it("is exact past 2^23 documents, where float32 ranks would round half-integers", () => {
    const n = 2 ** 23 + 4;
    // Ascending values, the last two tied: their average rank is n - 0.5 (float32 holds no such value).
    const scores = Float32Array.from({ length: n }, (_, i) => Math.min(i, n - 2));
    const doubled = doubledAverageRanks(scores, rankOrder(scores, "bottom"));
    expect(doubled[0]).toBe(2);
    expect(doubled[n - 3]).toBe(2 * (n - 2));
    expect(doubled[n - 2]).toBe(2 * n - 1);
    expect(doubled[n - 1]).toBe(2 * n - 1);
    expect(Math.fround((2 * n - 1) / 2)).not.toBe((2 * n - 1) / 2);
  });
});
