import { z } from "zod";

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
  labels: z.record(z.string(), z.string()).nullable(),
});

/** GET /api/datasets/{slug}/queries/{id}/documents */
export const rankingPageResponse = z.object({
  total: z.number().int().nonnegative(),
  order: z.enum(["top", "bottom"]),
  offset: z.number().int().nonnegative(),
  limit: z.number().int().positive(),
  items: z.array(rankedDocument),
});
export type RankingPageResponse = z.infer<typeof rankingPageResponse>;

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
