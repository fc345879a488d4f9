import { notFound, redirect } from "next/navigation";
import { findSavedView } from "@/lib/data/saved-views";

export const dynamic = "force-dynamic";

/** A saved view's short link: redirects to the stored path (with its query string). */
export default async function SavedViewRedirect({ params }: { params: Promise<{ slug: string }> }) {
  const view = await findSavedView((await params).slug);
  if (!view) notFound();
  redirect(view.path);
}
