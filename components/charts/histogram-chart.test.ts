import { scaleLinear } from "d3";
import { describe, expect, it } from "vitest";
import { decadeLabel, normaliseBins, stepPath, trimEmptyEdges } from "./histogram-chart";

describe("normaliseBins", () => {
  it("turns counts into percentages of the group's scores, in bin order", () => {
    const bins = normaliseBins([
      { lower: -4, upper: -3, count: 30 },
      { lower: -6, upper: -5, count: 10 },
      { lower: -5, upper: -4, count: 60 },
    ]);
    expect(bins.map((b) => b.lower)).toEqual([-6, -5, -4]);
    expect(bins.map((b) => b.share)).toEqual([10, 60, 30]);
  });

  it("groups of different sizes with the same shape get the same shares", () => {
    const small = normaliseBins([{ lower: 0, upper: 1, count: 1 }, { lower: 1, upper: 2, count: 3 }]);
    const large = normaliseBins([{ lower: 0, upper: 1, count: 1000 }, { lower: 1, upper: 2, count: 3000 }]);
    expect(small.map((b) => b.share)).toEqual(large.map((b) => b.share));
  });

  it("an empty group has zero shares, not NaN", () => {
    expect(normaliseBins([{ lower: 0, upper: 1, count: 0 }])[0]!.share).toBe(0);
  });
});

describe("stepPath", () => {
  it("outlines the bins from and back to the baseline", () => {
    const x = scaleLinear().domain([0, 2]).range([0, 100]);
    const y = scaleLinear().domain([0, 100]).range([100, 0]);
    const d = stepPath(normaliseBins([{ lower: 0, upper: 1, count: 1 }, { lower: 1, upper: 2, count: 3 }]), x, y)!;
    expect(d).toBe("M0,100L0,75L50,75L50,25L100,25L100,100Z");
    expect(stepPath([], x, y)).toBeNull();
  });
});

describe("decadeLabel", () => {
  it("labels whole decades, hides the rest when several decades show", () => {
    expect(decadeLabel(-5, 4)).toBe("1e-5");
    expect(decadeLabel(-5.5, 4)).toBe("");
    expect(decadeLabel(-5.5, 1)).toBe("3.2e-6");
  });
});

describe("trimEmptyEdges", () => {
  it("drops bins empty in every series at both ends, keeping series aligned", () => {
    const bins = (counts: number[]) => normaliseBins(counts.map((count, i) => ({ lower: i, upper: i + 1, count })));
    const out = trimEmptyEdges([
      { key: "a", label: "a", color: "red", bins: bins([0, 0, 1, 0, 2, 0]) },
      { key: "b", label: "b", color: "blue", bins: bins([0, 3, 0, 0, 0, 0]) },
    ]);
    expect(out.map((s) => s.bins.map((b) => b.lower))).toEqual([[1, 2, 3, 4], [1, 2, 3, 4]]);
    expect(trimEmptyEdges([{ key: "c", label: "c", color: "red", bins: bins([0, 0]) }])[0]!.bins).toEqual([]);
  });
});
