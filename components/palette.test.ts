import { lab, rgb } from "d3";
import { describe, expect, it } from "vitest";
import { SOURCE_COLORS } from "./palette";

/** Machado, Oliveira & Fernandes (2009) simulation matrices at full severity, on linear sRGB. */
const DEFICIENCIES: Record<string, number[][]> = {
  none: [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
  protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
  deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]],
  tritanopia: [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.3039]],
};

const toLinear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const toGamma = (c: number) => (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);

function simulate(hex: string, matrix: number[][]) {
  const c = rgb(hex);
  const linear = [c.r, c.g, c.b].map((v) => toLinear(v / 255));
  const [r, g, b] = matrix.map((row) => Math.min(1, Math.max(0, row[0]! * linear[0]! + row[1]! * linear[1]! + row[2]! * linear[2]!)));
  return lab(rgb(toGamma(r!) * 255, toGamma(g!) * 255, toGamma(b!) * 255));
}

describe("source palette", () => {
  const colors = Object.values(SOURCE_COLORS);

  it("has eight distinct source colours", () => {
    expect(colors).toHaveLength(8);
    expect(new Set(colors).size).toBe(8);
  });

  it.each(Object.keys(DEFICIENCIES))("keeps every pair of sources apart (ΔE76 ≥ 12) with %s", (name) => {
    const simulated = colors.map((c) => simulate(c, DEFICIENCIES[name]!));
    let closest = Infinity;
    for (let i = 0; i < simulated.length; i++) {
      for (let j = i + 1; j < simulated.length; j++) {
        const [a, b] = [simulated[i]!, simulated[j]!];
        closest = Math.min(closest, Math.hypot(a.l - b.l, a.a - b.a, a.b - b.b));
      }
    }
    expect(closest).toBeGreaterThanOrEqual(12);
  });
});
