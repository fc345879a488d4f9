import { describe, expect, it } from "vitest";
import { shadeColor, shadeExtent, shadePosition, textOnShade } from "./token-shade";

describe("token shading", () => {
  it("is symmetric about zero over the largest magnitude", () => {
    expect(shadeExtent([0.5, -2, 1])).toBe(2);
    expect(shadeExtent([0, 0])).toBe(1);
    expect(shadePosition(-2, 2)).toBe(-1);
    expect(shadePosition(1, 2)).toBe(0.5);
  });

  it("colours positive blue, negative red, zero near white", () => {
    const hex = (c: string) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)) as [number, number, number];
    const [r1, , b1] = hex(shadeColor(2, 2));
    const [r2, , b2] = hex(shadeColor(-2, 2));
    expect(b1).toBeGreaterThan(r1);
    expect(r2).toBeGreaterThan(b2);
    expect(Math.min(...hex(shadeColor(0, 2)))).toBeGreaterThan(230);
    expect(textOnShade(2, 2)).toBe("white");
    expect(textOnShade(0.1, 2)).toBe("black");
  });
});
