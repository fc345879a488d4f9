import { describe, expect, it } from "vitest";
import { groupColorKey, groupLabel, groupSet, queryGroups, selectGroups, type GroupRef } from "./groups";
import type { QuerySet } from "./records";

const q = (set: QuerySet, type: string = set, control = false) => ({ set, type, control });

describe("queryGroups", () => {
  it("groups by set, by type where it differs from the set, and controls apart, factual first", () => {
    const groups = queryGroups([q("reasoning", "slopes"), q("factual"), q("reasoning", "arithmetic"), q("reasoning", "slopes", true), q("factual")]);
    expect(groups.map((g) => [g.key, g.members])).toEqual([
      ["set:factual", [1, 4]],
      ["set:reasoning", [0, 2]],
      ["type:slopes", [0]],
      ["type:arithmetic", [2]],
      ["control:reasoning_control", [3]],
    ]);
  });
});

const ref = (key: string, queryIds: string[]): GroupRef => {
  const [kind, name] = key.split(":") as [string, string];
  return { key, kind, name, queryIds };
};

describe("selectGroups", () => {
  const groups = [
    ref("set:factual", ["f1", "f2"]),
    ref("set:reasoning", ["r1", "r2", "r3"]),
    ref("type:slopes", ["r1", "r2"]),
    ref("type:arithmetic", ["r3"]),
    ref("control:reasoning_control", ["c1"]),
  ];

  it("shows the two sets, or every type and control plus any set without types", () => {
    expect(selectGroups(groups, "sets").map((g) => g.key)).toEqual(["set:factual", "set:reasoning"]);
    expect(selectGroups(groups, "types").map((g) => g.key)).toEqual(["set:factual", "type:slopes", "type:arithmetic", "control:reasoning_control"]);
  });

  it("keeps a partly typed set, so its untyped queries are in some panel", () => {
    const partly = [ref("set:reasoning", ["r1", "r2", "r3"]), ref("type:slopes", ["r1"])];
    expect(selectGroups(partly, "types").map((g) => g.key)).toEqual(["set:reasoning", "type:slopes"]);
  });
});

describe("groupColorKey", () => {
  const groups = [ref("set:factual", []), ref("set:reasoning", []), ref("type:slopes", []), ref("type:arithmetic", []), ref("control:factual_control", [])];

  it("keys sets and controls by name and task types by their position among the types", () => {
    expect(groups.map((g) => groupColorKey(g, groups))).toEqual(["factual", "reasoning", "task-0", "task-1", "factual_control"]);
  });
});

describe("groupSet and groupLabel", () => {
  it("names the set all members share, null when mixed or empty", () => {
    expect(groupSet(["reasoning", "reasoning"])).toBe("reasoning");
    expect(groupSet(["reasoning", "factual"])).toBeNull();
    expect(groupSet([])).toBeNull();
  });

  it("reads underscores as spaces", () => {
    expect(groupLabel({ name: "reasoning_control" })).toBe("reasoning control");
  });
});
