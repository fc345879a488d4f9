import { describe, expect, it } from "vitest";
import { gini, topShare } from "./concentration";
import { expectClose, seededNormal } from "@/tests/support/numeric";

/** Gini by definition: Σᵢ Σⱼ |xᵢ - xⱼ| / (2 n² mean), O(n²). */
function naiveGini(x: number[]): number {
  let diff = 0;
  for (const a of x) for (const b of x) diff += Math.abs(a - b);
  const mean = x.reduce((s, v) => s + v, 0) / x.length;
  return diff / (2 * x.length * x.length * mean);
}

describe("gini", () => {
  it("computes hand-worked cases", () => {
    // equal values: every |xᵢ - xⱼ| = 0
    expect(gini([0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1])).toBe(0);
    // 3, 1: ordered pairs |3-1| twice = 4; 2 n² mean = 2 * 4 * 2 = 16 -> 0.25
    expect(gini([3, 1])).toBe(0.25);
    // 4 3 2 1: unordered differences 1+2+3+1+2+1 = 10, ordered 20; 2 * 16 * 2.5 = 80 -> 0.25
    expect(gini([4, 3, 2, 1])).toBe(0.25);
    // one dominant value approaches (n - 1)/n: 1e9, 1, 1, 1 -> about 0.75
    expectClose(gini([1e9, 1, 1, 1]), 0.75, 1e-8);
    expect(gini([])).toBeNaN();
    expect(gini([7])).toBe(0);
  });

  it("matches the O(n²) definition on random tails", () => {
    for (const [seed, n] of [[1, 1500], [2, 2], [3, 333]] as const) {
      const normal = seededNormal(seed);
      const x = Array.from({ length: n }, () => Math.exp(1.5 * normal())).sort((a, b) => b - a);
      expectClose(gini(x), naiveGini(x), 1e-9);
    }
  });
});

describe("topShare", () => {
  it("computes hand-worked cases", () => {
    // 4 3 2 1, T = 10: top 1% of 4 = ceil(0.04) = 1 document -> 40%; top 50% -> 7 -> 70%
    expect(topShare([4, 3, 2, 1])).toBe(40);
    expect(topShare([4, 3, 2, 1], 0.5)).toBe(70);
    expect(topShare([4, 3, 2, 1], 1)).toBe(100);
    expect(topShare([])).toBeNaN();
  });

  it("matches slicing on a random tail", () => {
    const normal = seededNormal(4);
    const x = Array.from({ length: 2345 }, () => Math.exp(normal())).sort((a, b) => b - a);
    const total = x.reduce((s, v) => s + v, 0);
    // 1% of 2345 = 23.45 -> 24 documents
    const top = x.slice(0, 24).reduce((s, v) => s + v, 0);
    expectClose(topShare(x), (100 * top) / total, 1e-12);
  });
});
