import { describe, expect, it } from "vitest";
import { COVERAGE_X_DOMAIN, coverageYMax } from "@/app/compare/_components/scales";
import { multiplierDomain } from "@/components/charts/multiplier-scale";
import { formatSelection, parseSelection } from "@/lib/url-state";

describe("compare selections and shared scales", () => {
  it("parses and formats the three selection forms", () => {
    expect(parseSelection("demo-7b")).toEqual({ slug: "demo-7b", kind: "dataset" });
    expect(parseSelection("demo-7b/group/set:reasoning")).toEqual({ slug: "demo-7b", kind: "group", key: "set:reasoning" });
    expect(parseSelection("ruis-7b/query/a/b")).toEqual({ slug: "ruis-7b", kind: "query", id: "a/b" });
    for (const bad of ["", "demo-7b/", "demo-7b/group", "demo-7b/group/", "demo-7b/other/x", "/group/x"]) expect(parseSelection(bad), bad).toBeNull();
    for (const value of ["demo-7b", "demo-7b/group/type:slopes", "ruis-35b/query/18"]) expect(formatSelection(parseSelection(value)!)).toBe(value);
  });

  it("coverage y range rounds up to tens and stops at 100; multiplier range spans whole decades", () => {
    expect(coverageYMax([23.4, 41])).toBe(50);
    expect(coverageYMax([])).toBe(10);
    expect(coverageYMax([130])).toBe(100);
    expect(multiplierDomain([0.05, 31, 0], [0.1, 10])).toEqual([0.01, 100]);
    expect(multiplierDomain([], [0.1, 10])).toEqual([0.1, 10]);
    expect(COVERAGE_X_DOMAIN[0]).toBeLessThan(COVERAGE_X_DOMAIN[1]);
  });
});
