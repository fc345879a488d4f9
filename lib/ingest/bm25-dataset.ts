import type { DocumentRecord, JsonValue, QueryRecord } from "@/lib/domain/records";
import { BM25_B, BM25_K1, bm25Matrix } from "@/lib/stats/bm25";
import type { IngestProgress } from "./write-dataset";

/**
 * The lexical baseline as a score source (ingest --bm25, and the demo's demo-7b-bm25):
 * S[q, d] = Okapi BM25 of document d's text for query q's prompt and completion joined
 * by a space (lib/stats/bm25). The rows then go through the same writer, so every
 * statistic and view works on them, and agreement with an influence dataset over the
 * same corpus answers "is this influence more than word overlap?".
 */

/** The text a query is scored with: its prompt and completion joined by a space. */
export function bm25QueryText(query: Pick<QueryRecord, "prompt" | "completion">): string {
  return `${query.prompt} ${query.completion}`;
}

/** What a BM25 dataset records of its scoring (its provenance settings). */
export const BM25_SETTINGS: { [key: string]: JsonValue } = {
  k1: BM25_K1,
  b: BM25_B,
  idf: "ln(1 + (N - n + 0.5) / (n + 0.5))",
  tokens: "lowercase runs of [a-z0-9] after NFKC and lower-casing",
  queryText: "prompt + \" \" + completion",
};

/**
 * BM25 score rows, one Float32Array per query (in `queries` order) over `documents`
 * (in order); each document's text is read once (a document without text scores 0).
 */
export function bm25ScoreRows(
  queries: readonly Pick<QueryRecord, "prompt" | "completion">[],
  documents: readonly Pick<DocumentRecord, "text">[],
  onProgress?: (progress: IngestProgress) => void,
): Float32Array[] {
  return bm25Matrix(queries.map(bm25QueryText), documents.length, (d) => documents[d]!.text, (phase, done, total) =>
    onProgress?.({ phase: phase === "tokenise" ? "BM25 tokenising documents" : "BM25 scoring queries", done, total }));
}
