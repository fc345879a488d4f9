import { describe, expect, it } from "vitest";
import { MAX_SCROLL_HEIGHT, scrollTopFor, windowFor } from "./virtual-window";

describe("virtual window", () => {
  it("renders the rows in view plus the overscan", () => {
    expect(windowFor(1000, 10, 100, 0, 2)).toEqual({ start: 0, end: 11, virtualOffset: 0 });
    expect(windowFor(1000, 10, 100, 505, 2)).toEqual({ start: 48, end: 62, virtualOffset: 505 });
    expect(windowFor(1000, 10, 100, 99999, 2).end).toBe(999);
    expect(windowFor(3, 10, 100, 0, 2)).toEqual({ start: 0, end: 2, virtualOffset: 0 });
  });

  it("compresses very long lists and still reaches every row", () => {
    const count = 1_000_000;
    const row = 76;
    const viewport = 608;
    const last = scrollTopFor(count, row, viewport, (count - 1) * row);
    expect(last).toBeLessThanOrEqual(MAX_SCROLL_HEIGHT - viewport + 1e-6);
    const end = windowFor(count, row, viewport, last, 0);
    expect(end.end).toBe(count - 1);
    const top = scrollTopFor(count, row, viewport, 14_999 * row);
    const w = windowFor(count, row, viewport, top, 0);
    expect(w.start).toBe(14_999);
  });
});
