"use client";

import { queryOptions, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { readApiResponse, savedViewResponse } from "@/lib/api-schemas";
import { SAVED_VIEW_PARAM, SAVED_VIEW_SLUG } from "@/lib/url-state";

/** A saved view's title and note, from GET /api/views/<slug>. */
function savedViewOptions(slug: string) {
  return queryOptions({
    queryKey: ["saved-view", slug] as const,
    queryFn: async ({ signal }) =>
      readApiResponse(await fetch(`/api/views/${encodeURIComponent(slug)}`, { signal }), savedViewResponse, "The saved view could not be loaded"),
    staleTime: Infinity,
  });
}

/**
 * Above a view opened from a short link (/v/<slug> adds ?saved=<slug>): the saved
 * view's title and note, so whoever follows a link sees what its author meant to show.
 * Gone once the view changes (the parameter is not carried along by the view's links).
 */
export function SavedViewBanner() {
  const slug = useSearchParams().get(SAVED_VIEW_PARAM);
  const valid = slug !== null && SAVED_VIEW_SLUG.test(slug);
  const { data, error } = useQuery({ ...savedViewOptions(valid ? slug : ""), enabled: valid });
  if (!valid) return null;
  if (error) {
    return (
      <p role="status" className="mb-4 text-sm text-zinc-600 dark:text-zinc-400">
        {error.message}
      </p>
    );
  }
  if (!data) return null;
  return (
    <section
      aria-label="Saved view"
      className="mb-4 rounded border border-blue-200 bg-blue-50 px-3 py-2 text-sm text-blue-950 dark:border-blue-800 dark:bg-blue-950 dark:text-blue-50"
    >
      <p className="text-xs font-medium uppercase text-blue-800 dark:text-blue-300">
        Saved view · {new Date(data.createdAt).toISOString().slice(0, 10)}
      </p>
      <h2 className="font-semibold">{data.title}</h2>
      {data.note ? <p className="mt-1 whitespace-pre-line">{data.note}</p> : null}
    </section>
  );
}
