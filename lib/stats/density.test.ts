import { randomLcg, randomNormal } from "d3";
import { describe, expect, it } from "vitest";
import { bin2d, binIndex, countQuantised, finiteExtent, NOT_BINNED, quantise } from "./density";

describe("finiteExtent", () => {
  it("spans every finite value of every array, skipping NaN and infinities", () => {
    expect(finiteExtent([3, -1, Number.NaN], [Infinity, 7, 2])).toEqual([-1, 7]);
  });
  it("widens a constant input and falls back to [0, 1] when nothing is finite", () => {
    expect(finiteExtent([4, 4])).toEqual([2, 6]);
    expect(finiteExtent([0])).toEqual([-0.5, 0.5]);
    expect(finiteExtent([Number.NaN], [])).toEqual([0, 1]);
  });
});

describe("binIndex", () => {
  it("puts values in equal-width bins, the upper edge in the last bin", () => {
    // [0, 10) into 5 bins of width 2.
    expect([0, 1.99, 2, 5, 9.99, 10].map((v) => binIndex(v, [0, 10], 5))).toEqual([0, 0, 1, 2, 4, 4]);
  });
  it("returns -1 outside the domain and for non-finite values", () => {
    expect([-0.001, 10.001, Number.NaN, Infinity].map((v) => binIndex(v, [0, 10], 5))).toEqual([-1, -1, -1, -1]);
  });
});

describe("bin2d", () => {
  it("counts a hand-worked 2 x 2 case (row = y bin from the bottom)", () => {
    const xs = [0.1, 0.2, 0.9, 0.6, 0.4, 5];
    const ys = [0.1, 0.3, 0.2, 0.7, 0.9, 0.5];
    const bins = bin2d(xs, ys, { xBins: 2, yBins: 2, xDomain: [0, 1], yDomain: [0, 1] });
    // bottom-left: (0.1,0.1) (0.2,0.3); bottom-right: (0.9,0.2); top-right: (0.6,0.7); top-left: (0.4,0.9); x=5 is outside.
    expect(Array.from(bins.counts)).toEqual([2, 1, 1, 1]);
    expect(bins.max).toBe(2);
    expect(bins.outside).toBe(1);
    // Clamped: x = 5 counts in the right edge bin instead (top-right, y = 0.5 in the upper half).
    const clamped = bin2d(xs, ys, { xBins: 2, yBins: 2, xDomain: [0, 1], yDomain: [0, 1], clamp: true });
    expect(Array.from(clamped.counts)).toEqual([2, 1, 1, 2]);
    expect(clamped.outside).toBe(0);
  });

  it("agrees with a brute-force count over 10,000 random pairs and keeps every pair in the extent", () => {
    const normal = randomNormal.source(randomLcg(42))(0, 1);
    const xs = Float32Array.from({ length: 10_000 }, () => normal());
    const ys = Float32Array.from(xs, (x) => 0.5 * x + normal());
    const xDomain = finiteExtent(xs);
    const yDomain = finiteExtent(ys);
    const bins = bin2d(xs, ys, { xBins: 60, yBins: 60, xDomain, yDomain });
    expect(bins.outside).toBe(0);
    expect(bins.counts.reduce((s, c) => s + c, 0)).toBe(10_000);
    // Independent count of one bin by its edges.
    const [col, row] = [30, 28];
    const xw = (xDomain[1] - xDomain[0]) / 60;
    const yw = (yDomain[1] - yDomain[0]) / 60;
    let expected = 0;
    for (let i = 0; i < xs.length; i++) {
      const inX = xs[i]! >= xDomain[0] + col * xw && xs[i]! < xDomain[0] + (col + 1) * xw;
      const inY = ys[i]! >= yDomain[0] + row * yw && ys[i]! < yDomain[0] + (row + 1) * yw;
      if (inX && inY) expected++;
    }
    expect(expected).toBeGreaterThan(0);
    expect(bins.counts[row * 60 + col]).toBe(expected);
  });

  it("rejects mismatched lengths", () => {
    expect(() => bin2d([1, 2], [1], { xBins: 2, yBins: 2, xDomain: [0, 1], yDomain: [0, 1] })).toThrow(RangeError);
  });
});

describe("quantise and countQuantised", () => {
  it("quantise a hand-worked case: bin count first, then each value's bin, 255 when not binned", () => {
    expect([...quantise([0, 1.99, 2, 9.99, 10, -1, Number.NaN], [0, 10], 5)]).toEqual([5, 0, 0, 1, 4, 4, NOT_BINNED, NOT_BINNED]);
  });
  it("counts two quantised columns exactly as bin2d counts the scores themselves", () => {
    const random = randomNormal.source(randomLcg(7))(0, 1);
    const xs = Float32Array.from({ length: 20_000 }, () => random() ** 3);
    const ys = Float32Array.from(xs, (x) => 0.5 * x + random());
    const xDomain = finiteExtent(xs);
    const yDomain = finiteExtent(ys);
    const direct = bin2d(xs, ys, { xBins: 60, yBins: 60, xDomain, yDomain });
    const counted = countQuantised(quantise(xs, xDomain, 60), quantise(ys, yDomain, 60));
    expect(Array.from(counted.counts)).toEqual(Array.from(direct.counts));
    expect(counted.max).toBe(direct.max);
    expect(counted.outside).toBe(0);
    expect(direct.max).toBeGreaterThan(100); // a density with mass, not an empty grid
  });

  it("clamped, counts as bin2d's clamp: values beyond a narrower domain in its edge bins", () => {
    const random = randomNormal.source(randomLcg(9))(0, 1);
    const xs = Float32Array.from({ length: 20_000 }, () => random() ** 3);
    const ys = Float32Array.from(xs, (x) => 0.5 * x + random());
    const xDomain: [number, number] = [-1, 1];
    const yDomain: [number, number] = [-2, 2];
    const direct = bin2d(xs, ys, { xBins: 60, yBins: 60, xDomain, yDomain, clamp: true });
    const counted = countQuantised(quantise(xs, xDomain, 60, { clamp: true }), quantise(ys, yDomain, 60, { clamp: true }));
    expect(Array.from(counted.counts)).toEqual(Array.from(direct.counts));
    expect(counted.outside).toBe(0);
    // Without the clamp the same domains leave documents out: the clamp is what kept them.
    expect(countQuantised(quantise(xs, xDomain, 60), quantise(ys, yDomain, 60)).outside).toBeGreaterThan(100);
  });
});
