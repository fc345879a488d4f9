import { describe, expect, it } from "vitest";
import { groupEffects, onePercent } from "./document-effects";

describe("groupEffects", () => {
  it("averages scores and counts top/bottom 1% memberships per group", () => {
    const influences = [
      { queryId: "a", score: 2, rank: 1, bottomRank: 300 },
      { queryId: "b", score: -1, rank: 250, bottomRank: 3 },
      { queryId: "c", score: 0.5, rank: 4, bottomRank: 200 },
    ];
    const groups = [
      { key: "set:x", name: "x", kind: "set", queryIds: ["a", "b"] },
      { key: "type:y", name: "y", kind: "type", queryIds: ["b"] },
      { key: "type:z", name: "z", kind: "type", queryIds: [] },
    ];
    expect(onePercent(300)).toBe(3);
    const [x, y, z] = groupEffects(influences, groups, 300);
    // Scores 2 and -1: a positive mean, but its 95% interval spans zero.
    expect(x).toMatchObject({ queries: 2, meanScore: 0.5, inTop1: 1, inBottom1: 1, effect: "unclear" });
    expect(y).toMatchObject({ queries: 1, meanScore: -1, inTop1: 0, inBottom1: 1, effect: "unclear", meanLow: null });
    expect(z).toMatchObject({ queries: 0, meanScore: null, effect: "unclear" });
    expect(onePercent(76)).toBe(1);
  });

  it("says helps or hurts only when the 95% interval of the mean excludes zero", () => {
    const influences = [0.3, 0.2, 0.5, 0.2, 0.4, -2, -1.5, -1, 1, -0.8, 0.9, -0.5].map((score, i) => ({ queryId: `q${i}`, score, rank: 1, bottomRank: 1 }));
    const ids = (from: number, to: number) => influences.slice(from, to).map((i) => i.queryId);
    const groups = [
      { key: "a", name: "a", kind: "type", queryIds: ids(0, 5) },
      { key: "b", name: "b", kind: "type", queryIds: ids(5, 8) },
      { key: "c", name: "c", kind: "type", queryIds: ids(8, 12) },
    ];
    const [helps, hurts, unclear] = groupEffects(influences, groups, 1000);
    // scipy.stats.t.interval(0.95, n - 1, loc=mean, scale=sem).
    expect(helps).toMatchObject({ effect: "helps" });
    expect(helps!.meanLow).toBeCloseTo(0.15810682152912967, 12);
    expect(helps!.meanHigh).toBeCloseTo(0.4818931784708703, 12);
    expect(hurts).toMatchObject({ effect: "hurts" });
    expect(hurts!.meanLow).toBeCloseTo(-2.742068855875165, 12);
    expect(hurts!.meanHigh).toBeCloseTo(-0.25793114412483487, 12);
    // Mean 0.15 > 0, interval (-1.334, 1.634): not clearly away from zero.
    expect(unclear).toMatchObject({ effect: "unclear" });
    expect(unclear!.meanScore).toBeCloseTo(0.15, 12);
    expect(unclear!.meanLow).toBeCloseTo(-1.3341941502741572, 12);
  });
});
