import { NextResponse } from "next/server";
import type { z } from "zod";

/** A JSON error body: what went wrong, and which parameter when one is to blame. */
export function jsonError(status: 400 | 404 | 503, error: string, parameter?: string) {
  return NextResponse.json(parameter ? { error, parameter } : { error }, { status });
}

/**
 * Parses a route's query string with a whitelist schema: unknown parameters are
 * ignored, missing ones take defaults, a bad one is a 400 naming it.
 */
export function parseSearchParams<S extends z.ZodType>(
  schema: S,
  url: string,
): { ok: true; data: z.infer<S> } | { ok: false; response: NextResponse } {
  const params = Object.fromEntries(new URL(url).searchParams);
  const parsed = schema.safeParse(params);
  if (parsed.success) return { ok: true, data: parsed.data };
  const issue = parsed.error.issues[0]!;
  const parameter = String(issue.path[0] ?? "query");
  return { ok: false, response: jsonError(400, `Invalid parameter "${parameter}": ${issue.message}`, parameter) };
}

/** Wraps a route handler so an unreachable database is a 503 with a message, not a stack trace. */
export function route<Args extends unknown[]>(handler: (...args: Args) => Promise<Response>) {
  return async (...args: Args): Promise<Response> => {
    try {
      return await handler(...args);
    } catch (error) {
      console.error(error);
      return jsonError(503, "The database could not answer this request; try again shortly.");
    }
  };
}
