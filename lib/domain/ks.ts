/**
 * The depths ("k": a number of top- or bottom-ranked documents, or a percentile of them)
 * at which statistics are computed at ingest and shown, and the rules (one place, used
 * by ingest and every view) for which of them, and which fits and tests, a dataset can
 * support. The authors' files hold 76 documents a query: statistics built for 5M
 * documents must not be shown over them with the same authority.
 *
 * - A top-k set says something only when k is at most a tenth of the documents
 *   (fitsCorpus): near the whole corpus every top-k set is the corpus.
 * - A top-p% statistic needs at least MIN_TAIL_DOCUMENTS documents in the top p%
 *   (percentileFits): 1% of 41 documents is not a document.
 * - A power-law fit over local ranks is the tail's shape only when its ranks are a top
 *   slice (at most a tenth of the documents) with at least MIN_FIT_POINTS points
 *   (localFitProblem); a fit over global ranks needs the points only (globalFitProblem).
 * - A Welch t-test between sets needs MIN_TEST_QUERIES shown fits in each (testProblem).
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
  return ENRICHMENT_KS.filter((k) => fitsCorpus(k, documentCount));
}

/**
 * The tenth rule: a top-k set of `documents` documents is a selection (and its overlap,
 * enrichment or agreement means something) only when k is at most a tenth of them.
 */
export function fitsCorpus(k: number, documents: number): boolean {
  return k <= documents / 10;
}

/** Fewest documents a top-p% tail must hold for a share of it to be shown. */
export const MIN_TAIL_DOCUMENTS = 10;

/**
 * Whether the top `percentile`% of `documents` documents holds at least MIN_TAIL_DOCUMENTS
 * (so rounding the tail up to whole documents moves it by at most a tenth): the top-1%
 * share needs 1,000 documents.
 */
export function percentileFits(percentile: number, documents: number): boolean {
  return (percentile / 100) * documents >= MIN_TAIL_DOCUMENTS;
}

/** The top-1% share statistic (QueryStatistics.top1Share) is over this percentile. */
export const TOP_SHARE_PERCENTILE = 1;

/** Highest local rank the power law is fitted over (DESIGN.md: the top 500). */
export const POWER_LAW_MAX_RANK = 500;

/** Fewest points a power-law fit is shown with. */
export const MIN_FIT_POINTS = 20;

/** Fewest shown fits in each set for a t-test between sets. */
export const MIN_TEST_QUERIES = 5;

/**
 * Why a power-law fit over a query's local ranks 1..points is not shown, or null when it
 * is: too few points, or ranks reaching past a tenth of the documents (a fit over most
 * of a small curated corpus describes the corpus, not the tail of a ranking).
 *
 * @param points ranks fitted (alphaPoints); null when no fit was possible
 * @param documents documents in the dataset
 */
export function localFitProblem(points: number | null, documents: number): string | null {
  if (points === null || points < MIN_FIT_POINTS) return `fitted to ${points ?? 0} points, fewer than ${MIN_FIT_POINTS}`;
  if (!fitsCorpus(points, documents)) return `its ${points} ranks are more than a tenth of the ${documents} documents`;
  return null;
}

/** Why a power-law fit over global ranks is not shown (too few points), or null when it is. */
export function globalFitProblem(points: number | null): string | null {
  if (points === null || points < MIN_FIT_POINTS) return `fitted to ${points ?? 0} points, fewer than ${MIN_FIT_POINTS}`;
  return null;
}

/** Why a t-test between two sets of shown fits is not shown, or null when it is. */
export function testProblem(a: number, b: number): string | null {
  const fewest = Math.min(a, b);
  return fewest < MIN_TEST_QUERIES ? `a set has ${fewest} shown fits, fewer than ${MIN_TEST_QUERIES}` : null;
}

/**
 * What a local-rank fit covered, for its label: "top 500" when the ranks reached the
 * maximum, else "all 41 positive documents".
 */
export function localFitLabel(points: number): string {
  return points >= POWER_LAW_MAX_RANK ? `top ${POWER_LAW_MAX_RANK}` : `all ${points} positive documents`;
}

/** Fewest documents for which any source enrichment is computed (the smallest k fits a tenth). */
export const MIN_DOCUMENTS_FOR_ENRICHMENT = ENRICHMENT_KS[0] * 10;

/** The k of JACCARD_KS that fit the corpus (the tenth rule). */
export function jaccardKs(documentCount: number): number[] {
  return JACCARD_KS.filter((k) => fitsCorpus(k, documentCount));
}

/** The k of PAIR_TOP_KS that fit the corpus (a query pair's shared top documents). */
export function pairTopKs(documentCount: number): PairTopK[] {
  return PAIR_TOP_KS.filter((k) => fitsCorpus(k, documentCount));
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
  return AGREEMENT_KS.filter((k) => fitsCorpus(k, sharedDocuments));
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
