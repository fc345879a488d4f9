import { randomLcg, randomNormal } from "d3";
import type { DatasetInput, QueryRecord } from "@/lib/domain/records";

const SOURCES = ["wiki", "code", "math_and_trivia", "webdata"] as const;

/**
 * A small dataset with known structure for integration tests: 6 queries (3 factual,
 * 3 reasoning "slopes") × 600 documents, seeded, with deliberate ties (a block of
 * equal scores) and one document whose text holds the first query's answer.
 */
export function smallDataset(slug = "small"): DatasetInput {
  const random = randomLcg(42);
  const normal = randomNormal.source(random)(0, 1);
  const D = 600;
  const queries: QueryRecord[] = [
    ...[0, 1, 2].map((i): QueryRecord => ({
      id: `f${i}`, prompt: `Factual question ${i}?`, completion: `Answer ${i}.`, set: "factual", type: "factual",
      control: false, answer: i === 0 ? "Mount Everest" : null, correct: i !== 2, nats: 5 + i,
    })),
    ...[0, 1, 2].map((i): QueryRecord => ({
      id: `r${i}`, prompt: `What is the slope ${i}?`, completion: `Slope ${i}.`, set: "reasoning", type: "slopes",
      control: false, answer: String(40 + i), correct: true, nats: 20 + i,
    })),
  ];
  const documents = Array.from({ length: D }, (_, d) => ({
    id: `doc-${d}`,
    source: SOURCES[d % SOURCES.length]!,
    text: d === 7 ? "Mount Everest is 8,849 metres tall." : `Document ${d} text.`,
    tokens: 10,
  }));
  const shared = Array.from({ length: D }, () => normal());
  const scores = queries.map((q, qi) => {
    const row = new Float32Array(D);
    for (let d = 0; d < D; d++) {
      row[d] = q.set === "reasoning" ? 0.8 * shared[d]! + 0.6 * normal() : normal() * (1 + qi);
    }
    // Ties: a block of equal scores must keep document input order in both rankings.
    for (let d = 100; d < 110; d++) row[d] = 0.25;
    return row;
  });
  scores[0]![7] = 1000; // the answer-bearing document tops the first query
  return {
    meta: { slug, name: "Small test dataset", model: "test", method: "test", description: null, synthetic: true, origin: "tests" },
    queries, documents, scores, globalRanks: null,
  };
}
