import { randomLcg } from "d3";
import { describe, expect, it } from "vitest";
import { bm25Index, bm25Matrix, bm25Scores, bm25Tokens } from "./bm25";
import { naiveBm25 } from "@/tests/support/naive-stats";
import { expectAllClose, expectClose } from "@/tests/support/numeric";

describe("bm25Tokens", () => {
  it("takes lowercase runs of [a-z0-9] after NFKC and lower-casing", () => {
    expect(bm25Tokens("The Cat's 2nd-best mat, x=3.5!")).toEqual(["the", "cat", "s", "2nd", "best", "mat", "x", "3", "5"]);
    // NFKC: full-width letters and the "fi" ligature become ASCII; "é" stays a non-[a-z] letter.
    expect(bm25Tokens("Ｃａｔ ﬁsh Café ①")).toEqual(["cat", "fish", "caf", "1"]);
    expect(bm25Tokens("  —  ")).toEqual([]);
  });
});

describe("bm25Scores", () => {
  it("computes a hand-worked example", () => {
    // N = 3, lengths 3, 2, 4 (avgdl 3); "cat" in 2 documents: idf = ln(1 + 1.5 / 2.5) = ln 1.6.
    // d0: tf 1, |d| = avgdl: 2.2 / (1 + 1.2) = 1. d2: tf 2, |d| = 4: 4.4 / (2 + 1.2 * 1.25) = 4.4 / 3.5.
    const documents = ["the cat sat", "the dog", "cat CAT dog bird"];
    const index = bm25Index(["cat"], documents.length, (d) => documents[d]!);
    expectAllClose(bm25Scores(index, "cat"), [Math.log(1.6), 0, (Math.log(1.6) * 4.4) / 3.5], 1e-15);
    // A query token repeated counts twice; a term in no document adds nothing.
    const twice = bm25Index(["cat cat zebra"], documents.length, (d) => documents[d]!);
    expectAllClose(bm25Scores(twice, "cat cat zebra"), [2 * Math.log(1.6), 0, (2 * Math.log(1.6) * 4.4) / 3.5], 1e-15);
  });

  it("equals the formula computed naively on random small corpora (1e-9 relative)", () => {
    const random = randomLcg(42);
    const vocabulary = ["alpha", "Beta", "gamma", "delta", "7", "42", "the", "of", "ﬁre", "Ｘ", "x", "two-step"];
    const word = () => vocabulary[Math.floor(random() * vocabulary.length)]!;
    const sentence = (max: number) => Array.from({ length: Math.floor(random() * max) }, word).join(random() < 0.5 ? " " : ", ");
    for (let trial = 0; trial < 25; trial++) {
      const documents = Array.from({ length: 1 + Math.floor(random() * 40) }, () => sentence(30));
      const queries = Array.from({ length: 4 }, () => `${sentence(6)} ${sentence(6)}`);
      const index = bm25Index(queries, documents.length, (d) => documents[d]!);
      const matrix = bm25Matrix(queries, documents.length, (d) => documents[d]!);
      queries.forEach((query, q) => {
        const scores = bm25Scores(index, query);
        const expected = naiveBm25(query, documents);
        documents.forEach((_, d) => {
          expectClose(scores[d]!, expected[d]!, 1e-9);
          expect(matrix[q]![d]).toBe(Math.fround(scores[d]!));
        });
      });
    }
  });

  it("gives 0 to documents without text and to every document when no query term occurs", () => {
    const documents = [null, "", "alpha beta"];
    const index = bm25Index(["alpha", "omega"], 3, (d) => documents[d]!);
    expect(index.lengths).toEqual(Uint32Array.from([0, 0, 2]));
    expect(Array.from(bm25Scores(index, "omega"))).toEqual([0, 0, 0]);
    expect(bm25Scores(index, "alpha")[2]).toBeGreaterThan(0);
  });

  it("keeps postings only for query terms", () => {
    const index = bm25Index(["alpha"], 2, (d) => ["alpha beta gamma", "beta"][d]!);
    expect([...index.postings.keys()]).toEqual(["alpha"]);
  });
});
