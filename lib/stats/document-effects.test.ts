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
    expect(x).toMatchObject({ queries: 2, meanScore: 0.5, inTop1: 1, inBottom1: 1, effect: "helps" });
    expect(y).toMatchObject({ queries: 1, meanScore: -1, inTop1: 0, inBottom1: 1, effect: "hurts" });
    expect(z).toMatchObject({ queries: 0, meanScore: null, effect: "neutral" });
    expect(onePercent(76)).toBe(1);
  });
});
