import { notFound, redirect } from "next/navigation";
import { savedViewPath } from "@/lib/data/views/saved-view";

export const dynamic = "force-dynamic";

/** A saved view's short link: redirects to the stored path (with its query string), where a banner shows its title and note. */
export default async function SavedViewRedirect({ params }: { params: Promise<{ slug: string }> }) {
  const path = await savedViewPath((await params).slug);
  if (!path) notFound();
  redirect(path);
}
