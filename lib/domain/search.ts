/**
 * Whole-corpus text search: what a word is, how a search is read, and when a document
 * matches. One rule for the index written at ingest, the SQL that reads it, and the
 * highlighting in the browser.
 *
 * A word is a run of letters, digits and combining marks; a "." or "," between two
 * digits joins a number into one word ("3.28", "1,234"), so "28" matches neither "286"
 * nor "3.28", and "2024" does not match "2024.5". Words compare lower-cased.
 */

/** A word with where it sits in the original text (UTF-16 offsets). */
export interface WordSpan {
  word: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}\p{M}]+(?:(?<=\d)[.,](?=\d)[\p{L}\p{N}\p{M}]+)*/gu;

/** The words of a text in order, lower-cased, with their offsets. */
export function wordSpans(text: string): WordSpan[] {
  const spans: WordSpan[] = [];
  for (const m of text.matchAll(WORD)) spans.push({ word: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length });
  return spans;
}

/** The words of a text in order, lower-cased: the index stored per document. */
export function searchWords(text: string | null): string[] {
  if (!text) return [];
  return Array.from(text.matchAll(WORD), (m) => m[0].toLowerCase());
}

/** Longest search text accepted (characters). */
export const MAX_SEARCH_LENGTH = 200;
/** Most terms (words and quoted phrases) in one search. */
export const MAX_SEARCH_TERMS = 16;

/**
 * A parsed search: every term must occur; a term is one word or a phrase (words that
 * must occur consecutively).
 */
export interface ParsedSearch {
  terms: string[][];
}

/**
 * Reads a search: quoted text is a phrase; anything else splits on whitespace, and a
 * piece with punctuation inside ("don't", "x-ray") is the phrase of its words. Terms
 * repeat at most once. Returns the problem as a sentence when the text cannot be a search.
 */
export function parseSearch(text: string): { ok: true; search: ParsedSearch } | { ok: false; error: string } {
  if (text.length > MAX_SEARCH_LENGTH) return { ok: false, error: `must be at most ${MAX_SEARCH_LENGTH} characters` };
  const terms: string[][] = [];
  const seen = new Set<string>();
  const add = (piece: string) => {
    const words = searchWords(piece);
    const key = words.join(" ");
    if (words.length === 0 || seen.has(key)) return;
    seen.add(key);
    terms.push(words);
  };
  // Quoted phrases first (an unclosed quote runs to the end), then the rest word by word.
  const rest = text.replace(/"([^"]*)("|$)/g, (_, phrase: string) => {
    add(phrase);
    return " ";
  });
  for (const piece of rest.split(/\s+/)) add(piece);
  if (terms.length === 0) return { ok: false, error: "must contain at least one word or number" };
  if (terms.length > MAX_SEARCH_TERMS) return { ok: false, error: `must have at most ${MAX_SEARCH_TERMS} words or phrases` };
  return { ok: true, search: { terms } };
}

/**
 * A document is indexed under each of its words and each pair of adjacent words, the
 * pair as "w1 w2" (a word holds no space). The pairs make a two-word phrase one lookup of
 * the index (no order check), and narrow a longer phrase to the few documents holding
 * all of its pairs.
 */
export const pairTerm = (first: string, second: string) => `${first} ${second}`;

/** Documents per stored block of a term's postings (offsets within a block fit in a uint16). */
export const POSTING_BLOCK = 65_536;

/**
 * What to look up for a search: the index terms every match holds (each word; each
 * phrase's adjacent pairs), and whether the candidates holding them all must still be
 * checked against the text (only a phrase of three or more words: all its pairs may
 * occur without the words being consecutive).
 */
export function searchIndexTerms(search: ParsedSearch): { terms: string[]; verify: boolean } {
  const terms = new Set<string>();
  for (const term of search.terms) {
    if (term.length === 1) terms.add(term[0]!);
    for (let i = 1; i < term.length; i++) terms.add(pairTerm(term[i - 1]!, term[i]!));
  }
  return { terms: [...terms], verify: search.terms.some((t) => t.length > 2) };
}

/**
 * Coarse ranks stored per (document, query) for the search from the document side: a
 * query's ranking cut into RANK_BUCKETS equal runs of ranks, one byte a document. The
 * smallest bucket among a search's matches says which short run of the ranking holds
 * the best-ranked match.
 */
export const RANK_BUCKETS = 256;

/** Documents per stored row of rank buckets. */
export const RANK_BUCKET_BLOCK = 4_096;

/** Ranks in one bucket for a corpus of `documents` (bucket of rank r: floor((r - 1) / width)). */
export const rankBucketWidth = (documents: number) => Math.max(1, Math.ceil(documents / RANK_BUCKETS));

/**
 * Where each term of a search occurs in a text: [start, end) offsets of every
 * occurrence, in text order (for highlighting and for cutting a snippet around the
 * first match).
 */
export function searchMatchSpans(text: string, search: ParsedSearch): { start: number; end: number }[] {
  const words = wordSpans(text);
  const spans: { start: number; end: number }[] = [];
  for (let i = 0; i < words.length; i++) {
    for (const term of search.terms) {
      if (i + term.length > words.length) continue;
      let all = true;
      for (let j = 0; j < term.length && all; j++) all = words[i + j]!.word === term[j];
      if (all) spans.push({ start: words[i]!.start, end: words[i + term.length - 1]!.end });
    }
  }
  return spans.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** Whether a text matches a search: every term occurs (the rule the SQL index applies). */
export function matchesSearch(text: string | null, search: ParsedSearch): boolean {
  const joined = ` ${searchWords(text).join(" ")} `;
  return search.terms.every((t) => joined.includes(` ${t.join(" ")} `));
}
