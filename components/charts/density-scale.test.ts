import { describe, expect, it } from "vitest";
import { logDensity } from "./density-scale";

describe("logDensity", () => {
  it("is 0 for empty bins, 1 for the fullest and logarithmic between", () => {
    expect(logDensity(0, 1000)).toBe(0);
    expect(logDensity(1000, 1000)).toBe(1);
    expect(logDensity(1, 1000)).toBeCloseTo(0.12);
    // sqrt(1000) is halfway on a log scale.
    expect(logDensity(Math.sqrt(1000), 1000)).toBeCloseTo(0.12 + 0.88 * 0.5);
    expect(logDensity(1, 1)).toBe(1);
  });
  it("increases with the count", () => {
    const values = [1, 2, 10, 100, 500].map((c) => logDensity(c, 500));
    for (let i = 1; i < values.length; i++) expect(values[i]!).toBeGreaterThan(values[i - 1]!);
  });
});

