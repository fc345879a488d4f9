/**
 * The closed vocabularies of the data model: names that the database stores, the URL
 * and the API accept, and the views switch between. Each list is the one definition
 * that schemas (zod enums) and types are built from.
 */

/** How two queries' influence over the corpus is compared (the transfer matrices). */
export const CORRELATION_METHODS = ["pearson", "spearman", "jaccard"] as const;
export type CorrelationMethod = (typeof CORRELATION_METHODS)[number];

/** Which end of a query's ranking: most positive first, or most negative first. */
export const RANKING_TAILS = ["top", "bottom"] as const;
export type RankingTail = (typeof RANKING_TAILS)[number];

/**
 * How a query's documents are ranked: by raw score (top, bottom), or by the
 * self-normalised score, score / sqrt(self-influence) (RelatIF-style; only for datasets
 * with self-influence), most positive or most negative first.
 */
export const RANKING_ORDERS = ["top", "bottom", "top_normalised", "bottom_normalised"] as const;
export type RankingOrder = (typeof RANKING_ORDERS)[number];

/** Whether an order ranks by the self-normalised score. */
export const isNormalisedOrder = (order: RankingOrder): order is "top_normalised" | "bottom_normalised" =>
  order === "top_normalised" || order === "bottom_normalised";

/** The end of the ranking an order starts from. */
export const rankingTail = (order: RankingOrder): RankingTail => (order === "top" || order === "top_normalised" ? "top" : "bottom");

/** Which tail of a query's scores a coverage curve sums: positive or negative influence. */
export const COVERAGE_TAILS = ["positive", "negative"] as const;
export type CoverageTail = (typeof COVERAGE_TAILS)[number];

/** Coverage as a percentage of the tail's total, or as influence per nat of the completion. */
export const COVERAGE_UNITS = ["percent", "per_nat"] as const;
export type CoverageUnit = (typeof COVERAGE_UNITS)[number];
