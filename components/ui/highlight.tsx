import { parseSearch, searchMatchSpans } from "@/lib/domain/search";

/**
 * Highlighting of a query's answer and numbers in document text. Pure string work
 * rendered as React text and <mark> elements (never injected HTML).
 */

export type HighlightKind = "answer" | "number" | "search";

export interface HighlightTerm {
  term: string;
  kind: HighlightKind;
}

export interface Segment {
  text: string;
  kind: HighlightKind | null;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

// A number stands on word boundaries: no letter, digit or underscore on either side, so
// the digits of identifiers ("x1", "Q3", "utf8", "3rd") are not numbers. A decimal point
// or thousands comma inside it belongs to the number; one at its end is punctuation.
const WORD_BEFORE = "(?<![\\p{L}\\p{N}_]|\\d[.,])";
const WORD_AFTER = "(?![\\p{L}\\p{N}_]|[.,]\\d)";
const NUMBER = new RegExp(`${WORD_BEFORE}\\d+(?:[.,]\\d+)*${WORD_AFTER}`, "gu");

/** The numbers written in a text ("8,849", "3.5", "12"), on word boundaries, deduplicated, in order of appearance. */
export function numbersIn(text: string): string[] {
  const seen = new Set<string>();
  for (const match of text.matchAll(NUMBER)) seen.add(match[0]);
  return [...seen];
}

/**
 * A regular-expression source matching a term: case-insensitively, and for a
 * number with or without thousands separators ("8849" matches "8,849" and back)
 * and only on word boundaries: never inside a longer number ("12" does not match in "123"
 * or "1.25") nor an identifier ("x12", "Q12", "12b"). Use with the "u" flag.
 */
export function termPattern(term: string): string {
  const trimmed = term.trim();
  if (/^\d+(?:[.,]\d+)*$/.test(trimmed)) {
    // Separators: commas between digit groups are optional; a decimal point is literal.
    const [integer = "", ...fraction] = trimmed.split(".");
    const digits = integer.replace(/,/g, "");
    // Thousands groups from the right: "8849" → "8,?849".
    const groups: string[] = [];
    for (let end = digits.length; end > 0; end -= 3) groups.unshift(digits.slice(Math.max(0, end - 3), end));
    const body = groups.join(",?") + (fraction.length ? `\\.${fraction.join("\\.")}` : "");
    return `${WORD_BEFORE}${body}${WORD_AFTER}`;
  }
  return escapeRegExp(trimmed);
}

/**
 * Splits text into plain and highlighted segments. Overlaps resolve to the earliest,
 * then longest match; an answer wins over a number at the same place.
 */
export function highlightSegments(text: string, terms: readonly HighlightTerm[]): Segment[] {
  const usable = terms.filter((t) => t.term.trim().length > 0);
  if (usable.length === 0 || text.length === 0) return [{ text, kind: null }];
  const spans: { start: number; end: number; kind: HighlightKind }[] = [];
  for (const { term, kind } of usable) {
    if (kind === "search") {
      // The server's rule (whole words, phrases), so what is marked is what matched.
      const parsed = parseSearch(term);
      if (parsed.ok) for (const span of searchMatchSpans(text, parsed.search)) spans.push({ ...span, kind });
      continue;
    }
    const re = new RegExp(termPattern(term), "giu");
    for (const m of text.matchAll(re)) {
      if (m[0].length === 0) continue;
      spans.push({ start: m.index, end: m.index + m[0].length, kind });
    }
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end || (a.kind === "answer" ? -1 : 1));
  const segments: Segment[] = [];
  let cursor = 0;
  for (const span of spans) {
    if (span.start < cursor) continue;
    if (span.start > cursor) segments.push({ text: text.slice(cursor, span.start), kind: null });
    segments.push({ text: text.slice(span.start, span.end), kind: span.kind });
    cursor = span.end;
  }
  if (cursor < text.length) segments.push({ text: text.slice(cursor), kind: null });
  return segments;
}

/**
 * Where a row's excerpt should look (lib/format.ts snippet's `at`): the start of the
 * text's first highlighted segment of the preferred kind (search, then answer, then
 * number), so a clamped row still shows the answer; -1 when nothing is highlighted.
 */
export function highlightPosition(text: string, terms: readonly HighlightTerm[]): number {
  const segments = highlightSegments(text, terms);
  for (const kind of ["search", "answer", "number"] as const) {
    let position = 0;
    for (const s of segments) {
      if (s.kind === kind) return position;
      position += s.text.length;
    }
  }
  return -1;
}

const MARK_CLASS: Record<HighlightKind, string> = {
  answer: "rounded-sm bg-amber-200 px-0.5 text-amber-950 dark:bg-amber-700 dark:text-amber-50",
  number: "rounded-sm bg-sky-100 px-0.5 text-sky-950 dark:bg-sky-900 dark:text-sky-50",
  search: "rounded-sm bg-lime-200 px-0.5 text-lime-950 underline dark:bg-lime-800 dark:text-lime-50",
};

const MARK_TITLE: Record<HighlightKind, string> = { answer: "the query's answer", number: "a number from the prompt", search: "your search" };

/** Text with the answer and the query's numbers marked (<mark> with a title for each kind). */
export function Highlight({ text, terms }: { text: string; terms: readonly HighlightTerm[] }) {
  const segments = highlightSegments(text, terms);
  return (
    <>
      {segments.map((s, i) =>
        s.kind ? (
          <mark key={i} className={MARK_CLASS[s.kind]} data-kind={s.kind} title={MARK_TITLE[s.kind]}>
            {s.text}
          </mark>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}

/** The highlight terms of a query: its answer, then the numbers in its prompt. */
export function queryTerms(query: { answer: string | null; prompt: string }): HighlightTerm[] {
  const terms: HighlightTerm[] = [];
  if (query.answer?.trim()) terms.push({ term: query.answer, kind: "answer" });
  for (const n of numbersIn(query.prompt)) terms.push({ term: n, kind: "number" });
  return terms;
}
