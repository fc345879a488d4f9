import { describe, expect, it } from "vitest";
import { formatP, stars } from "./format";

describe("stars and formatP", () => {
  it("marks significance at the paper's thresholds", () => {
    expect([0.2, 0.05, 0.049, 0.01, 0.0099, 0.001, 0.00099, 1.28e-5].map(stars)).toEqual(["", "", "*", "*", "**", "**", "***", "***"]);
    expect(stars(null)).toBe("");
    expect(stars(Number.NaN)).toBe("");
  });

  it("formats p-values", () => {
    expect(formatP(0.0312)).toBe("0.031");
    expect(formatP(1.28e-5)).toBe("1.3e-5");
  });
});
