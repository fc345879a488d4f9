import { describe, expect, it } from "vitest";
import {
  agreementKs, defaultJaccardK, enrichmentKs, fitsCorpus, globalFitProblem, jaccardKs, localFitLabel, localFitProblem,
  MIN_DOCUMENTS_FOR_ENRICHMENT, pairTopKs, percentileFits, testProblem,
} from "./ks";

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
  it("keeps k up to a tenth of the corpus", () => {
    expect(jaccardKs(1_000_000)).toEqual([50, 500, 5000]);
    expect(jaccardKs(50_000)).toEqual([50, 500, 5000]);
    expect(jaccardKs(20_000)).toEqual([50, 500]);
    expect(jaccardKs(5000)).toEqual([50, 500]);
    expect(jaccardKs(600)).toEqual([50]);
    // The authors' files: 76 documents, no Jaccard@50.
    expect(jaccardKs(76)).toEqual([]);
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

describe("the small-data rules", () => {
  it("a top-k set fits at most a tenth of the documents (Jaccard, shared top-k, enrichment, agreement)", () => {
    expect(fitsCorpus(50, 500)).toBe(true);
    expect(fitsCorpus(50, 499)).toBe(false);
    expect(fitsCorpus(10, 76)).toBe(false);
    expect(pairTopKs(20_000)).toEqual([50, 500]);
    expect(pairTopKs(4_999)).toEqual([50]);
    expect(pairTopKs(76)).toEqual([]);
  });

  it("a top-p% share needs ten documents in the top p%", () => {
    expect(percentileFits(1, 1000)).toBe(true);
    expect(percentileFits(1, 999)).toBe(false);
    expect(percentileFits(1, 41)).toBe(false);
    expect(percentileFits(5, 200)).toBe(true);
  });

  it("a local-rank fit needs 20 points over at most a tenth of the documents; a global-rank fit only the points", () => {
    expect(localFitProblem(500, 20_000)).toBeNull();
    expect(localFitProblem(41, 76)).toBe("its 41 ranks are more than a tenth of the 76 documents");
    expect(localFitProblem(19, 1_000_000)).toBe("fitted to 19 points, fewer than 20");
    expect(localFitProblem(null, 1_000_000)).toBe("fitted to 0 points, fewer than 20");
    expect(globalFitProblem(41)).toBeNull();
    expect(globalFitProblem(12)).toBe("fitted to 12 points, fewer than 20");
  });

  it("a t-test needs five shown fits in each set, and a fit's label says what it covered", () => {
    expect(testProblem(40, 5)).toBeNull();
    expect(testProblem(40, 4)).toBe("a set has 4 shown fits, fewer than 5");
    expect(localFitLabel(500)).toBe("top 500");
    expect(localFitLabel(29)).toBe("all 29 positive documents");
  });
});
