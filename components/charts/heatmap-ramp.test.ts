import { describe, expect, it } from "vitest";
import { cellRgb, heatmapPixels, rampPosition, textOnRamp, UNDEFINED_RGB } from "./heatmap-ramp";

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

describe("dark ramp", () => {
  const lightness = (v: number) => cellRgb(v, "dark").reduce((s, c) => s + c, 0);
  it("starts at the dark page background and brightens as the value grows", () => {
    const [r0, g0, b0] = cellRgb(0, "dark");
    expect(Math.max(r0, g0, b0)).toBeLessThan(40);
    const steps = [0, 0.2, 0.4, 0.6, 0.8, 1].map(lightness);
    for (let i = 1; i < steps.length; i++) expect(steps[i]!).toBeGreaterThan(steps[i - 1]!);
    const [r1, , b1] = cellRgb(1, "dark");
    expect(b1).toBeGreaterThan(r1);
  });
  it("keeps text readable: white on the dark end, black on the bright end", () => {
    expect(textOnRamp(0.1, "dark")).toBe("white");
    expect(textOnRamp(0.95, "dark")).toBe("black");
  });
  it("writes one opaque pixel per cell in row-major order", () => {
    const pixels = heatmapPixels([0, 1, null, 0.5], 2, "dark");
    expect(pixels.length).toBe(16);
    expect([...pixels.slice(4, 8)]).toEqual([...cellRgb(1, "dark"), 255]);
    expect([...pixels.slice(8, 12)]).toEqual([...cellRgb(null, "dark"), 255]);
  });
});
