/**
 * The depths ("k": a number of top- or bottom-ranked documents, or a percentile of them)
 * at which statistics are computed at ingest and shown, and which of them fit a corpus.
 */

/** Top-k sizes the source-enrichment curves are computed at (the paper's x axis). */
export const ENRICHMENT_KS = [50, 500, 5000, 50000, 500000] as const;

/** Top-k sizes of the stored Jaccard overlap matrices. */
export const JACCARD_KS = [50, 500, 5000] as const;

/** Top-k sizes a query pair's shared top documents are listed for (the transfer view). */
export const PAIR_TOP_KS = [50, 500] as const;
export type PairTopK = (typeof PAIR_TOP_KS)[number];

/** Documents searched for a query's answer (DESIGN.md: the top 500). */
export const ANSWER_TOP_K = 500;

/** Top-p percentiles of a query's tail at which coverage is stored (the paper's figure stops at 5). */
export const COVERAGE_PERCENTILES = [0.2, 0.4, 0.6, 0.8, 1, 2, 5, 10, 20, 50, 100] as const;

/**
 * The k of ENRICHMENT_KS small enough to say something about a dataset: at most a tenth
 * of its documents (the top-k of a tail that is the whole corpus is the corpus).
 *
 * @param documentCount documents in the dataset
 */
export function enrichmentKs(documentCount: number): number[] {
  return ENRICHMENT_KS.filter((k) => k <= documentCount / 10);
}

/** Fewest documents for which any source enrichment is computed (the smallest k fits a tenth). */
export const MIN_DOCUMENTS_FOR_ENRICHMENT = ENRICHMENT_KS[0] * 10;

/** The k of JACCARD_KS below the corpus size (at k = D every top-k set is the corpus). */
export function jaccardKs(documentCount: number): number[] {
  return JACCARD_KS.filter((k) => k < documentCount);
}

/**
 * The Jaccard k shown when none is asked for: the smallest stored k of at least 500,
 * else the largest stored one; null when no Jaccard matrix is stored.
 *
 * @param stored the k with a stored Jaccard matrix, ascending
 */
export function defaultJaccardK(stored: readonly number[]): number | null {
  return stored.find((k) => k >= 500) ?? stored.at(-1) ?? null;
}

/** Top-k sizes at which two datasets' top-k sets are compared (the agreement view). */
export const AGREEMENT_KS = [10, 50, 100, 500, 1000, 5000] as const;

/**
 * The k of AGREEMENT_KS that fit two datasets' shared documents: at most a tenth of
 * them (near the whole corpus every top-k set overlaps by construction).
 *
 * @param sharedDocuments documents the two datasets share (by document id)
 */
export function agreementKs(sharedDocuments: number): number[] {
  return AGREEMENT_KS.filter((k) => k <= sharedDocuments / 10);
}

/** Documents of each method's top the agreement view searches for disagreements. */
export const DISAGREEMENT_TOP_K = 100;

/**
 * The k at which a ranking is evaluated against ground truth (recall@k, precision@k):
 * the agreement k list, those at most a tenth of the documents.
 *
 * @param documentCount documents in the dataset
 */
export function retrievalKs(documentCount: number): number[] {
  return agreementKs(documentCount);
}
