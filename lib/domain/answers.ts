/**
 * Answer occurrence: does a document's text contain a query's answer?
 */

/** An optionally signed number, with or without "," thousands separators, and decimals. */
const NUMBER = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$/;

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
}

/** "1234567" -> "1,234,567". */
function withThousandsSeparators(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+$)/g, ",");
}

/**
 * A predicate telling whether a text contains an answer, case-insensitively.
 *
 * A numeric answer (optionally signed, optional decimals, with or without "," thousands
 * separators) matches the same number written with or without separators, but not inside
 * a longer number: "4" does not match "14", "4.5", "0.4" or "1,400" (nor "3,4,5", which
 * reads as one number). A "-" on the answer is required in the text (the Unicode minus
 * "−" counts as "-"; "+" is optional); an unsigned answer also matches after a sign, since
 * a "-" before a number in prose is as often a hyphen or a subtraction. Any other answer
 * matches as a plain substring. A blank answer matches nothing.
 *
 * @param answer the query's answer string
 * @returns a predicate on document text; its regular expression is compiled once here
 */
export function answerMatcher(answer: string): (text: string) => boolean {
  const pattern = answerPattern(answer);
  return pattern ? (text) => pattern.test(text) : () => false;
}

/**
 * A predicate telling whether a text contains at least one of `answers` (each as
 * answerMatcher matches it), in one scan of the text: their patterns' alternation.
 */
export function anyAnswerMatcher(answers: readonly string[]): (text: string) => boolean {
  const sources = answers.flatMap((answer) => answerPattern(answer)?.source ?? []);
  if (sources.length === 0) return () => false;
  // One set of flags for all: "i" changes nothing for a numeric pattern (digits, signs and
  // separators have no other case).
  const pattern = new RegExp(sources.map((source) => `(?:${source})`).join("|"), "iu");
  return (text) => pattern.test(text);
}

/** answerMatcher's regular expression; null for a blank answer. */
function answerPattern(answer: string): RegExp | null {
  const trimmed = answer.trim();
  if (trimmed === "") return null;
  const number = NUMBER.exec(trimmed);
  if (!number) return new RegExp(escapeRegExp(trimmed), "iu");
  const [, sign = "", grouped = "", decimals = ""] = number;
  const digits = grouped.replace(/,/g, "");
  const separated = withThousandsSeparators(digits);
  const integer = separated === digits ? digits : `(?:${digits}|${separated})`;
  const signPattern = sign === "-" ? "[-\u2212]" : sign === "+" ? "\\+?" : "";
  return new RegExp(
    // Not preceded by a digit, nor by a digit and a separator ("1,400", "0.4"); not
    // followed by a digit, nor by a separator and a digit ("4.5", "4,000").
    `(?<!\\d)(?<!\\d[.,])${signPattern}${integer}${escapeRegExp(decimals)}(?!\\d)(?![.,]\\d)`,
    "u",
  );
}

/**
 * Answer occurrence over a set of queries: of those with an answer (`answerRanks` not
 * null), how many have it in the text of at least one of their top-k documents.
 *
 * @param queries each with the ranks of its top-k documents that contain its answer
 */
export function answerHits(queries: readonly { answerRanks: readonly number[] | null }[]): { withAnswer: number; hits: number } {
  const withAnswer = queries.filter((q) => q.answerRanks !== null);
  return { withAnswer: withAnswer.length, hits: withAnswer.filter((q) => q.answerRanks!.length > 0).length };
}
