import { describe, expect, it } from "vitest";
import { rankPoints } from "./rank-plot-math";

describe("rankPoints", () => {
  it("keeps the leading positive scores, at most the limit", () => {
    expect(rankPoints([5, 3, 1, 0, -1], 10)).toEqual([{ rank: 1, score: 5 }, { rank: 2, score: 3 }, { rank: 3, score: 1 }]);
    expect(rankPoints([5, 3, 1], 2)).toHaveLength(2);
  });
});
