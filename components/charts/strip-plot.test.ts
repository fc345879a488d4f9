import * as d3 from "d3";
import { describe, expect, it } from "vitest";
import { jitter, spacedTicks, symlogConstant, symlogTicks } from "./strip-plot";

describe("strip plot math", () => {
  it("sets the symlog constant at the 10% quantile of nonzero magnitudes", () => {
    const scores = [0, -1, 2, -3, 4, 5, 6, 7, 8, 9, 10, 11];
    // |nonzero| sorted 1..11; quantile 0.1 of 11 values = 1 + 0.1 * 10 = 2
    expect(symlogConstant(scores)).toBeCloseTo(2, 12);
    expect(symlogConstant([0, 0])).toBe(1);
  });

  it("jitters deterministically within half a band", () => {
    expect(jitter("q1")).toBe(jitter("q1"));
    for (const k of ["a", "b", "slopes-01", "factual-40"]) expect(Math.abs(jitter(k))).toBeLessThanOrEqual(0.5);
  });

  it("places symlog ticks at 0 and powers of ten inside the domain, spaced apart", () => {
    expect(symlogTicks([-2e-7, 3e-6])).toEqual([-1e-7, -1e-8, -1e-9, 0, 1e-9, 1e-8, 1e-7, 1e-6]);
    const x = d3.scaleLinear().domain([0, 10]).range([0, 100]);
    expect(spacedTicks([0, 1, 2, 5, 10], x, 30)).toEqual([0, 5, 10]);
  });
});
