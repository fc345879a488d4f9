import { answerMatcher, anyAnswerMatcher } from "@/lib/domain/answers";
import type { DocumentRecord } from "@/lib/domain/records";

/** A digit run every text matching a numeric answer contains, with or without separators. */
const NUMERIC = /^[+-]?(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;

/**
 * The documents whose text contains each distinct answer (lib/domain/answers.ts'
 * answerMatcher: the rule the top-500 answer occurrence uses), over the whole corpus.
 * One pass over the texts (a demo document builds its text on access), every answer
 * tested on each; a numeric answer first checks for the last three digits of its integer
 * part, which every written form of it contains ("1,234" and "1234" both hold "234"), and
 * the others are tested only on a text that one scan finds holds one of them.
 *
 * @returns per answer (as given), the matching document indices in ascending order
 */
export function answerDocumentIndices(answers: readonly string[], documents: readonly DocumentRecord[]): Map<string, Uint32Array> {
  const distinct = [...new Set(answers.filter((a) => a.trim() !== ""))];
  const tests = distinct.map((answer) => {
    const numeric = NUMERIC.exec(answer.trim());
    const needle = numeric ? numeric[1]!.replace(/,/g, "").slice(-3) : null;
    return { matches: answerMatcher(answer), needle };
  });
  // The other answers: one scan of each text for all of them, each then tested on the few
  // texts holding one.
  const anyOther = anyAnswerMatcher(distinct.filter((_, a) => tests[a]!.needle === null));
  const found = distinct.map(() => [] as number[]);
  for (let d = 0; d < documents.length; d++) {
    const text = documents[d]!.text;
    if (!text) continue;
    const mayHoldOther = anyOther(text);
    for (let a = 0; a < tests.length; a++) {
      const { matches, needle } = tests[a]!;
      if ((needle === null ? mayHoldOther : text.includes(needle)) && matches(text)) found[a]!.push(d);
    }
  }
  return new Map(distinct.map((answer, a) => [answer, Uint32Array.from(found[a]!)]));
}
