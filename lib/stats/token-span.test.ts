import { randomLcg } from "d3";
import { describe, expect, it } from "vitest";
import { mostInfluentialSpan } from "./token-span";

/** Every window, summed from scratch, the best kept (first on ties). */
function naiveSpan(scores: number[], width: number) {
  const w = Math.min(width, scores.length);
  const windows = Array.from({ length: scores.length - w + 1 }, (_, start) => ({
    start,
    total: scores.slice(start, start + w).reduce((a, b) => a + b, 0),
  }));
  const best = windows.reduce((a, b) => (b.total > a.total ? b : a));
  return { start: best.start, end: best.start + w, total: best.total };
}

describe("mostInfluentialSpan", () => {
  it("finds the hand-worked window", () => {
    expect(mostInfluentialSpan([0, -1, 2, 3, -5, 4, 0], 2)).toEqual({ start: 2, end: 4, total: 5 });
    // Ties: the earliest window.
    expect(mostInfluentialSpan([1, 1, 0, 1, 1], 2)).toEqual({ start: 0, end: 2, total: 2 });
    // Shorter than the width: the whole document.
    expect(mostInfluentialSpan([-1, -2], 8)).toEqual({ start: 0, end: 2, total: -3 });
    expect(mostInfluentialSpan([])).toBeNull();
  });

  it("equals the naive search on random scores", () => {
    const random = randomLcg(7);
    for (let trial = 0; trial < 50; trial++) {
      const n = 1 + Math.floor(random() * 40);
      const scores = Array.from({ length: n }, () => Math.round((random() - 0.5) * 16) / 4);
      const width = 1 + Math.floor(random() * 10);
      expect(mostInfluentialSpan(scores, width)).toEqual(naiveSpan(scores, width));
    }
  });
});
