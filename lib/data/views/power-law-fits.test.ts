import { describe, expect, it } from "vitest";
import type { QuerySummary } from "@/lib/data/store/queries";
import { welchTTest } from "@/lib/stats/summary";
import { chooseRankBasis, queryFit, setTests, shownAlphas } from "./power-law-fits";

const query = (id: string, fields: Partial<QuerySummary>): QuerySummary => ({
  id, index: 0, set: "factual", type: "factual", control: false, prompt: "", completion: "", answer: null, correct: null, nats: null,
  positiveCount: 0, positiveTotal: 0, negativeCount: 0, negativeTotal: 0, gini: null, top1Share: null, alpha: null, alphaStderr: null,
  alphaPoints: null, alphaGlobal: null, alphaGlobalStderr: null, alphaGlobalPoints: null, answerRanks: null, answerK: null, ...fields,
});

describe("the power-law fits a view shows", () => {
  it("fits over global ranks by default where the dataset has them, and says so when asked for them without", () => {
    expect(chooseRankBasis(true, "")).toEqual({ basis: "global", notice: null });
    expect(chooseRankBasis(false, "")).toEqual({ basis: "local", notice: null });
    expect(chooseRankBasis(true, "local").basis).toBe("local");
    expect(chooseRankBasis(false, "global")).toMatchObject({ basis: "local", notice: expect.stringContaining("no global ranks") });
  });

  it("hides a 41-point local fit over 76 documents but shows the same query's global fit, labelled", () => {
    // The authors' 7B query 65: 41 positive documents of 76.
    const q = query("65", { alpha: -1.416, alphaStderr: 0.1, alphaPoints: 41, alphaGlobal: -0.455, alphaGlobalStderr: 0.03, alphaGlobalPoints: 41 });
    const local = queryFit(q, "local", 76);
    expect(local).toMatchObject({ alpha: null, label: "α over local ranks (all 41 positive documents)" });
    expect(local.problem).toBe("its 41 ranks are more than a tenth of the 76 documents");
    expect(queryFit(q, "global", 76)).toMatchObject({ alpha: -0.455, stderr: 0.03, problem: null, label: "α over global ranks (41 documents)" });
    // The demo's shape: 500 points among 20,000 documents.
    expect(queryFit(query("d", { alpha: -0.33, alphaPoints: 500 }), "local", 20_000)).toMatchObject({ alpha: -0.33, label: "α over local ranks (top 500)" });
  });

  it("tests the sets only with five shown fits in each, over the shown fits", () => {
    const alphas = [-0.3, -0.32, -0.35, -0.31, -0.29, -0.4, -0.42, -0.38, -0.41, -0.39];
    const queries = alphas.map((alpha, i) => query(`q${i}`, { set: i < 5 ? "factual" : "reasoning", alpha, alphaPoints: 500 }));
    const [all] = setTests(queries, shownAlphas(queries, "local", 20_000));
    expect(all!.problem).toBeNull();
    expect(all!.test).toEqual(welchTTest(alphas.slice(5), alphas.slice(0, 5)));
    expect(all!.factual.n).toBe(5);
    // One factual fit too small to show: four left, no test.
    const fewer = queries.map((q, i) => (i === 0 ? { ...q, alphaPoints: 12 } : q));
    const [hidden] = setTests(fewer, shownAlphas(fewer, "local", 20_000));
    expect(hidden!.test).toBeNull();
    expect(hidden!.problem).toBe("a set has 4 shown fits, fewer than 5");
    expect(hidden!.factual.n).toBe(4);
  });
});
