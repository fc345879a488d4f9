import { z } from "zod";
import { RANKING_ORDERS } from "./domain/vocabulary";

/**
 * Response bodies of the HTTP API that the browser reads, checked where they arrive.
 * Plain zod, no server imports: client components parse with these, and the route
 * handlers type what they send with them, so the two cannot drift apart.
 */

/** Every error answer: what went wrong, and the parameter or field to blame when there is one. */
export const apiError = z.object({ error: z.string(), parameter: z.string().optional() });

/** One document of a query's ranking (lib/data/store/queries' RankedDocument). */
export const rankedDocument = z.object({
  rank: z.number().int().positive(),
  documentId: z.string(),
  score: z.number(),
  source: z.string(),
  text: z.string().nullable(),
  tokens: z.number().nullable(),
  globalRank: z.number().int().nullable(),
  /** Where the dataset has self-influence: the document's, and score / sqrt(self) as stored. */
  selfInfluence: z.number().nullable().optional(),
  normalisedScore: z.number().nullable().optional(),
  /** Where per-token scores were given for the pair: the most influential span of tokens. */
  span: z
    .object({ start: z.number().int().nonnegative(), end: z.number().int().positive(), text: z.string(), total: z.number() })
    .nullable()
    .optional(),
  labels: z.record(z.string(), z.string()).nullable(),
});

/** GET /api/datasets/{slug}/queries/{id}/documents */
export const rankingPageResponse = z.object({
  total: z.number().int().nonnegative(),
  order: z.enum(RANKING_ORDERS),
  offset: z.number().int().nonnegative(),
  limit: z.number().int().positive(),
  items: z.array(rankedDocument),
});
export type RankingPageResponse = z.infer<typeof rankingPageResponse>;

/** GET /api/datasets/{slug}/retrieval: a ranking evaluated against the dataset's ground truth. */
export const retrievalResponse = z.object({
  /** The k evaluated (the agreement k list, at most a tenth of the documents). */
  ks: z.array(z.number().int().positive()),
  /** Per query with ground truth and k: relevant documents among the top k, over all relevant (recall) and over k (precision). */
  rows: z.array(z.object({
    queryId: z.string(),
    k: z.number().int().positive(),
    recall: z.number().min(0).max(1),
    precision: z.number().min(0).max(1),
    hits: z.number().int().nonnegative(),
  })),
  /** Per query with ground truth: 1 / the top rank of its first relevant document. */
  reciprocalRanks: z.array(z.object({
    queryId: z.string(),
    rr: z.number().gt(0).max(1),
    firstRank: z.number().int().positive(),
    relevant: z.number().int().positive(),
  })),
  /** Per query group: means over its queries with ground truth. */
  groups: z.array(z.object({
    group: z.string(),
    name: z.string(),
    queries: z.number().int().positive(),
    mrr: z.number(),
    atK: z.array(z.object({ k: z.number().int().positive(), recall: z.number(), precision: z.number() })),
  })),
});
export type RetrievalResponse = z.infer<typeof retrievalResponse>;

/** A value JSON can hold (provenance settings are what the run recorded, as written). */
const jsonValue: z.ZodType<unknown> = z.lazy(() =>
  z.union([z.null(), z.boolean(), z.number(), z.string(), z.array(jsonValue), z.record(z.string(), jsonValue)]),
);

/** Where a dataset's scores came from (lib/domain/records' DatasetProvenance). */
export const datasetProvenance = z.object({
  format: z.string(),
  library: z.string().nullable(),
  libraryVersion: z.string().nullable(),
  files: z.array(z.object({ path: z.string(), bytes: z.number().int().nonnegative(), role: z.string() })),
  settings: z.record(z.string(), jsonValue),
});

/** One dataset as GET /api/datasets lists it (lib/data/store/datasets' DatasetSummary). */
export const datasetSummary = z.object({
  slug: z.string(),
  name: z.string(),
  model: z.string().nullable(),
  method: z.string().nullable(),
  description: z.string().nullable(),
  synthetic: z.boolean(),
  origin: z.string().nullable(),
  queryCount: z.number().int().nonnegative(),
  documentCount: z.number().int().nonnegative(),
  hasGlobalRanks: z.boolean(),
  hasSelfInfluence: z.boolean(),
  createdAt: z.string(),
});

/** GET /api/datasets/{slug}: the summary the list has, and the provenance (null when none was recorded). */
export const datasetDetailResponse = datasetSummary.extend({ provenance: datasetProvenance.nullable() });
export type DatasetDetailResponse = z.infer<typeof datasetDetailResponse>;

/** GET /api/datasets/{slug}/search: matching documents with their true ranks, in rank order. */
export const searchPageResponse = z.object({
  total: z.number().int().nonnegative(),
  order: z.enum(["top", "bottom"]),
  offset: z.number().int().nonnegative(),
  limit: z.number().int().positive(),
  items: z.array(rankedDocument),
});
export type SearchPageResponse = z.infer<typeof searchPageResponse>;

/** GET /api/datasets/{slug}/search/queries: per query, its best-ranked matching document. */
export const searchQueriesResponse = z.object({
  total: z.number().int().nonnegative(),
  order: z.enum(["top", "bottom"]),
  rows: z.array(z.object({ queryId: z.string(), rank: z.number().int().positive(), documentId: z.string(), score: z.number() })),
});
export type SearchQueriesResponse = z.infer<typeof searchQueriesResponse>;

/** POST /api/views (201) */
export const savedViewResponse = z.object({
  slug: z.string(),
  title: z.string(),
  note: z.string().nullable(),
  path: z.string(),
  createdAt: z.string(),
  url: z.string().startsWith("/v/"),
});
export type SavedViewResponse = z.infer<typeof savedViewResponse>;

/**
 * The body of an API response, checked against `schema`. A non-OK status throws the
 * server's own message (or the status when it sent none); a body of the wrong shape
 * throws a message naming the field, so the caller's error UI is never blank.
 * `failure` starts every message ("Ranks 1–100 could not be loaded").
 */
export async function readApiResponse<S extends z.ZodType>(response: Response, schema: S, failure: string): Promise<z.output<S>> {
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = apiError.safeParse(body);
    throw new Error(error.success ? `${failure}: ${error.data.error}` : `${failure} (HTTP ${response.status}).`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.length ? issue.path.join(".") : "body";
    throw new Error(`${failure}: the server's answer has an unexpected ${field} (${issue?.message ?? "invalid"}).`);
  }
  return parsed.data;
}

/** GET /api/datasets/{slug}/labels */
export const labelsResponse = z.object({
  corpus: z.array(z.object({ key: z.string(), value: z.string(), count: z.number().int() })),
  rows: z.array(z.object({ group: z.string(), key: z.string(), value: z.string(), k: z.number().int(), count: z.number().int(), multiplier: z.number() })),
});
export type LabelsResponse = z.infer<typeof labelsResponse>;
