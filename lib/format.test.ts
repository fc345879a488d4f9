import { describe, expect, it } from "vitest";
import { formatP, formatTicks, stars, tickFormatter } from "./format";

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

describe("formatTicks", () => {
  it("writes zero as 0, never 0e+0, and shares one power of ten for tiny scores", () => {
    expect(formatTicks([-2e-6, -1e-6, 0, 1e-6, 2e-6])).toEqual(["−2×10⁻⁶", "−10⁻⁶", "0", "10⁻⁶", "2×10⁻⁶"]);
    expect(formatTicks([0, 5e-7, 1e-6, 1.5e-6])).toEqual(["0", "0.5×10⁻⁶", "1.0×10⁻⁶", "1.5×10⁻⁶"]);
    expect(formatTicks([0, 20000, 40000])).toEqual(["0", "2×10⁴", "4×10⁴"]);
  });
  it("keeps plain decimals in the readable range, with as many digits as the step needs", () => {
    expect(formatTicks([-0.5, -0.25, 0, 0.25, 0.5])).toEqual(["−0.50", "−0.25", "0", "0.25", "0.50"]);
    expect(formatTicks([0, 1, 2, 3])).toEqual(["0", "1", "2", "3"]);
    expect(formatTicks([0.002, 0.004, 0.006])).toEqual(["0.002", "0.004", "0.006"]);
    expect(formatTicks([0, 0, 0])).toEqual(["0", "0", "0"]);
  });
  it("labels every tick distinctly (what a reader compares)", () => {
    const ticks = [1.2e-7, 1.4e-7, 1.6e-7, 1.8e-7];
    const labels = formatTicks(ticks);
    expect(new Set(labels).size).toBe(4);
    expect(labels).toEqual(["1.2×10⁻⁷", "1.4×10⁻⁷", "1.6×10⁻⁷", "1.8×10⁻⁷"]);
    expect(tickFormatter(ticks)(1.4e-7)).toBe("1.4×10⁻⁷");
  });
});
