import { describe, expect, it } from "vitest";
import { fitIntercept, fittedScore, rankPoints } from "./rank-plot-math";

describe("rank plot math", () => {
  it("keeps the leading positive scores, at most the limit", () => {
    expect(rankPoints([5, 3, 1, 0, -1], 10)).toEqual([{ rank: 1, score: 5 }, { rank: 2, score: 3 }, { rank: 3, score: 1 }]);
    expect(rankPoints([5, 3, 1], 2)).toHaveLength(2);
  });

  it("recovers the intercept of an exact power law", () => {
    // s = 2 * r^-0.5  =>  ln s = ln 2 - 0.5 ln r
    const points = Array.from({ length: 50 }, (_, i) => ({ rank: i + 1, score: 2 * (i + 1) ** -0.5 }));
    expect(fitIntercept(points, -0.5)).toBeCloseTo(Math.log(2), 12);
    expect(fittedScore(16, -0.5, Math.log(2))).toBeCloseTo(0.5, 12);
  });

  it("is the least-squares intercept for noisy points (hand-worked)", () => {
    // ln r = 0, ln 2, ln 4; ln s = 1, 0, 0 with alpha -0.5: mean ln s = 1/3, mean ln r = ln 8 / 3 = ln 2
    const points = [{ rank: 1, score: Math.E }, { rank: 2, score: 1 }, { rank: 4, score: 1 }];
    expect(fitIntercept(points, -0.5)).toBeCloseTo(1 / 3 + 0.5 * Math.log(2), 12);
    expect(fitIntercept([], -0.5)).toBeNull();
  });
});
