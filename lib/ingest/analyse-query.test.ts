import { describe, expect, it } from "vitest";
import type { QueryRecord } from "@/lib/domain/records";
import { needsRuisDemo } from "@/tests/support/needs-ruis-demo";
import { seededNormal } from "@/tests/support/numeric";
import { ruisDemoFile } from "@/tests/support/ruis-demo";
import { analyseQuery, QueryBuffers } from "./analyse-query";
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

describe("analyseQuery into reused buffers", () => {
  it("gives every query the same columns and statistics as fresh buffers, whatever the previous query left", () => {
    const query = { id: "q", prompt: "p", completion: "c", set: "reasoning", type: "reasoning", control: false,
      answer: null, correct: null, nats: null } as QueryRecord;
    const n = 3000;
    const normal = seededNormal(11);
    // Heavy ties in the second row, so a stale rank or order would show.
    const rows = [Float32Array.from({ length: n }, () => normal()), Float32Array.from({ length: n }, () => Math.round(normal() * 2))];
    const selfInfluence = Float64Array.from({ length: n }, (_, d) => 1 + (d % 7));
    const buffers = new QueryBuffers(n);
    for (const row of [...rows, rows[0]!]) {
      const fresh = analyseQuery(query, row, null, null, selfInfluence);
      const reused = analyseQuery(query, row, null, null, selfInfluence, buffers);
      expect(reused.packed.byDocument.buffer).toBe(buffers.byDocument.buffer);
      expect(reused.packed).toEqual(fresh.packed);
      expect([...reused.bottomOrder]).toEqual([...fresh.bottomOrder]);
      expect(reused.stats).toEqual(fresh.stats);
    }
    expect(() => analyseQuery(query, rows[0]!.subarray(1), null, null, null, buffers)).toThrow(/buffers for 3000 documents, scores for 2999/);
  });
});
