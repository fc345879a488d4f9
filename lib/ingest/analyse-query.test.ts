import { describe, expect, it } from "vitest";
import { needsRuisDemo } from "@/tests/support/needs-ruis-demo";
import { ruisDemoFile } from "@/tests/support/ruis-demo";
import { analyseQuery } from "./analyse-query";
import { readRuisDemo } from "./readers/ruis-demo";

describe("the power law over global ranks, on the authors' 7B file", () => {
  needsRuisDemo();

  it("recovers α ≈ -0.46 over global ranks for query 65, where local ranks give -1.416", async () => {
    const data = await readRuisDemo(ruisDemoFile("7B"));
    const q = data.queries.findIndex((query) => query.id === "65");
    expect(q).toBe(65);
    const { stats } = analyseQuery(data.queries[q]!, data.scores[q]!, null, data.globalRanks![q]!);
    // numpy.polyfit(log(rank + 1), log(score), 1) over the 41 positive scores of the 76
    // distinct documents (float32 scores widened to float64), computed once.
    expect(stats.alphaGlobalPoints).toBe(41);
    expect(stats.alphaGlobal).toBeCloseTo(-0.4552429094736238, 9);
    expect(stats.alphaGlobal).toBeCloseTo(-0.46, 1);
    expect(stats.alphaPoints).toBe(41);
    expect(stats.alpha).toBeCloseTo(-1.4163798692128997, 9);
  });
});
