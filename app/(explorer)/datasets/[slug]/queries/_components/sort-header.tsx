import Link from "next/link";
import type { ReactNode } from "react";
import { SAVED_VIEW_PARAM, type QuerySortKey, type SearchParams, type SortDirection } from "@/lib/url-state";

/**
 * The queries table's address sorted by a column: the current filters kept, sort and dir
 * set (a click on the sorted column reverses it; on another sorts it ascending).
 */
export function sortHref(path: string, searchParams: SearchParams, column: QuerySortKey, current: { sort: string; dir: SortDirection }): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(searchParams)) {
    if (value === undefined || name === "sort" || name === "dir" || name === SAVED_VIEW_PARAM) continue;
    for (const v of Array.isArray(value) ? value : [value]) params.append(name, v);
  }
  const dir = current.sort === column && current.dir === "asc" ? "desc" : "asc";
  params.set("sort", column);
  if (dir === "desc") params.set("dir", dir);
  return `${path}?${params.toString()}`;
}

/**
 * A column header that sorts the table: a link (keyboard reachable, works before
 * hydration), with aria-sort on the header cell and an arrow for the direction.
 */
export function SortHeader({
  column,
  label,
  sort,
  dir,
  href,
  align = "left",
  className = "",
}: {
  column: QuerySortKey;
  label: ReactNode;
  sort: string;
  dir: SortDirection;
  href: string;
  align?: "left" | "right";
  className?: string;
}) {
  const active = sort === column;
  const ariaSort = active ? (dir === "asc" ? "ascending" : "descending") : "none";
  return (
    <th scope="col" aria-sort={ariaSort} className={`py-1 pr-2 ${align === "right" ? "text-right" : ""} ${className}`}>
      <Link href={href} scroll={false} className={`inline-flex items-center gap-1 rounded hover:underline ${active ? "text-zinc-900 dark:text-zinc-100" : ""}`}>
        {label}
        <span aria-hidden className="text-[0.65rem]">{active ? (dir === "asc" ? "▲" : "▼") : "↕"}</span>
        <span className="sr-only">{active ? `, sorted ${ariaSort}; activate to reverse` : ", activate to sort"}</span>
      </Link>
    </th>
  );
}
