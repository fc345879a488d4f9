import { z } from "zod";

/**
 * One whitelist schema per view for its URL parameters. A bad value falls back to
 * the default and produces a notice the page shows, so a mistyped link still opens.
 */

type Shape = Record<string, z.ZodType>;
type Values<S extends Shape> = { [K in keyof S]: z.output<S[K]> };
export type SearchParams = Record<string, string | string[] | undefined>;

export const QUERY_PAGE_SIZE = 50;

export const queryViewParams = {
  order: z.enum(["top", "bottom"]).default("top"),
  page: z.coerce.number().int().min(1).default(1),
} satisfies Shape;

/** Parses each parameter on its own; invalid ones take their default and are reported. */
export function parseViewParams<S extends Shape>(shape: S, searchParams: SearchParams): { values: Values<S>; notices: string[] } {
  const values: Record<string, unknown> = {};
  const notices: string[] = [];
  for (const [name, schema] of Object.entries(shape)) {
    const raw = searchParams[name];
    const value = Array.isArray(raw) ? raw[0] : raw;
    const parsed = schema.safeParse(value === "" ? undefined : value);
    if (parsed.success) values[name] = parsed.data;
    else {
      values[name] = schema.parse(undefined);
      notices.push(`Ignored ${name}=${JSON.stringify(value)}: ${parsed.error.issues[0]?.message ?? "invalid"}; showing the default.`);
    }
  }
  return { values: values as Values<S>, notices };
}
