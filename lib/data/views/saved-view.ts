import "server-only";
import { findSavedView } from "@/lib/data/store/saved-views";

/** Where a saved view's short link (/v/[slug]) leads: its stored path and query string; null when unknown. */
export async function savedViewPath(slug: string): Promise<string | null> {
  return (await findSavedView(slug))?.path ?? null;
}
