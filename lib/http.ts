import { NextResponse } from "next/server";
import { z } from "zod";
import { findDataset, type Dataset } from "./data/store/datasets";

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

const noParams = z.object({});

/** What a dataset route's handler receives once the preamble has passed. */
export interface DatasetRouteContext<Params, Segment extends string> {
  request: Request;
  /** The dataset named by the [slug] segment. */
  dataset: Dataset;
  /** The query string, parsed and defaulted by the route's schema. */
  params: Params;
  /** The route's path segments ([slug] and those listed in `segments`). */
  segments: Record<"slug" | Segment, string>;
}

/**
 * A route handler under /api/datasets/[slug], with the preamble every such route
 * shares: the query string parsed by `query` (a bad parameter is a 400 naming it; none
 * is read without a schema), then the dataset found (a 404 naming the slug when there is
 * none), an unreachable database a 503 (as `route`).
 *
 * @param options.query whitelist schema of the query string (lib/api-params.ts)
 * @param options.segments names of the path segments after [slug] the handler reads ("id")
 */
export function datasetRoute<Schema extends z.ZodType = typeof noParams, Segment extends string = never>(
  options: { query?: Schema; segments?: readonly Segment[] },
  handler: (context: DatasetRouteContext<z.output<Schema>, Segment>) => Promise<Response>,
) {
  return route(async (request: Request, { params }: { params: Promise<Record<"slug" | Segment, string>> }) => {
    const parsed = parseSearchParams(options.query ?? noParams, request.url);
    if (!parsed.ok) return parsed.response;
    const segments = await params;
    const dataset = await findDataset(segments.slug);
    if (!dataset) return jsonError(404, `No dataset "${segments.slug}"`);
    return handler({ request, dataset, params: parsed.data as z.output<Schema>, segments });
  });
}
