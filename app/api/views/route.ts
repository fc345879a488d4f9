import { NextResponse } from "next/server";
import type { SavedViewResponse } from "@/lib/api-schemas";
import { createSavedView, listSavedViews, savedViewInput } from "@/lib/data/store/saved-views";
import { isSameOrigin, jsonError, readJsonBody, route } from "@/lib/http";
import { clientKey, RateLimiter } from "@/lib/rate-limit";

/** A saved view is a path, a title and a note: far below this. */
const MAX_BODY_BYTES = 16 * 1024;
/** Views appear on everyone's home page: a client may save 20 at once, then 20 a minute. */
const limiter = new RateLimiter(20, 20);

/**
 * Saves a view: { path, title, note? } → 201 { slug, url: "/v/<slug>", ... }, or 200 with
 * the view saved first when the same path and title are saved again. Refused: a bad field
 * (400 naming it), a body that is not JSON (415) or too large (413), a cross-site request
 * (403), a client saving too fast (429 with Retry-After).
 */
export const POST = route(async (request: Request) => {
  if (!isSameOrigin(request)) return jsonError(403, "Views can be saved only from this site's own pages");
  const read = await readJsonBody(request, MAX_BODY_BYTES);
  if (!read.ok) return read.response;
  const parsed = savedViewInput.safeParse(read.body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? "body");
    return jsonError(400, `Invalid field "${field}": ${issue.message}`, field);
  }
  const allowed = limiter.take(clientKey(request));
  if (!allowed.ok) {
    return jsonError(429, `Too many views saved; try again in ${allowed.retryAfterSeconds} s`, undefined, {
      "Retry-After": String(allowed.retryAfterSeconds),
    });
  }
  const { view, created } = await createSavedView(parsed.data);
  return NextResponse.json({ ...view, url: `/v/${view.slug}` } satisfies SavedViewResponse, { status: created ? 201 : 200 });
});

/** Saved views, newest first. */
export const GET = route(async () => NextResponse.json(await listSavedViews()));
