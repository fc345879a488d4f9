import { scaleLog } from "d3";
import { describe, expect, it } from "vitest";
import {
  decadeTicks, dodgeOffsets, formatDecade, formatMultiplier, kDomain, lineSegments, multiplierDomain, placeMultiplier, spreadLabels,
} from "./multiplier-scale";

describe("multiplierDomain", () => {
  it("keeps the paper's 0.01 to 100 when every value fits", () => {
    expect(multiplierDomain([0.05, 1, 28.45, 99.9])).toEqual([0.01, 100]);
  });

  it("ignores zeros, negatives and non-finite values (zeros go to the floor)", () => {
    expect(multiplierDomain([0, -1, Number.NaN, Number.POSITIVE_INFINITY, 2])).toEqual([0.01, 100]);
  });

  it("widens by whole decades around values outside", () => {
    expect(multiplierDomain([0.004, 150])).toEqual([0.001, 1000]);
    // Exactly a power of ten stays on its decade.
    expect(multiplierDomain([0.001, 1000])).toEqual([0.001, 1000]);
    // 0.00999 is below 0.01: the floor moves to 0.001.
    expect(multiplierDomain([0.00999])[0]).toBeCloseTo(0.001, 12);
  });
});

describe("placeMultiplier", () => {
  const domain = [0.01, 100] as const;

  it("puts a zero multiplier on the floor and flags it", () => {
    expect(placeMultiplier(0, domain)).toEqual({ value: 0.01, atFloor: true });
  });

  it("keeps positive values, clamped into the domain", () => {
    expect(placeMultiplier(28.45, domain)).toEqual({ value: 28.45, atFloor: false });
    expect(placeMultiplier(1e-5, domain)).toEqual({ value: 0.01, atFloor: false });
    expect(placeMultiplier(1e5, domain)).toEqual({ value: 100, atFloor: false });
  });

  it("gives every placed value a finite pixel position on a log scale (0 alone would not)", () => {
    const y = scaleLog().domain(domain).range([200, 0]);
    expect(Number.isFinite(y(0))).toBe(false);
    for (const v of [0, 0.01, 1, 100]) expect(Number.isFinite(y(placeMultiplier(v, domain).value))).toBe(true);
    // The floor is the bottom of the plot, 1 is exactly half way up a 0.01..100 axis.
    expect(y(placeMultiplier(0, domain).value)).toBeCloseTo(200, 9);
    expect(y(1)).toBeCloseTo(100, 9);
  });
});

describe("kDomain", () => {
  it("pads the k range by 0.15 decades each side", () => {
    const [lo, hi] = kDomain([50, 500, 5000]);
    expect(Math.log10(50) - Math.log10(lo)).toBeCloseTo(0.15, 12);
    expect(Math.log10(hi) - Math.log10(5000)).toBeCloseTo(0.15, 12);
  });

  it("gives a single k half a decade either side, never an empty domain", () => {
    const [lo, hi] = kDomain([50]);
    expect(lo).toBeLessThan(50);
    expect(hi).toBeGreaterThan(50);
    expect(Math.log10(hi / lo)).toBeCloseTo(1, 12);
    expect(kDomain([])).toEqual([10, 1000]);
  });
});

describe("decade ticks and labels", () => {
  it("lists the powers of ten without float noise", () => {
    expect(decadeTicks([0.01, 100])).toEqual([0.01, 0.1, 1, 10, 100]);
    expect(decadeTicks([0.001, 1000]).map(formatDecade)).toEqual(["0.001", "0.01", "0.1", "1", "10", "100", "1000"]);
  });

  it("formats multipliers for reading", () => {
    expect(formatMultiplier(0)).toBe("0×");
    expect(formatMultiplier(28.449999999999996)).toBe("28.4×");
    expect(formatMultiplier(0.9)).toBe("0.90×");
    expect(formatMultiplier(0.04)).toBe("0.04×");
    expect(formatMultiplier(0.05909090909090909)).toBe("0.059×");
  });
});

describe("lineSegments", () => {
  it("joins consecutive points and marks segments touching a zero", () => {
    const points = [{ k: 50, multiplier: 0 }, { k: 500, multiplier: 0.3 }, { k: 5000, multiplier: 0.5 }, { k: 50000, multiplier: 0 }];
    expect(lineSegments(points).map((s) => [s.from.k, s.to.k, s.toFloor])).toEqual([
      [50, 500, true],
      [500, 5000, false],
      [5000, 50000, true],
    ]);
    expect(lineSegments([{ multiplier: 1 }])).toEqual([]);
  });
});

describe("dodgeOffsets", () => {
  it("centres several markers around 0, step apart", () => {
    expect(dodgeOffsets(1)).toEqual([0]);
    expect(dodgeOffsets(2, 6)).toEqual([-3, 3]);
    expect(dodgeOffsets(3, 6)).toEqual([-6, 0, 6]);
    expect(dodgeOffsets(0)).toEqual([]);
  });
});

describe("spreadLabels", () => {
  const gap = 12;
  it("leaves labels that do not collide at their lines' ends", () => {
    expect(spreadLabels([10, 50, 100], gap, [0, 200])).toEqual([10, 50, 100]);
  });
  it("spreads colliding labels at least a gap apart around their mean, keeping their order", () => {
    const ys = [100, 102, 101, 40];
    const placed = spreadLabels(ys, gap, [0, 200]);
    const sorted = [...placed].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]! - sorted[i - 1]!).toBeGreaterThanOrEqual(gap - 1e-9);
    expect(placed[3]).toBe(40);
    expect(placed[0]! < placed[2]! && placed[2]! < placed[1]!).toBe(true); // 100 < 101 < 102 stays in order
    expect((placed[0]! + placed[1]! + placed[2]!) / 3).toBeCloseTo(101, 9); // centred on the cluster
  });
  it("keeps the stack inside the plot when a cluster sits at an edge", () => {
    const placed = spreadLabels([195, 196, 197, 198], gap, [0, 200]);
    expect(Math.max(...placed)).toBeLessThanOrEqual(200);
    expect(Math.min(...placed)).toBeGreaterThanOrEqual(0);
    const top = spreadLabels([1, 2, 3], gap, [0, 200]);
    expect(Math.min(...top)).toBeGreaterThanOrEqual(0);
  });
  it("merges a cluster into the one above when spreading makes them touch", () => {
    const placed = spreadLabels([50, 60, 61, 62], gap, [0, 200]);
    const sorted = [...placed].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]! - sorted[i - 1]!).toBeGreaterThanOrEqual(gap - 1e-9);
  });
});
