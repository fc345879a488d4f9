import { describe, expect, it } from "vitest";
import type { QuerySummary } from "@/lib/data/store/queries";
import { sortQueries } from "./queries";

const query = (id: string, fields: Partial<QuerySummary>): QuerySummary => ({
  id, index: 0, set: "factual", type: "factual", control: false, prompt: "", completion: "", answer: null, correct: null, nats: null,
  positiveCount: 0, positiveTotal: 0, negativeCount: 0, negativeTotal: 0, gini: null, top1Share: null, alpha: null, alphaStderr: null, alphaPoints: null, alphaGlobal: null, alphaGlobalStderr: null, alphaGlobalPoints: null,
  answerRanks: null, answerK: null, ...fields,
});

describe("sortQueries", () => {
  const queries = [
    query("q10", { alpha: -0.3, nats: 2, answerK: 500, answerRanks: [] }),
    query("q2", { alpha: null, nats: 1, answerK: 500, answerRanks: [7, 90] }),
    query("q1", { alpha: -0.5, nats: 2, answerK: null }),
    query("q3", { alpha: -0.1, nats: null, answerK: 500, answerRanks: [3] }),
  ];
  const ids = (key: Parameters<typeof sortQueries>[1], dir: "asc" | "desc") => sortQueries(queries, key, dir).map((q) => q.id);

  it("sorts numbers either way with missing values last", () => {
    expect(ids("alpha", "asc")).toEqual(["q1", "q10", "q3", "q2"]);
    expect(ids("alpha", "desc")).toEqual(["q3", "q10", "q1", "q2"]);
  });

  it("keeps the dataset's order among equal values (stable)", () => {
    expect(ids("nats", "asc")).toEqual(["q2", "q10", "q1", "q3"]);
    expect(ids("nats", "desc")).toEqual(["q10", "q1", "q2", "q3"]);
  });

  it("sorts ids in natural order and answers by their first rank, absent answers after", () => {
    expect(ids("id", "asc")).toEqual(["q1", "q2", "q3", "q10"]);
    expect(ids("answer", "asc")).toEqual(["q3", "q2", "q10", "q1"]);
    expect(ids("", "desc")).toEqual(["q10", "q2", "q1", "q3"]);
  });
});
