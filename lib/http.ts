import { createHash } from "node:crypto";
import { NextResponse } from "next/server";
import { z } from "zod";
import { findDataset, readConsistently, type Dataset } from "@/lib/data/store/datasets";
import { classifyDatabaseError } from "@/lib/db/errors";
import { getDatabase } from "@/lib/db/server";
import { datasetResponsesOf } from "@/lib/response-cache";

/** Seconds a client is asked to wait before retrying a 503 or a 429. */
export const RETRY_AFTER_SECONDS = 5;

type ErrorStatus = 400 | 403 | 404 | 413 | 415 | 429 | 500 | 503;

/** A JSON error body: what went wrong, and which parameter when one is to blame. */
export function jsonError(status: ErrorStatus, error: string, parameter?: string, headers?: HeadersInit) {
  return NextResponse.json(parameter ? { error, parameter } : { error }, { status, headers });
}

/**
 * The response to a failure, by its cause: a value the database refused is the request's
 * fault (400); a database that cannot answer now is a 503 with Retry-After; anything
 * else is a bug, a 500 with a generic body (the details go to the server log only).
 */
export function failureResponse(error: unknown): NextResponse {
  switch (classifyDatabaseError(error)) {
    case "bad-input":
      return jsonError(400, "The request carries a value out of range or not valid text (e.g. a NUL character).");
    case "unavailable":
      console.warn(`database unavailable: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
      return jsonError(503, "The database is busy or unreachable; try again shortly.", undefined, {
        "Retry-After": String(RETRY_AFTER_SECONDS),
      });
    default:
      console.error(error);
      return jsonError(500, "Something went wrong on the server; the error has been logged.");
  }
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

/**
 * The JSON body of a request, refused as the client can act on it: 415 unless it is
 * declared as JSON (which also keeps out the form posts any web page can make), 413
 * past `maxBytes` (read no further), 400 when it does not parse.
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<{ ok: true; body: unknown } | { ok: false; response: NextResponse }> {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json") {
    return { ok: false, response: jsonError(415, "The body must be JSON, sent with Content-Type: application/json", "body") };
  }
  const tooLarge = { ok: false as const, response: jsonError(413, `The body must be at most ${maxBytes.toLocaleString("en-US")} bytes`, "body") };
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) return tooLarge;
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body?.getReader();
  for (;;) {
    const chunk = await reader?.read();
    if (!chunk || chunk.done) break;
    size += chunk.value.byteLength;
    if (size > maxBytes) {
      await reader!.cancel();
      return tooLarge;
    }
    chunks.push(chunk.value);
  }
  try {
    return { ok: true, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) };
  } catch {
    return { ok: false, response: jsonError(400, "The body must be valid JSON", "body") };
  }
}

/**
 * Whether a request comes from a page of this site (or from no browser at all, like
 * curl): a browser's cross-site request says so in Sec-Fetch-Site, or carries another
 * Origin than the one it is sent to.
 */
export function isSameOrigin(request: Request): boolean {
  if (request.headers.get("sec-fetch-site") === "cross-site") return false;
  const origin = request.headers.get("origin");
  if (origin === null) return true;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  const own = host ? `${new URL(request.url).protocol}//${host}` : new URL(request.url).origin;
  return origin === own || origin === new URL(request.url).origin;
}

/** Wraps a route handler so a failure is answered by its cause (failureResponse), never a stack trace. */
export function route<Args extends unknown[]>(handler: (...args: Args) => Promise<Response>) {
  return async (...args: Args): Promise<Response> => {
    try {
      return await handler(...args);
    } catch (error) {
      return failureResponse(error);
    }
  };
}

/**
 * A dataset's data change only with its id (a replacement is a new dataset) or its
 * revision (its ground truth replaced in place), so a response is identified by those,
 * the route's segments and the request URL: a client that has it gets a 304 without the
 * data being read again. (The segments are in the URL's path too; hashed as the handler
 * receives them, one key can never stand for two handlers' inputs.)
 */
function datasetEtag(dataset: Dataset, url: string, segments: Record<string, string>): string {
  const { pathname, search } = new URL(url);
  const identity = JSON.stringify([pathname, search, segments]);
  return `"${dataset.id}.${dataset.revision}-${createHash("sha1").update(identity).digest("base64url").slice(0, 16)}"`;
}

function matchesEtag(request: Request, etag: string): boolean {
  const header = request.headers.get("if-none-match");
  return header !== null && header.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}

/** Revalidate every time (a dataset may be replaced), but answer a match without reading. */
const revalidate = (etag: string) => ({ ETag: etag, "Cache-Control": "no-cache" });

/** A 304 when the client has this response, its bytes when this process has them, else null. */
async function answerFromCache(request: Request, etag: string): Promise<Response | null> {
  if (matchesEtag(request, etag)) return new NextResponse(null, { status: 304, headers: revalidate(etag) });
  const cached = datasetResponsesOf(await getDatabase()).get(etag);
  if (!cached) return null;
  const headers = new Headers(cached.headers);
  for (const [name, value] of Object.entries(revalidate(etag))) headers.set(name, value);
  return new NextResponse(cached.body as Uint8Array<ArrayBuffer>, { status: 200, headers });
}

/** Stores a successful response's bytes under its ETag and answers with them. */
async function keep(etag: string, response: Response): Promise<Response> {
  const declared = Number(response.headers.get("content-length") ?? 0);
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(revalidate(etag))) headers.set(name, value);
  const cache = datasetResponsesOf(await getDatabase());
  if (!cache.accepts(declared)) return new NextResponse(response.body, { status: 200, headers });
  const body = new Uint8Array(await response.arrayBuffer());
  cache.set(etag, { body, headers: [...response.headers] });
  return new NextResponse(body, { status: 200, headers });
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
 * none), failures by cause (as `route`); a successful response carries an ETag, and a
 * request whose If-None-Match has it gets a 304.
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
    // The bytes of a response already made for this dataset id and URL are still right:
    // answered from memory, without reading the dataset again.
    const current = await findDataset(segments.slug);
    if (!current) return jsonError(404, `No dataset "${segments.slug}"`);
    const cached = await answerFromCache(request, datasetEtag(current, request.url, segments));
    if (cached) return cached;
    // A replacement committed mid-request is read again whole (readConsistently).
    return readConsistently(segments.slug, async () => {
      const dataset = await findDataset(segments.slug);
      if (!dataset) return jsonError(404, `No dataset "${segments.slug}"`);
      const etag = datasetEtag(dataset, request.url, segments);
      const hit = await answerFromCache(request, etag);
      if (hit) return hit;
      const response = await handler({ request, dataset, params: parsed.data as z.output<Schema>, segments });
      return response.status === 200 ? keep(etag, response) : response;
    });
  });
}
