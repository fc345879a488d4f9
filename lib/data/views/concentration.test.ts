import { describe, expect, it } from "vitest";
import {
  answerOccurrence, defaultTask, multiplierPanels, orderPowerLawRows, powerLawRows, toViewGroup,
} from "./concentration";
import type { QuerySummary } from "@/lib/data/store/queries";
import type { GroupInfo } from "@/lib/data/store/statistics";

function query(id: string, fields: Partial<QuerySummary>): QuerySummary {
  return {
    id, index: 0, set: "factual", type: "factual", control: false, prompt: id, completion: "", answer: null, correct: null, nats: null,
    positiveCount: 0, positiveTotal: 0, negativeCount: 0, negativeTotal: 0, gini: null, top1Share: null, alpha: null, alphaStderr: null, alphaPoints: null, alphaGlobal: null, alphaGlobalStderr: null, alphaGlobalPoints: null,
    answerRanks: null, answerK: null, ...fields,
  };
}

function group(key: string, queryIds: string[]): GroupInfo {
  const [kind, name] = key.split(":") as [string, string];
  return { key, kind, name, queryIds, alphaMean: null, alphaStd: null, answerQueries: 0, answerHits: 0 };
}

const queries = [
  query("f1", { alpha: -0.3, correct: true, answer: "Paris", answerRanks: [3, 40], answerK: 500 }),
  query("f2", { alpha: -0.4, correct: true, answer: "1,000", answerRanks: [], answerK: 500 }),
  query("f3", { alpha: -0.2, correct: false, answer: "x", answerRanks: [7], answerK: 500 }),
  query("f4", { alpha: null, correct: null, answer: null }),
  query("r1", { set: "reasoning", type: "slopes", alpha: -0.5, correct: true, answerRanks: [], answerK: 500 }),
  query("r2", { set: "reasoning", type: "slopes", alpha: -0.7, correct: true, answerRanks: [], answerK: 500 }),
  query("r3", { set: "reasoning", type: "arithmetic", alpha: -0.6, correct: false, answerRanks: [], answerK: 500 }),
  query("c1", { set: "reasoning", type: "reasoning", control: true, alpha: -0.1 }),
];
const groups = [
  group("set:factual", ["f1", "f2", "f3", "f4"]),
  group("set:reasoning", ["r1", "r2", "r3"]),
  group("type:slopes", ["r1", "r2"]),
  group("type:arithmetic", ["r3"]),
  group("control:reasoning_control", ["c1"]),
];

describe("toViewGroup and defaultTask", () => {
  it("gives a type its members' set and its task colour, and picks the first reasoning type", () => {
    const byId = new Map(queries.map((q) => [q.id, q]));
    const view = groups.map((g) => toViewGroup(g, groups, byId));
    expect(view.map((g) => g.set)).toEqual(["factual", "reasoning", "reasoning", "reasoning", "reasoning"]);
    expect(view.map((g) => g.colorKey)).toEqual(["factual", "reasoning", "task-0", "task-1", "reasoning_control"]);
    expect(defaultTask(view)).toBe("type:slopes");
    expect(defaultTask(view.filter((g) => g.kind === "set"))).toBe("set:factual");
    expect(defaultTask([])).toBeNull();
  });
});

describe("powerLawRows", () => {
  it("gives mean and sample std (ddof 1) per subset, skipping queries without a fit", () => {
    const [factual, reasoning] = powerLawRows(groups.slice(0, 2), groups, queries);
    // factual all: -0.3, -0.4, -0.2 -> mean -0.3, sample variance ((0)+(0.01)+(0.01))/2 = 0.01.
    expect(factual!.cells.all.n).toBe(3);
    expect(factual!.cells.all.mean).toBeCloseTo(-0.3, 12);
    expect(factual!.cells.all.std).toBeCloseTo(0.1, 12);
    expect(factual!.cells.correct).toMatchObject({ n: 2 });
    expect(factual!.cells.correct.mean).toBeCloseTo(-0.35, 12);
    expect(factual!.cells.correct.std).toBeCloseTo(Math.sqrt(0.005), 12);
    // One value: a mean but no std.
    expect(factual!.cells.incorrect).toEqual({ n: 1, mean: -0.2, std: null });
    expect(reasoning!.cells.all.mean).toBeCloseTo(-0.6, 12);
    expect(reasoning!.cells.all.std).toBeCloseTo(0.1, 12);
  });

  it("orders reasoning before factual, as the paper's table", () => {
    const rows = orderPowerLawRows(powerLawRows(groups, groups, queries));
    expect(rows.map((r) => r.key)).toEqual(["set:reasoning", "set:factual", "type:slopes", "type:arithmetic", "control:reasoning_control"]);
  });
});

describe("answerOccurrence", () => {
  it("counts queries with an answer whose top-k contains it, by correctness", () => {
    const rows = answerOccurrence(groups.slice(0, 2), groups, queries);
    const get = (key: string, subset: string) => rows.find((r) => r.key === key && r.subset === subset)!;
    expect(get("set:factual", "all")).toMatchObject({ withAnswer: 3, hits: 2 });
    expect(get("set:factual", "all").percent).toBeCloseTo(200 / 3, 12);
    expect(get("set:factual", "correct")).toMatchObject({ withAnswer: 2, hits: 1, percent: 50 });
    expect(get("set:factual", "incorrect")).toMatchObject({ withAnswer: 1, hits: 1, percent: 100 });
    expect(get("set:reasoning", "all")).toMatchObject({ withAnswer: 3, hits: 0, percent: 0 });
  });

  it("leaves out groups without answers and the correctness split where it is unknown", () => {
    const unknown = [query("a", { answerRanks: [1], answerK: 500 }), query("b", { answerRanks: [], answerK: 500 })];
    const two = [group("set:factual", ["a", "b"]), group("set:reasoning", ["c"])];
    const rows = answerOccurrence(two, two, unknown);
    expect(rows.map((r) => [r.key, r.subset, r.percent])).toEqual([["set:factual", "all", 50]]);
  });
});

describe("multiplierPanels", () => {
  it("gives every corpus source a series per group, k ascending, empty where nothing was stored", () => {
    const rows = [
      { group: "set:factual", source: "wiki", k: 500, count: 3, multiplier: 2 },
      { group: "set:factual", source: "wiki", k: 50, count: 0, multiplier: 0 },
      { group: "set:reasoning", source: "wiki", k: 50, count: 1, multiplier: 0.5 },
    ];
    const view = [{ key: "set:factual", kind: "set", name: "factual", size: 2, set: "factual" as const, colorKey: "factual" }];
    const [panel] = multiplierPanels(view, rows, ["code", "wiki"]);
    expect(panel!.series.map((s) => [s.source, s.points.map((p) => p.k)])).toEqual([["code", []], ["wiki", [50, 500]]]);
    expect(panel!.series[1]!.points[0]).toEqual({ k: 50, count: 0, multiplier: 0 });
  });
});
