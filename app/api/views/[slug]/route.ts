import { NextResponse } from "next/server";
import type { SavedViewResponse } from "@/lib/api-schemas";
import { savedView } from "@/lib/data/views/saved-view";
import { jsonError, route } from "@/lib/http";

/** One saved view: { slug, title, note, path, createdAt, url }, or a 404. */
export const GET = route(async (_request: Request, context: { params: Promise<{ slug: string }> }) => {
  const { slug } = await context.params;
  const view = await savedView(slug);
  if (!view) return jsonError(404, `No saved view "${slug}"`, "slug");
  return NextResponse.json({ ...view, url: `/v/${view.slug}` } satisfies SavedViewResponse);
});
