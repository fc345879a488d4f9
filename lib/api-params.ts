import { z } from "zod";

/** Query-string schemas of the HTTP API (DESIGN.md), shared by route handlers and their tests. */

const integer = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `${name} must be a whole number`)
    .transform(Number)
    .pipe(z.number().int().min(min, `${name} must be at least ${min}`).max(max, `${name} must be at most ${max}`));

export const MAX_PAGE = 1000;

export const rankedDocumentsParams = z.object({
  order: z.enum(["top", "bottom"], { message: 'order must be "top" or "bottom"' }).default("top"),
  offset: integer("offset", 0, 2 ** 31 - 1).default(0),
  limit: integer("limit", 1, MAX_PAGE).default(50),
});

export const correlationParams = z.object({
  method: z.enum(["pearson", "spearman", "jaccard"], { message: 'method must be "pearson", "spearman" or "jaccard"' }).default("pearson"),
  k: integer("k", 1, 2 ** 31 - 1).optional(),
});

export const coverageParams = z.object({
  tail: z.enum(["positive", "negative"], { message: 'tail must be "positive" or "negative"' }).default("positive"),
  unit: z.enum(["percent", "per_nat"], { message: 'unit must be "percent" or "per_nat"' }).default("percent"),
});

export const sourcesParams = z.object({
  tail: z.enum(["top", "bottom"], { message: 'tail must be "top" or "bottom"' }).default("top"),
});
