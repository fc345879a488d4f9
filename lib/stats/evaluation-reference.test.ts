import { describe, expect, it } from "vitest";
import reference from "@/tests/reference/stats-reference.json";
import { expectAllClose, expectClose } from "@/tests/support/numeric";
import { queryAgreement } from "./agreement";
import { bm25Index, bm25Scores } from "./bm25";
import { rankOrder } from "./ranking";
import { reciprocalRank, relevantRanks, retrievalAtK } from "./retrieval";

/**
 * The evaluation statistics (agreement between two methods, retrieval against ground
 * truth, BM25) against values computed once with SciPy and numpy and committed
 * (tests/reference/stats-reference.py, "evaluation"), to 1e-9 relative.
 */
const { evaluation } = reference;
const x = Float32Array.from(evaluation.x);
const y = Float32Array.from(evaluation.y);

describe("evaluation statistics against SciPy / numpy reference values", () => {
  it("agreement: Pearson (scipy.stats.pearsonr), Spearman (spearmanr, ties averaged) and top-k Jaccard", () => {
    const agreement = queryAgreement(x, y, evaluation.ks);
    expectClose(agreement.pearson!, evaluation.pearson);
    expectClose(agreement.spearman!, evaluation.spearman);
    expectAllClose(agreement.jaccard, evaluation.jaccard);
  });

  it("retrieval: recall@k, precision@k and reciprocal rank of a ranking with ties", () => {
    const ranks = relevantRanks(rankOrder(x, "top"), evaluation.relevant);
    const rows = retrievalAtK(ranks, evaluation.ks);
    expect(rows.map((r) => r.k)).toEqual(evaluation.retrieval.map((r) => r.k));
    expectAllClose(rows.map((r) => r.recall), evaluation.retrieval.map((r) => r.recall));
    expectAllClose(rows.map((r) => r.precision), evaluation.retrieval.map((r) => r.precision));
    expectClose(reciprocalRank(ranks), evaluation.reciprocalRank);
  });

  it("BM25 of a small corpus (NFKC, an empty document, repeated terms)", () => {
    const { documents, queries, scores } = evaluation.bm25;
    const index = bm25Index(queries, documents.length, (d) => documents[d]!);
    queries.forEach((query, q) => expectAllClose(bm25Scores(index, query), scores[q]!));
  });
});
