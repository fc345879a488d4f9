/**
 * A small dataset for the query page's number highlighting (e2e/seed.ts loads it,
 * e2e/query.spec.ts reads it): the demo's documents never put a prompt's number inside an
 * identifier or a longer number, these do. One query whose prompt holds 28, 12 and 8,849;
 * each document's text with what a reader should see marked, in order of rank.
 */
import type { DatasetInput } from "@/lib/domain/records";

export const WORD_BOUNDS_SLUG = "word-bounds";
export const WORD_BOUNDS_QUERY = "numbers-1";

/** Each document's text and the numbers marked in it, in order (the ranking follows this list). */
export const WORD_BOUNDS_DOCUMENTS: { id: string; text: string; marked: string[] }[] = [
  { id: "identifiers", text: "Register x28 holds Q28 and 286 items; only 28 counts, not 28th, 128 or utf28.", marked: ["28"] },
  { id: "decimals", text: "Version 12.5 of id_12 ships 12b; the table lists 12 rows and 2.12 more.", marked: ["12"] },
  { id: "separators", text: "Everest is 8849 metres (8,849 m), not 88,849 or 8,8490; 28 and 12.", marked: ["8849", "8,849", "28", "12"] },
  { id: "punctuation", text: "At the end of a sentence: 28. Or in brackets (12), or a list: 28, 12.", marked: ["28", "12", "28", "12"] },
  // "28,12" is one number (digits joined by a comma), so neither 28 nor 12 stands alone in it.
  { id: "joined", text: "A joined figure 28,12 and a range 12-28.", marked: ["12", "28"] },
  { id: "none", text: "Nothing here: v12, 12x, A28B, 1228, 2812, 0.28 and _28_.", marked: [] },
];

/** One query over the documents above, scores descending in list order, plus filler documents. */
export function wordBoundsDataset(): DatasetInput {
  const filler = Array.from({ length: 45 }, (_, i) => ({ id: `filler-${i}`, text: `Filler text number ${i + 100}.`, marked: [] }));
  const documents = [...WORD_BOUNDS_DOCUMENTS, ...filler];
  return {
    meta: {
      slug: WORD_BOUNDS_SLUG,
      name: "Word-bounded numbers (e2e)",
      model: null,
      method: null,
      description: "Documents that put the prompt's numbers inside identifiers and longer numbers.",
      synthetic: true,
      origin: "e2e/word-bounds-data.ts",
    },
    queries: [
      {
        id: WORD_BOUNDS_QUERY,
        prompt: "Everest is 8,849 m tall. What is 28 times 12?",
        completion: "336",
        set: "reasoning",
        type: "arithmetic",
        control: false,
        answer: null,
        correct: null,
        nats: null,
      },
    ],
    documents: documents.map((d) => ({ id: d.id, source: "web", text: d.text, tokens: null })),
    scores: [Float32Array.from(documents, (_, i) => 1 - i / documents.length)],
    globalRanks: null,
  };
}
