"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const VIEWS = [
  { path: "", label: "Overview" },
  { path: "/queries", label: "Queries" },
  { path: "/distribution", label: "Distribution" },
  { path: "/transfer", label: "Transfer" },
  { path: "/concentration", label: "Concentration" },
] as const;

/** The dataset's views as tabs; the current one is marked for assistive technology too. */
export function DatasetNav({ slug }: { slug: string }) {
  const pathname = usePathname();
  const base = `/datasets/${slug}`;
  const current = (path: string) =>
    path === "" ? pathname === base : pathname === base + path || (path === "/queries" && pathname.startsWith(`${base}/queries/`));
  return (
    <nav aria-label="Dataset views" className="mt-3 flex flex-wrap gap-1 border-b border-zinc-200 dark:border-zinc-800">
      {VIEWS.map(({ path, label }) => (
        <Link
          key={label}
          href={base + path}
          aria-current={current(path) ? "page" : undefined}
          className={`-mb-px border-b-2 px-3 py-1.5 text-sm ${
            current(path)
              ? "border-zinc-900 font-medium dark:border-zinc-100"
              : "border-transparent text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
          }`}
        >
          {label}
        </Link>
      ))}
      <Link
        href={`/compare?a=${slug}`}
        className="-mb-px border-b-2 border-transparent px-3 py-1.5 text-sm text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
      >
        Compare
      </Link>
      <Link
        href={`/agreement?a=${slug}`}
        className="-mb-px border-b-2 border-transparent px-3 py-1.5 text-sm text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
      >
        Agreement
      </Link>
    </nav>
  );
}
