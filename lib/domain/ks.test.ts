import { describe, expect, it } from "vitest";
import { agreementKs, defaultJaccardK, enrichmentKs, jaccardKs, MIN_DOCUMENTS_FOR_ENRICHMENT } from "./ks";

describe("enrichmentKs", () => {
  it("keeps k up to a tenth of the corpus", () => {
    expect(enrichmentKs(5_000_000)).toEqual([50, 500, 5000, 50000, 500000]);
    expect(enrichmentKs(5000)).toEqual([50, 500]);
    expect(enrichmentKs(499)).toEqual([]);
    expect(enrichmentKs(500)).toEqual([50]);
    expect(enrichmentKs(MIN_DOCUMENTS_FOR_ENRICHMENT - 1)).toEqual([]);
  });
});

describe("jaccardKs", () => {
  it("keeps k below the corpus size, where a top-k set is not the whole corpus", () => {
    expect(jaccardKs(1_000_000)).toEqual([50, 500, 5000]);
    expect(jaccardKs(5000)).toEqual([50, 500]);
    expect(jaccardKs(50)).toEqual([]);
  });
});

describe("defaultJaccardK", () => {
  it("prefers the paper's k = 500, else the largest stored k", () => {
    expect(defaultJaccardK([50, 500, 5000])).toBe(500);
    expect(defaultJaccardK([50, 5000])).toBe(5000);
    expect(defaultJaccardK([50])).toBe(50);
    expect(defaultJaccardK([])).toBeNull();
  });
});

describe("agreementKs", () => {
  it("keeps k up to a tenth of the shared documents", () => {
    expect(agreementKs(1_000_000)).toEqual([10, 50, 100, 500, 1000, 5000]);
    expect(agreementKs(20_000)).toEqual([10, 50, 100, 500, 1000]);
    expect(agreementKs(100)).toEqual([10]);
    expect(agreementKs(99)).toEqual([]);
  });
});
