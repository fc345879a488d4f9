import { describe, expect, it } from "vitest";
import { COVERAGE_PERCENTILES } from "@/lib/domain/ks";
import { coverageCurve, curveMeanStd, tailMagnitudes, topCount } from "./coverage";
import { rankOrder } from "./ranking";
import { expectClose, seededNormal, seededUniform } from "./test-utils";

describe("topCount", () => {
  it("is ceil(fraction * n) without float overshoot", () => {
    expect(topCount(0.2, 5)).toBe(1); // 20% of 5 = 1 exactly
    expect(topCount(0.002, 500)).toBe(1); // 0.2% of 500 = 1, though 0.002 * 500 is not exact in binary
    expect(topCount(0.002, 501)).toBe(2); // 1.002 -> 2
    expect(topCount(0.01, 5)).toBe(1); // 0.05 -> 1
    expect(topCount(0.07, 100)).toBe(7); // 0.07 * 100 = 7.000000000000001 in float64
    expect(topCount(1, 9)).toBe(9);
    expect(topCount(0, 9)).toBe(0);
  });
});

describe("coverageCurve", () => {
  it("computes a hand-worked curve", () => {
    // magnitudes 4 3 2 1, T = 10
    // p = 20:  m = ceil(0.8) = 1 -> 4 -> 40%
    // p = 50:  m = 2 -> 7 -> 70%
    // p = 60:  m = ceil(2.4) = 3 -> 9 -> 90%
    // p = 100: m = 4 -> 10 -> 100%
    expect(coverageCurve([4, 3, 2, 1], [20, 50, 60, 100])).toEqual([
      { percentile: 20, count: 1, sum: 4, share: 40 },
      { percentile: 50, count: 2, sum: 7, share: 70 },
      { percentile: 60, count: 3, sum: 9, share: 90 },
      { percentile: 100, count: 4, sum: 10, share: 100 },
    ]);
    // p = 20 of n = 5 counts exactly one document: 5 / 15 = 33.3%
    expectClose(coverageCurve([5, 4, 3, 2, 1], [20])[0]!.share, 100 / 3, 1e-12);
  });

  it("keeps the requested order and defaults to COVERAGE_PERCENTILES", () => {
    const out = coverageCurve([3, 2, 1], [100, 0.2, 50]);
    expect(out.map((p) => p.count)).toEqual([3, 1, 2]);
    expect(coverageCurve([1]).map((p) => p.percentile)).toEqual([...COVERAGE_PERCENTILES]);
    expect(coverageCurve([])).toEqual([]);
  });

  it("matches a naive prefix sum with integer counts on random tails", () => {
    for (const [seed, n] of [[1, 1234], [2, 5], [3, 500], [4, 99_999]] as const) {
      const normal = seededNormal(seed);
      const mags = Array.from({ length: n }, () => Math.exp(2 * normal())).sort((a, b) => b - a);
      const total = mags.reduce((s, v) => s + v, 0);
      const out = coverageCurve(mags);
      COVERAGE_PERCENTILES.forEach((p, i) => {
        // p has at most one decimal: m = ceil(10p * n / 1000) in exact integer arithmetic.
        const m = Math.ceil((Math.round(10 * p) * n) / 1000);
        const sum = mags.slice(0, m).reduce((s, v) => s + v, 0);
        expect(out[i]!.count).toBe(m);
        expectClose(out[i]!.sum, sum, 1e-12);
        expectClose(out[i]!.share, (100 * sum) / total, 1e-9);
      });
    }
  });
});

describe("tailMagnitudes", () => {
  it("takes each tail's magnitudes, descending, without zeros", () => {
    // positives 3, 0.5; negatives -2, -1 (magnitudes 2, 1); zeros in neither
    const scores = Float32Array.from([0.5, -2, 0, 3, -0, -1]);
    expect([...tailMagnitudes(scores, rankOrder(scores, "top"), "positive")]).toEqual([3, 0.5]);
    expect([...tailMagnitudes(scores, rankOrder(scores, "bottom"), "negative")]).toEqual([2, 1]);
    const positive = Float32Array.from([1, 2]);
    expect([...tailMagnitudes(positive, rankOrder(positive, "bottom"), "negative")]).toEqual([]);
  });

  it("matches filter + sort on random scores", () => {
    const u = seededUniform(8);
    const scores = Float32Array.from({ length: 4000 }, () => (u() < 0.1 ? 0 : u() - 0.4));
    const pos = [...scores].filter((s) => s > 0).sort((a, b) => b - a);
    const neg = [...scores].filter((s) => s < 0).map((s) => -s).sort((a, b) => b - a);
    expect([...tailMagnitudes(scores, rankOrder(scores, "top"), "positive")]).toEqual(pos);
    expect([...tailMagnitudes(scores, rankOrder(scores, "bottom"), "negative")]).toEqual(neg);
  });
});

describe("curveMeanStd", () => {
  it("coverage mean and sample std across curves, per percentile", () => {
    const curve = curveMeanStd([
      { percentile: 5, share: 20 },
      { percentile: 5, share: 30 },
      { percentile: 1, share: 8 },
      { percentile: 1, share: 12 },
    ]);
    expect(curve.map((c) => c.percentile)).toEqual([1, 5]);
    expect(curve[0]).toMatchObject({ mean: 10, n: 2 });
    expect(curve[0]!.std).toBeCloseTo(Math.SQRT2 * 2, 12);
    expect(curveMeanStd([{ percentile: 1, share: 5 }])[0]).toEqual({ percentile: 1, mean: 5, std: null, n: 1 });
  });
});
