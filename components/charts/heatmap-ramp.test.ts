import { describe, expect, it } from "vitest";
import { cellRgb, rampPosition, textOnRamp, UNDEFINED_RGB } from "./heatmap-ramp";

describe("ramp colour", () => {
  it("clamps to [0, 1]: negative values are drawn as 0 (white), above 1 as 1", () => {
    expect(rampPosition(-0.4)).toBe(0);
    expect(rampPosition(1.7)).toBe(1);
    expect(rampPosition(0.25)).toBe(0.25);
    expect(cellRgb(-0.4)).toEqual(cellRgb(0));
    expect(cellRgb(3)).toEqual(cellRgb(1));
  });
  it("runs from near white at 0 to dark blue at 1, darker as the value grows", () => {
    const [r0, g0, b0] = cellRgb(0);
    expect(Math.min(r0, g0, b0)).toBeGreaterThan(240);
    const [r1, , b1] = cellRgb(1);
    expect(b1).toBeGreaterThan(r1 + 50);
    const luminance = (v: number) => cellRgb(v).reduce((s, c) => s + c, 0);
    const steps = [0, 0.2, 0.4, 0.6, 0.8, 1].map(luminance);
    for (let i = 1; i < steps.length; i++) expect(steps[i]!).toBeLessThan(steps[i - 1]!);
  });
  it("draws undefined values grey", () => {
    expect(rampPosition(null)).toBeNull();
    expect(cellRgb(null)).toEqual(UNDEFINED_RGB);
    expect(cellRgb(Number.NaN)).toEqual(UNDEFINED_RGB);
  });
  it("picks white text on dark cells only", () => {
    expect(textOnRamp(0.1)).toBe("black");
    expect(textOnRamp(0.9)).toBe("white");
    expect(textOnRamp(null)).toBe("black");
  });
});
