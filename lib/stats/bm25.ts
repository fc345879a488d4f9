/**
 * Okapi BM25, the lexical baseline an influence method is compared against ("is this
 * influence more than word overlap?"): the score of each document for a query's text.
 *
 *   score(q, d) = sum over the query's tokens t (a token repeated in the query counts each
 *                 time, as Anserini and rank_bm25 do) of
 *                 idf(t) * tf(t, d) * (k1 + 1) / (tf(t, d) + k1 * (1 - b + b * |d| / avgdl))
 *   idf(t)      = ln(1 + (N - n(t) + 0.5) / (n(t) + 0.5))
 *
 * with N documents, n(t) of them containing t, |d| the document's length in tokens and
 * avgdl the mean length over the corpus; k1 = 1.2, b = 0.75. Tokens are the runs of
 * [a-z0-9] in the text after Unicode NFKC normalisation and lower-casing.
 *
 * Memory stays bounded at any corpus size: each document is tokenised once and only the
 * terms that occur in some query get postings (document, term frequency); the texts are
 * not kept.
 */

export const BM25_K1 = 1.2;
export const BM25_B = 0.75;

const TOKEN = /[a-z0-9]+/g;

/** The BM25 tokens of a text: lowercase runs of [a-z0-9] after NFKC and lower-casing. */
export function bm25Tokens(text: string): string[] {
  return text.normalize("NFKC").toLowerCase().match(TOKEN) ?? [];
}

/** The inverse document frequency of a term found in `n` of `N` documents. */
export function bm25Idf(N: number, n: number): number {
  return Math.log(1 + (N - n + 0.5) / (n + 0.5));
}

/** One term's postings: the documents containing it (ascending) and its count in each. */
interface Postings {
  documents: Uint32Array;
  frequencies: Uint32Array;
  size: number;
}

/** What BM25 needs of a corpus for a fixed set of query texts. */
export interface Bm25Index {
  documentCount: number;
  /** Each document's length in tokens. */
  lengths: Uint32Array;
  /** Mean of `lengths` (0 for a corpus without tokens). */
  averageLength: number;
  /** Postings of each query term (terms absent from every document have none). */
  postings: Map<string, Postings>;
}

function append(p: Postings, document: number, frequency: number): void {
  if (p.size === p.documents.length) {
    const grown = Math.max(16, p.size * 2);
    const documents = new Uint32Array(grown);
    documents.set(p.documents);
    const frequencies = new Uint32Array(grown);
    frequencies.set(p.frequencies);
    p.documents = documents;
    p.frequencies = frequencies;
  }
  p.documents[p.size] = document;
  p.frequencies[p.size] = frequency;
  p.size++;
}

/**
 * Tokenises every document once and keeps the postings of the terms the queries use.
 *
 * @param queryTexts the texts that will be scored (their terms get postings)
 * @param documentCount documents in the corpus
 * @param textOf the text of document `d` (null or "" for none: length 0), read once each, in order
 * @param onProgress called now and then with the documents done
 */
export function bm25Index(
  queryTexts: readonly string[],
  documentCount: number,
  textOf: (d: number) => string | null,
  onProgress?: (done: number) => void,
): Bm25Index {
  const termIds = new Map<string, number>();
  for (const text of queryTexts) for (const t of bm25Tokens(text)) if (!termIds.has(t)) termIds.set(t, termIds.size);
  const terms = [...termIds.keys()];
  const lists: Postings[] = terms.map(() => ({ documents: new Uint32Array(0), frequencies: new Uint32Array(0), size: 0 }));
  const counts = new Uint32Array(terms.length);
  const seen: number[] = [];
  const lengths = new Uint32Array(documentCount);
  let total = 0;
  for (let d = 0; d < documentCount; d++) {
    const text = textOf(d);
    const tokens = text ? bm25Tokens(text) : [];
    lengths[d] = tokens.length;
    total += tokens.length;
    for (const t of tokens) {
      const id = termIds.get(t);
      if (id === undefined) continue;
      if (counts[id] === 0) seen.push(id);
      counts[id]! += 1;
    }
    for (const id of seen) {
      append(lists[id]!, d, counts[id]!);
      counts[id] = 0;
    }
    seen.length = 0;
    if (onProgress && (d + 1) % 10_000 === 0) onProgress(d + 1);
  }
  onProgress?.(documentCount);
  const postings = new Map<string, Postings>();
  terms.forEach((t, i) => {
    if (lists[i]!.size > 0) postings.set(t, lists[i]!);
  });
  return { documentCount, lengths, averageLength: documentCount > 0 ? total / documentCount : 0, postings };
}

/**
 * BM25 of every document for one query text, in float64.
 *
 * @param into reused output (length documentCount), zeroed here; a new array when omitted
 */
export function bm25Scores(index: Bm25Index, queryText: string, into?: Float64Array): Float64Array {
  const { documentCount: N, lengths, averageLength, postings } = index;
  const out = into ?? new Float64Array(N);
  if (out.length !== N) throw new RangeError(`output has ${out.length} elements for ${N} documents`);
  out.fill(0);
  const queryCounts = new Map<string, number>();
  for (const t of bm25Tokens(queryText)) queryCounts.set(t, (queryCounts.get(t) ?? 0) + 1);
  for (const [term, queryCount] of queryCounts) {
    const p = postings.get(term);
    if (!p) continue;
    const weight = queryCount * bm25Idf(N, p.size) * (BM25_K1 + 1);
    for (let i = 0; i < p.size; i++) {
      const d = p.documents[i]!;
      const tf = p.frequencies[i]!;
      out[d]! += (weight * tf) / (tf + BM25_K1 * (1 - BM25_B + (BM25_B * lengths[d]!) / averageLength));
    }
  }
  return out;
}

/**
 * BM25 of every document for every query: one Float32Array per query (the dataset's
 * score rows), computed in float64 and rounded once.
 */
export function bm25Matrix(
  queryTexts: readonly string[],
  documentCount: number,
  textOf: (d: number) => string | null,
  onProgress?: (phase: "tokenise" | "score", done: number, total: number) => void,
): Float32Array[] {
  const index = bm25Index(queryTexts, documentCount, textOf, (done) => onProgress?.("tokenise", done, documentCount));
  const scratch = new Float64Array(documentCount);
  return queryTexts.map((text, q) => {
    const row = Float32Array.from(bm25Scores(index, text, scratch));
    onProgress?.("score", q + 1, queryTexts.length);
    return row;
  });
}
