import { z } from "zod";
import { CORRELATION_METHODS, COVERAGE_TAILS, COVERAGE_UNITS, RANKING_ORDERS, RANKING_TAILS } from "./domain/vocabulary";
import { SLUG_PATTERN } from "./identifiers";

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
