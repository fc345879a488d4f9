import "server-only";
import { findSavedView, type SavedViewSummary } from "@/lib/data/store/saved-views";
import { withSavedViewParam } from "@/lib/url-state";

/**
 * Where a saved view's short link (/v/[slug]) leads: its stored path and query string
 * with the saved-view parameter, so the page opens under a banner with the view's title
 * and note; null when unknown.
 */
export async function savedViewPath(slug: string): Promise<string | null> {
  const view = await findSavedView(slug);
  return view ? withSavedViewParam(view.path, view.slug) : null;
}

/** One saved view (title, note, path), or null (unknown or malformed slug). */
export async function savedView(slug: string): Promise<SavedViewSummary | null> {
  return findSavedView(slug);
}
