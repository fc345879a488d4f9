import { describe, expect, it } from "vitest";
import { cellAt, heatmapOrder, moveFocus, orderedCells, packCells, unpackCells } from "./heatmap-layout";

describe("heatmapOrder", () => {
  // listGroups' display order: sets (factual first), types, controls.
  const groups = [
    { key: "set:factual", kind: "set", name: "factual", queryIds: ["f1", "f2"] },
    { key: "set:reasoning", kind: "set", name: "reasoning", queryIds: ["s1", "a1", "s2", "r1"] },
    { key: "type:arithmetic", kind: "type", name: "arithmetic", queryIds: ["a1"] },
    { key: "type:slopes", kind: "type", name: "slopes", queryIds: ["s1", "s2"] },
    { key: "control:factual_control", kind: "control", name: "factual_control", queryIds: ["c1"] },
  ];
  const input = ["s1", "c1", "f1", "a1", "x1", "f2", "s2", "r1"];

  it("places each query once, in its type or control group, falling back to its set", () => {
    const { order, blocks } = heatmapOrder(groups, input);
    expect(order).toEqual(["f1", "f2", "r1", "a1", "s1", "s2", "c1", "x1"]);
    expect(blocks.map((b) => [b.name, b.start, b.end])).toEqual([
      ["factual", 0, 2],
      ["reasoning", 2, 3],
      ["arithmetic", 3, 4],
      ["slopes", 4, 6],
      ["factual_control", 6, 7],
      ["other", 7, 8],
    ]);
  });

  it("covers every row with contiguous blocks", () => {
    const { order, blocks } = heatmapOrder(groups, input);
    expect(new Set(order).size).toBe(input.length);
    blocks.forEach((b, i) => expect(b.start).toBe(i === 0 ? 0 : blocks[i - 1]!.end));
    expect(blocks.at(-1)!.end).toBe(order.length);
  });
});

describe("cellAt and moveFocus", () => {
  it("maps plot pixels to cells and rejects points outside", () => {
    expect(cellAt(0, 0, 7.2, 100)).toEqual({ row: 0, col: 0 });
    expect(cellAt(15, 7.3, 7.2, 100)).toEqual({ row: 1, col: 2 });
    expect(cellAt(719.9, 719.9, 7.2, 100)).toEqual({ row: 99, col: 99 });
    expect(cellAt(720, 10, 7.2, 100)).toBeNull();
    expect(cellAt(-1, 10, 7.2, 100)).toBeNull();
  });
  it("moves by arrow keys and clamps at the edges", () => {
    expect(moveFocus({ row: 0, col: 0 }, "ArrowUp", 10)).toEqual({ row: 0, col: 0 });
    expect(moveFocus({ row: 0, col: 0 }, "ArrowDown", 10)).toEqual({ row: 1, col: 0 });
    expect(moveFocus({ row: 5, col: 5 }, "ArrowRight", 10, 10)).toEqual({ row: 5, col: 9 });
    expect(moveFocus({ row: 5, col: 5 }, "End", 10)).toEqual({ row: 5, col: 9 });
    expect(moveFocus({ row: 5, col: 5 }, "a", 10)).toBeNull();
  });
});

describe("orderedCells", () => {
  it("rearranges a stored matrix into heatmap order, rounded, null where undefined or missing", () => {
    const stored = { queryIds: ["a", "b", "c"], matrix: [[1, 0.123456, null], [0.123456, 1, -0.5], [null, -0.5, 1]] };
    expect(orderedCells(stored, ["c", "a"], 3)).toEqual([1, null, null, 1]);
    expect(orderedCells(stored, ["b", "a", "x"], 3)).toEqual([1, 0.123, null, 0.123, 1, null, null, null, null]);
  });
});

describe("packCells", () => {
  it("gives back the same four-decimal values and nulls, two bytes a cell", () => {
    const stored = { queryIds: ["a", "b", "c"], matrix: [[1, 0.123456, null], [0.123456, 1, -0.99996], [null, -0.99996, -1]] };
    const cells = orderedCells(stored, ["a", "b", "c"], 4);
    expect(cells).toEqual([1, 0.1235, null, 0.1235, 1, -1, null, -1, -1]);
    const packed = packCells(cells);
    expect(packed.byteLength).toBe(18);
    expect(unpackCells(packed)).toEqual(cells);
    const fine = Array.from({ length: 20_001 }, (_, i) => (i - 10_000) / 10_000);
    expect(unpackCells(packCells(fine))).toEqual(fine);
  });
  it("refuses a value it cannot hold rather than wrap it", () => {
    expect(() => packCells([0.5, 4])).toThrow(RangeError);
    expect(() => packCells([-3.3])).toThrow(RangeError);
  });
});
