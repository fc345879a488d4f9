import { z } from "zod";
import { CORRELATION_METHODS, COVERAGE_TAILS, COVERAGE_UNITS, RANKING_ORDERS, RANKING_TAILS } from "./domain/vocabulary";
import { SLUG_PATTERN } from "./identifiers";
import { parseLabelFilter } from "./domain/labels";
import { parseSearch } from "./domain/search";

/** Query-string schemas of the HTTP API (DESIGN.md), shared by route handlers and their tests. */

/** An enum of a vocabulary, whose error names the parameter and every allowed value. */
const oneOf = <const T extends readonly [string, ...string[]]>(name: string, values: T) =>
  z.enum(values, { message: `${name} must be ${values.map((v) => `"${v}"`).join(", ").replace(/, ([^,]*)$/, " or $1")}` });

const integer = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `${name} must be a whole number`)
    .transform(Number)
    .pipe(z.number().int().min(min, `${name} must be at least ${min}`).max(max, `${name} must be at most ${max}`));

export const MAX_PAGE = 1000;

export const rankedDocumentsParams = z.object({
  order: oneOf("order", RANKING_ORDERS).default("top"),
  offset: integer("offset", 0, 2 ** 31 - 1).default(0),
  limit: integer("limit", 1, MAX_PAGE).default(50),
});

export const correlationParams = z.object({
  method: oneOf("method", CORRELATION_METHODS).default("pearson"),
  k: integer("k", 1, 2 ** 31 - 1).optional(),
});

export const coverageParams = z.object({
  tail: oneOf("tail", COVERAGE_TAILS).default("positive"),
  unit: oneOf("unit", COVERAGE_UNITS).default("percent"),
});

export const sourcesParams = z.object({
  tail: oneOf("tail", RANKING_TAILS).default("top"),
});

/** A dataset slug named by a query-string parameter (a malformed one cannot exist: 400). */
const slug = (name: string) =>
  z
    .string({ message: `${name} (a dataset slug) is required` })
    .min(1, `${name} (a dataset slug) is required`)
    .regex(SLUG_PATTERN, `${name} must be a dataset slug: lower-case letters, digits and single dashes`);

/** GET /api/agreement: the two datasets compared. */
export const agreementParams = z.object({ a: slug("a"), b: slug("b") });

// eslint-disable-next-line no-control-regex
const printable = (name: string, max: number) => z.string().max(max, `${name} must be at most ${max} characters`).regex(/^[^\u0000-\u001f\u007f]*$/, `${name} must not contain control characters`);

/** A search text (lib/domain/search.ts), parsed: its error says what is wrong with it. */
const searchText = printable("q", 1000).transform((text, ctx) => {
  const parsed = parseSearch(text);
  if (parsed.ok) return parsed.search;
  ctx.addIssue({ code: "custom", message: `q ${parsed.error}` });
  return z.NEVER;
});

/** A label filter "key=value". */
const labelFilter = printable("label", 300).transform((text, ctx) => {
  const filter = parseLabelFilter(text);
  if (filter) return filter;
  ctx.addIssue({ code: "custom", message: 'label must be "key=value"' });
  return z.NEVER;
});

/**
 * GET /api/datasets/{slug}/search: the documents matching `q` (and the optional source and
 * label filters) in a query's ranking with their true ranks. `q` may be left out only
 * when a source or label filters instead; `rank` starts the page at the first match at or
 * after that rank (in place of `offset`). Matches are ranked by the raw score (top or
 * bottom): the by-document record holds those ranks.
 */
export const searchParams = z.object({
  q: searchText.optional(),
  query: z.string({ message: "query (a query id) is required" }).min(1, "query (a query id) is required").max(500, "query must be at most 500 characters"),
  order: oneOf("order", RANKING_TAILS).default("top"),
  offset: integer("offset", 0, 2 ** 31 - 1).default(0),
  limit: integer("limit", 1, MAX_PAGE).default(50),
  rank: integer("rank", 1, 2 ** 31 - 1).optional(),
  source: printable("source", 100).min(1, "source must not be empty").optional(),
  label: labelFilter.optional(),
});

/** GET /api/datasets/{slug}/search/queries: for every query, the best rank of a document matching `q`. */
export const searchQueriesParams = z.object({
  q: searchText.optional(),
  order: oneOf("order", RANKING_TAILS).default("top"),
  source: printable("source", 100).min(1, "source must not be empty").optional(),
  label: labelFilter.optional(),
});
