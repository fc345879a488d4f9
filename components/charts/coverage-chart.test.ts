import { scaleLinear, scaleLog } from "d3";
import { describe, expect, it } from "vitest";
import { bandPath, coverageX, coverageXDomain, coverageYDomain, meanPath, plottablePoints, type CoverageDatum } from "./coverage-chart";

const point = (percentile: number, meanCount: number, mean: number, std: number | null = 1): CoverageDatum => ({
  percentile, meanCount, mean, std, n: 3,
});

describe("coverage x mapping", () => {
  it("uses the percentile or the mean document count", () => {
    const p = point(5, 250, 21);
    expect(coverageX(p, "percentile")).toBe(5);
    expect(coverageX(p, "count")).toBe(250);
  });

  it("drops points a log axis cannot show and sorts by x", () => {
    const points = [point(2, 40, 10), point(0.2, 0, 3), point(1, 20, 7)];
    expect(plottablePoints(points, "count").map((p) => p.percentile)).toEqual([1, 2]);
    expect(plottablePoints(points, "percentile").map((p) => p.percentile)).toEqual([0.2, 1, 2]);
  });

  it("widens a single distinct x so the log scale has a span", () => {
    // D = 76: 0.2% … 1% of a query's positive documents are all one document.
    const series = [{ key: "a", label: "a", color: "red", points: [point(0.2, 1, 30), point(1, 1, 30)] }];
    expect(coverageXDomain(series, "count")).toEqual([0.5, 2]);
    expect(coverageXDomain(series, "percentile")).toEqual([0.2, 1]);
    expect(coverageXDomain([], "percentile")).toEqual([1, 10]);
  });

  it("y spans 0 to the band's top, capped at 100 for percentages", () => {
    const series = [{ key: "a", label: "a", color: "red", points: [point(1, 10, 40, 5), point(100, 1000, 100, 0.5)] }];
    expect(coverageYDomain(series, "percentile", true)).toEqual([0, 100]);
    const perNat = [{ key: "a", label: "a", color: "red", points: [point(1, 10, 2e-5, 3e-5)] }];
    const [lo, hi] = coverageYDomain(perNat, "percentile", false);
    expect(lo).toBe(0);
    expect(hi).toBeCloseTo(5e-5);
  });
});

describe("band and line paths", () => {
  const x = scaleLog().domain([1, 100]).range([0, 200]);
  const y = scaleLinear().domain([0, 100]).range([100, 0]);

  it("band traces mean + std left to right, then mean − std back", () => {
    const d = bandPath([point(100, 0, 50, 10), point(1, 0, 20, 5)], "percentile", x, y)!;
    // Upper edge: (0, 75) → (200, 40); lower edge back: (200, 60) → (0, 85).
    const numbers = d.match(/-?\d+(\.\d+)?/g)!.map(Number);
    expect(numbers).toEqual([0, 75, 200, 40, 200, 60, 0, 85]);
    expect(d.startsWith("M")).toBe(true);
    expect(d.endsWith("Z")).toBe(true);
  });

  it("a point without std has zero width", () => {
    const d = bandPath([point(1, 0, 20, null), point(10, 0, 30, null)], "percentile", x, y)!;
    const numbers = d.match(/-?\d+(\.\d+)?/g)!.map(Number);
    expect(numbers).toEqual([0, 80, 100, 70, 100, 70, 0, 80]);
  });

  it("count mode places points at their mean document count", () => {
    const d = meanPath([point(0.2, 10, 20), point(5, 100, 60)], "count", x, y)!;
    expect(d.match(/-?\d+(\.\d+)?/g)!.map(Number)).toEqual([100, 80, 200, 40]);
    expect(bandPath([], "count", x, y)).toBeNull();
    expect(meanPath([point(1, 0, 5)], "count", x, y)).toBeNull();
  });
});
