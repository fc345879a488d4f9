import { NextResponse } from "next/server";
import type { SavedViewResponse } from "@/lib/api-schemas";
import { createSavedView, listSavedViews, savedViewInput } from "@/lib/data/store/saved-views";
import { jsonError, route } from "@/lib/http";

/** Saves a view: { path, title, note? } → 201 { slug, url: "/v/<slug>", ... }; a bad field is a 400 naming it. */
export const POST = route(async (request: Request) => {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return jsonError(400, "The body must be JSON: { path, title, note }", "body");
  }
  const parsed = savedViewInput.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? "body");
    return jsonError(400, `Invalid field "${field}": ${issue.message}`, field);
  }
  const view = await createSavedView(parsed.data);
  return NextResponse.json({ ...view, url: `/v/${view.slug}` } satisfies SavedViewResponse, { status: 201 });
});

/** Saved views, newest first. */
export const GET = route(async () => NextResponse.json(await listSavedViews()));
