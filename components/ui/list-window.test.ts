import { describe, expect, it } from "vitest";
import { initialRows, MAX_SCROLL_HEIGHT, pagesCovering, sliceRows, sliceStart } from "./list-window";

describe("list window", () => {
  it("opens at the requested row, or as far down as the list's end allows", () => {
    // 10 px rows, a 100 px viewport: rows 50-59 in view, 2 more each side.
    expect(initialRows(1000, 10, 100, 50, 2)).toEqual({ start: 48, end: 61 });
    expect(initialRows(1000, 10, 100, 0, 2)).toEqual({ start: 0, end: 11 });
    // Row 998 cannot be at the top: the last 10 rows fill the viewport.
    expect(initialRows(1000, 10, 100, 998, 2)).toEqual({ start: 988, end: 999 });
    // A list shorter than the viewport shows all of it.
    expect(initialRows(3, 10, 100, 2, 2)).toEqual({ start: 0, end: 2 });
    expect(initialRows(0, 10, 100, 0, 2)).toEqual({ start: 0, end: -1 });
  });

  it("fetches every page a range touches, once", () => {
    expect(pagesCovering(0, 11, 100)).toEqual([0]);
    expect(pagesCovering(95, 104, 100)).toEqual([0, 1]);
    expect(pagesCovering(14_995, 15_012, 100)).toEqual([149, 150]);
    expect(pagesCovering(200, 299, 100)).toEqual([2]);
    expect(pagesCovering(5, 4, 100)).toEqual([]);
  });

  it("splits a list too tall for the browser into slices that reach every row", () => {
    const rows = sliceRows(76);
    expect(rows * 76).toBeLessThanOrEqual(MAX_SCROLL_HEIGHT);
    expect((rows + 1) * 76).toBeGreaterThan(MAX_SCROLL_HEIGHT);
    // A list that fits is one slice.
    expect(sliceStart(20_000, 15_000, rows)).toBe(0);
    const count = 1_000_000;
    for (const index of [0, 1, rows, 500_000, count - 1]) {
      const start = sliceStart(count, index, rows);
      expect(start).toBeGreaterThanOrEqual(0);
      expect(start + rows).toBeLessThanOrEqual(count);
      expect(index).toBeGreaterThanOrEqual(start);
      expect(index).toBeLessThan(start + rows);
    }
    // Mid-list, the row sits mid-slice, so the slice rarely changes while scrolling.
    expect(sliceStart(count, 500_000, 100)).toBe(499_950);
    expect(sliceStart(count, count - 1, 100)).toBe(count - 100);
  });
});
