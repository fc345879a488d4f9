import Link from "next/link";
import { formatCount } from "@/lib/format";
import { transferHref, type TransferState } from "./href";

/** Pearson | Spearman | Jaccard@k as links (each a history entry; the page renders from the URL). */
export function MetricSwitch({ slug, state, jaccardKs }: { slug: string; state: TransferState; jaccardKs: number[] }) {
  const options: { label: string; method: TransferState["method"]; k: number | null }[] = [
    { label: "Pearson", method: "pearson", k: null },
    { label: "Spearman", method: "spearman", k: null },
    ...jaccardKs.map((k) => ({ label: `Jaccard@${formatCount(k)}`, method: "jaccard" as const, k })),
  ];
  return (
    <nav aria-label="Similarity metric" className="flex flex-wrap gap-1 text-sm">
      {options.map((option) => {
        const current = option.method === state.method && (option.method !== "jaccard" || option.k === state.k);
        return (
          <Link
            key={option.label}
            href={transferHref(slug, { ...state, method: option.method, k: option.k })}
            aria-current={current ? "page" : undefined}
            scroll={false}
            className={`rounded px-3 py-1 ${current ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900" : "border border-zinc-300 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-900"}`}
          >
            {option.label}
          </Link>
        );
      })}
    </nav>
  );
}
