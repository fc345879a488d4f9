import { randomLcg, randomNormal } from "d3";
import { describe, expect, it } from "vitest";
import { COVERAGE_X_DOMAIN, coverageYMax } from "@/app/compare/_components/scales";
import { multiplierDomain } from "@/components/charts/multiplier-scale";
import { formatSelection, parseSelection } from "@/lib/url-state";
import { curveMeanStd, meanOffDiagonal, median, medianMagnitudeRatio, multipliers, pearson } from "./compare";

describe("compare math", () => {
  it("Pearson r: hand-worked cases and a seeded reference", () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    // x = 1..4, y = 1,3,2,4: sxy = 4, sxx = syy = 5 → 0.8
    expect(pearson([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(0.8, 12);
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNull();
    expect(pearson([1], [1])).toBeNull();
    // y = 0.6 x + 0.8 noise with unit-variance x and noise: r ≈ 0.6.
    const normal = randomNormal.source(randomLcg(7))(0, 1);
    const x = Array.from({ length: 20_000 }, () => normal());
    const y = x.map((v) => 0.6 * v + 0.8 * normal());
    expect(pearson(Float32Array.from(x), Float32Array.from(y))!).toBeCloseTo(0.6, 1);
  });

  it("median and magnitude ratios skip zero denominators", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
    expect(medianMagnitudeRatio([2, -4, 6, 1], [1, 2, -2, 0])).toBe(2); // ratios 2, 2, 3; the zero is skipped
  });

  it("mean off-diagonal r over a group, and one query's r with its group", () => {
    const m = [
      [1, 0.5, 0.1, null],
      [0.5, 1, 0.3, 0.2],
      [0.1, 0.3, 1, 0.4],
      [null, 0.2, 0.4, 1],
    ];
    expect(meanOffDiagonal(m, [0, 1, 2])).toEqual({ mean: (0.5 + 0.1 + 0.3) / 3, pairs: 3 });
    expect(meanOffDiagonal(m, [0, 1, 2, 3]).pairs).toBe(5); // the null pair is skipped
    expect(meanOffDiagonal(m, [0, 1, 2], 2)).toEqual({ mean: (0.1 + 0.3) / 2, pairs: 2 });
    expect(meanOffDiagonal(m, [1])).toEqual({ mean: null, pairs: 0 });
  });

  it("coverage mean and sample std across queries, per percentile", () => {
    const curve = curveMeanStd([
      { queryId: "q1", percentile: 5, share: 20 },
      { queryId: "q2", percentile: 5, share: 30 },
      { queryId: "q1", percentile: 1, share: 8 },
      { queryId: "q2", percentile: 1, share: 12 },
    ]);
    expect(curve.map((c) => c.percentile)).toEqual([1, 5]);
    expect(curve[0]).toMatchObject({ mean: 10, n: 2 });
    expect(curve[0]!.std).toBeCloseTo(Math.SQRT2 * 2, 12);
    expect(curveMeanStd([{ queryId: "q", percentile: 1, share: 5 }])[0]).toEqual({ percentile: 1, mean: 5, std: null, n: 1 });
  });

  it("source multipliers: (count / (k * lists)) / (corpus count / corpus size)", () => {
    const corpus = [{ source: "wiki", count: 800 }, { source: "math", count: 200 }, { source: "empty", count: 0 }];
    const rows = multipliers(new Map([["math", 40]]), corpus, 50, 2);
    // math: 40 of 100 pooled = 0.4 vs 0.2 of the corpus → 2; wiki: 0 → 0; a source with no documents is left out.
    expect(rows).toEqual([{ source: "wiki", count: 0, multiplier: 0 }, { source: "math", count: 40, multiplier: 2 }]);
  });
});

describe("compare selections and shared scales", () => {
  it("parses and formats the three selection forms", () => {
    expect(parseSelection("demo-7b")).toEqual({ slug: "demo-7b", kind: "dataset" });
    expect(parseSelection("demo-7b/group/set:reasoning")).toEqual({ slug: "demo-7b", kind: "group", key: "set:reasoning" });
    expect(parseSelection("ruis-7b/query/a/b")).toEqual({ slug: "ruis-7b", kind: "query", id: "a/b" });
    for (const bad of ["", "demo-7b/", "demo-7b/group", "demo-7b/group/", "demo-7b/other/x", "/group/x"]) expect(parseSelection(bad), bad).toBeNull();
    for (const value of ["demo-7b", "demo-7b/group/type:slopes", "ruis-35b/query/18"]) expect(formatSelection(parseSelection(value)!)).toBe(value);
  });

  it("coverage y range rounds up to tens and stops at 100; multiplier range spans whole decades", () => {
    expect(coverageYMax([23.4, 41])).toBe(50);
    expect(coverageYMax([])).toBe(10);
    expect(coverageYMax([130])).toBe(100);
    expect(multiplierDomain([0.05, 31, 0], [0.1, 10])).toEqual([0.01, 100]);
    expect(multiplierDomain([], [0.1, 10])).toEqual([0.1, 10]);
    expect(COVERAGE_X_DOMAIN[0]).toBeLessThan(COVERAGE_X_DOMAIN[1]);
  });
});
