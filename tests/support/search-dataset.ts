import { randomLcg } from "d3";
import type { DatasetInput, DocumentRecord, QueryRecord } from "@/lib/domain/records";

/**
 * A few thousand documents whose texts mix the cases whole-word search must tell apart:
 * "28" beside "286", "3.28", "x28", "28th" and "2,028"; "1,234" and "1234"; case
 * variants; hyphenated and apostrophised words; accented letters. Documents carry labels
 * (`kind`, `has_code`), queries a `difficulty` label. Seeded.
 */
export const SEARCH_VOCABULARY = [
  "the", "apple", "Apple", "APPLE", "pie", "apple-pie", "28", "286", "3.28", "x28", "28th", "2,028", "1,234", "1234",
  "don't", "café", "Cafe", "procedure", "step", "answer", "is", "of", "slope", "(28)", "28.", "pie,", "\"apple", "Zürich",
] as const;

const SOURCES = ["wiki", "code", "math_and_trivia", "webdata"] as const;
const KINDS = ["procedure", "fact", "noise"] as const;

export function searchDataset(slug = "search", documentCount = 3000): DatasetInput {
  const random = randomLcg(7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const documents: DocumentRecord[] = Array.from({ length: documentCount }, (_, d) => {
    const length = 3 + Math.floor(random() * 10);
    const text = d % 97 === 0 ? null : Array.from({ length }, () => pick(SEARCH_VOCABULARY)).join(random() < 0.5 ? " " : "  ");
    const labels = d % 10 === 9 ? null : { kind: pick(KINDS), has_code: random() < 0.3, ...(d % 3 === 0 ? { year: 2020 + (d % 4) } : {}) };
    return { id: `d${d}`, source: pick(SOURCES), text, tokens: null, ...(labels ? { labels } : {}) };
  });
  const queries: QueryRecord[] = Array.from({ length: 6 }, (_, q) => ({
    id: `q${q}`, prompt: `Query ${q}`, completion: `Completion ${q}`, set: q < 3 ? "factual" : "reasoning",
    type: q < 3 ? "factual" : "slopes", control: false, answer: ["28", "apple", null, "1234", "Zürich", "3.28"][q] ?? null,
    correct: q % 2 === 0, nats: null, labels: { difficulty: q % 2 === 0 ? "easy" : "hard" },
  }));
  const scores = queries.map(() => {
    const row = new Float32Array(documentCount);
    for (let d = 0; d < documentCount; d++) row[d] = Math.round((random() - 0.5) * 2000) / 1000 + 0; // ties on purpose (+ 0: no -0, which JSON writes as 0)
    return row;
  });
  return {
    meta: { slug, name: "Search test dataset", model: "test", method: "test", description: null, synthetic: true, origin: "tests" },
    queries, documents, scores, globalRanks: null,
  };
}
