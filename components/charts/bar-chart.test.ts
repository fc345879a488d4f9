import { describe, expect, it } from "vitest";
import { barChartHeight, type BarDatum } from "./bar-chart";

const bar = (category: string, series: string): BarDatum => ({ category, categoryLabel: category, series, value: 50, color: "#000", valueLabel: "50%" });

describe("barChartHeight", () => {
  it("gives each category a heading row and each bar its own row, plus the margins", () => {
    // margins 4 + 40; per category: heading 18 + 18 per bar + gap 8.
    expect(barChartHeight([])).toBe(44);
    expect(barChartHeight([bar("a", "all")])).toBe(44 + 18 + 18 + 8);
    expect(barChartHeight([bar("a", "all"), bar("a", "correct"), bar("b", "all"), bar("a", "incorrect")])).toBe(44 + (18 + 3 * 18 + 8) + (18 + 18 + 8));
  });
});
