import { answerMatcher } from "@/lib/domain/answers";
import type { DatasetInput } from "@/lib/domain/records";

/**
 * The demo's ground truth, as in PAIR's fact tracing: for each factual query with an
 * answer, the documents whose text contains the answer (the answer-occurrence rule of
 * lib/domain/answers.ts). Those are the fact's 1-3 reference paragraphs, plus any
 * document that happens to print a numeric answer further down the ranking (the
 * generator keeps answers out of a query's top 500 only). Reasoning queries have none.
 *
 * @returns per query (in `input.queries` order) the relevant document indices, ascending
 */
export function demoGroundTruth(input: Pick<DatasetInput, "queries" | "documents">): Uint32Array[] {
  // A text that matches contains the answer's last run of letters or digits ("849" of
  // "8,849", "everest" of "Mount Everest"), lower-cased: a cheap test before the rule's own.
  const matchers = input.queries.flatMap((q, i) =>
    q.set === "factual" && q.answer ? [{ i, matches: answerMatcher(q.answer), needle: q.answer.toLowerCase().match(/[a-z0-9]+/g)?.at(-1) ?? "" }] : []);
  const lists: number[][] = input.queries.map(() => []);
  input.documents.forEach((doc, d) => {
    const text = doc.text;
    if (!text) return;
    const lower = text.toLowerCase();
    for (const { i, matches, needle } of matchers) if (lower.includes(needle) && matches(text)) lists[i]!.push(d);
  });
  return lists.map((list) => Uint32Array.from(list));
}
