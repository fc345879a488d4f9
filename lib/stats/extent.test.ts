import { randomLcg, randomNormal } from "d3";
import { describe, expect, it } from "vitest";
import { quantileSorted, robustExtent, robustExtentOfTails, robustTailLength } from "./extent";

/** The textbook definition, written independently: NumPy's "linear" percentile. */
function naivePercentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  return lo + 1 < s.length ? s[lo]! * (1 - (h - lo)) + s[lo + 1]! * (h - lo) : s[lo]!;
}

describe("quantileSorted", () => {
  it("interpolates between closest ranks as NumPy does", () => {
    // numpy.percentile([1, 2, 3, 4], [0, 10, 50, 99.9, 100]) = [1, 1.3, 2.5, 3.997, 4]
    const values = [1, 2, 3, 4];
    expect(quantileSorted(values, 0)).toBe(1);
    expect(quantileSorted(values, 0.1)).toBeCloseTo(1.3, 12);
    expect(quantileSorted(values, 0.5)).toBe(2.5);
    expect(quantileSorted(values, 0.999)).toBeCloseTo(3.997, 12);
    expect(quantileSorted(values, 1)).toBe(4);
    expect(quantileSorted([], 0.5)).toBeNaN();
  });
});

describe("robustExtent", () => {
  it("ignores one huge outlier and counts it beyond the edge", () => {
    const normal = randomNormal.source(randomLcg(7))(0, 1e-6);
    const values = Array.from({ length: 10_000 }, () => normal());
    values[123] = 5e-3; // 5,000 standard deviations out
    const extent = robustExtent(values);
    expect(extent.full[1]).toBe(5e-3);
    expect(extent.domain[0]).toBeCloseTo(naivePercentile(values, 0.001), 18);
    expect(extent.domain[1]).toBeCloseTo(naivePercentile(values, 0.999), 18);
    expect(extent.domain[1]).toBeLessThan(5e-6); // the cloud sets the axis, not the outlier
    const naiveBelow = values.filter((v) => v < extent.domain[0]).length;
    const naiveAbove = values.filter((v) => v > extent.domain[1]).length;
    expect([extent.below, extent.above]).toEqual([naiveBelow, naiveAbove]);
    expect(extent.above).toBeGreaterThanOrEqual(1);
    expect(extent.below + extent.above).toBeLessThanOrEqual(22); // ~0.1% a side of 10,000
  });

  it("falls back to the full extent when the percentiles coincide, and widens a constant series", () => {
    const mostlyZero = [...Array.from({ length: 5000 }, () => 0), 1, 2];
    expect(robustExtent(mostlyZero)).toEqual({ domain: [0, 2], full: [0, 2], below: 0, above: 0 });
    expect(robustExtent([3, 3, 3]).domain).toEqual([1.5, 4.5]);
    expect(robustExtent([Number.NaN, Infinity]).domain).toEqual([0, 1]);
  });

  it("keeps the full extent when clamping would gain little room (no outlier to hide)", () => {
    const values = [5, -1, 2, 8, 0.5, 3];
    expect(robustExtent(values)).toEqual({ domain: [-1, 8], full: [-1, 8], below: 0, above: 0 });
  });

  it("uses the percentile range whenever asked to (minGain 1), counting the values beyond it", () => {
    const values = [5, -1, 2, 8, 0.5, 3, 400];
    const { domain, below, above } = robustExtent(values, [0.001, 0.999], 1);
    // numpy.percentile(values, [0.1, 99.9]) = [-0.991, 397.648]
    expect(domain[0]).toBeCloseTo(-0.991, 12);
    expect(domain[1]).toBeCloseTo(397.648, 9);
    expect(domain[1]).toBeCloseTo(naivePercentile(values, 0.999), 12);
    expect([below, above]).toEqual([1, 1]);
  });
});

describe("robustExtentOfTails", () => {
  it("equals robustExtent over every value, from the two tails a ranking holds", () => {
    const random = randomLcg(11);
    const normal = randomNormal.source(random)(0, 1);
    for (const n of [1, 2, 3, 7, 100, 999, 1001, 5000, 20_000]) {
      for (const shape of ["normal", "outliers", "ties"] as const) {
        const values = Array.from({ length: n }, () => (shape === "ties" ? Math.round(normal() * 2) / 2 : normal()));
        if (shape === "outliers") for (let i = 0; i < Math.max(1, n / 500); i++) values[Math.floor(random() * n)] = (random() < 0.5 ? -1 : 1) * 1e4;
        const ascending = Float32Array.from(values).sort();
        const descending = Float32Array.from(ascending).reverse();
        const need = robustTailLength(n);
        const fromTails = robustExtentOfTails(ascending.subarray(0, need), descending.subarray(0, need), n);
        expect(fromTails, `n=${n}, ${shape}`).toEqual(robustExtent(ascending));
      }
    }
  });

  it("refuses tails shorter than it needs", () => {
    expect(() => robustExtentOfTails([1, 2], [9, 8], 10_000)).toThrow(/needs 12 values from each end of 10000/);
  });
});
