import { jsonError } from "@/lib/http";

/**
 * Any /api path no route serves ("/api/%00", "/api/datasets/x"): a JSON 404 like every
 * other API error, not the HTML not-found page a browser gets.
 */
function notFound(request: Request) {
  return jsonError(404, `No API route at ${new URL(request.url).pathname}`);
}

export { notFound as DELETE, notFound as GET, notFound as PATCH, notFound as POST, notFound as PUT };
