import Link from "next/link";
import { SetBadge } from "@/components/ui/badge";
import { ExportButtons } from "@/components/ui/export-buttons";
import type { QueryBestMatch } from "@/lib/data/views/search";
import type { RankingOrder } from "@/lib/domain/vocabulary";
import { formatCount, formatScore } from "@/lib/format";

interface Props {
  slug: string;
  search: string;
  order: RankingOrder;
  currentQueryId: string;
  /** Per query, its best-ranked matching document. */
  rows: QueryBestMatch[];
}

/**
 * The search from the document side: for every query, the best rank of a matching
 * document, best first; each links to that query's ranking at that rank, same search.
 */
export function SearchAcrossQueries({ slug, search, order, currentQueryId, rows }: Props) {
  const sorted = [...rows].sort((a, b) => a.rank - b.rank);
  const queryHref = (row: QueryBestMatch) => {
    const params = new URLSearchParams({ search, rank: String(row.rank) });
    if (order !== "top") params.set("order", order);
    return `/datasets/${slug}/queries/${encodeURIComponent(row.queryId)}?${params}`;
  };
  return (
    <div>
      <div className="flex justify-end">
        <ExportButtons name={`${slug}-search-across-queries`} rows={sorted.map((r) => ({ queryId: r.queryId, set: r.set, type: r.type, control: r.control, bestRank: r.rank, documentId: r.documentId, score: r.score }))} />
      </div>
      <div className="max-h-96 overflow-y-auto">
        <table className="w-full text-sm">
          <caption className="sr-only">For every query, the best rank of a document matching the search</caption>
          <thead className="sticky top-0 bg-white text-left text-xs uppercase text-zinc-600 dark:bg-zinc-950 dark:text-zinc-400">
            <tr>
              <th scope="col" className="py-1 pr-3">Query</th>
              <th scope="col" className="py-1 pr-3">Set</th>
              <th scope="col" className="py-1 pr-3">Type</th>
              <th scope="col" className="py-1 pr-3 text-right">Best rank</th>
              <th scope="col" className="py-1 pr-3">Document</th>
              <th scope="col" className="py-1 text-right">Score</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-900">
            {sorted.map((row) => (
              <tr key={row.queryId} aria-current={row.queryId === currentQueryId ? "true" : undefined} className={row.queryId === currentQueryId ? "bg-sky-50 dark:bg-sky-950/60" : ""}>
                <td className="py-1 pr-3"><Link className="font-medium hover:underline" href={queryHref(row)}>{row.queryId}</Link></td>
                <td className="py-1 pr-3"><SetBadge set={row.set} control={row.control} /></td>
                <td className="py-1 pr-3">{row.type}</td>
                <td className="py-1 pr-3 text-right tabular-nums" data-cell="best-rank">{formatCount(row.rank)}</td>
                <td className="py-1 pr-3"><Link className="font-mono text-xs text-sky-700 hover:underline dark:text-sky-300" href={`/datasets/${slug}/documents/${encodeURIComponent(row.documentId)}`}>{row.documentId}</Link></td>
                <td className="py-1 text-right font-mono tabular-nums">{formatScore(row.score)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
