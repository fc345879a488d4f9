import Link from "next/link";
import { SourceBadge } from "@/components/ui/badge";
import { ExportButtons } from "@/components/ui/export-buttons";
import type { QuerySummary, RankedDocument } from "@/lib/data/views/compare";
import { formatScore } from "@/lib/format";

/** A query's 10 most positive documents, with links to the query and each document. */
export function TopDocuments({ side, slug, query, documents }: { side: "a" | "b"; slug: string; query: QuerySummary; documents: RankedDocument[] }) {
  return (
    <div>
      <p className="mb-2 line-clamp-3 text-sm text-zinc-600 dark:text-zinc-400">
        <Link href={`/datasets/${slug}/queries/${encodeURIComponent(query.id)}`} className="text-blue-700 underline dark:text-blue-400">
          {query.id}
        </Link>
        : {query.prompt}
      </p>
      <table className="w-full table-fixed text-sm">
        <caption className="sr-only">Top 10 documents of side {side.toUpperCase()}</caption>
        <thead>
          <tr className="border-b border-zinc-200 text-left dark:border-zinc-800">
            <th scope="col" className="w-10 py-1 pr-2 font-medium">Rank</th>
            <th scope="col" className="w-20 py-1 pr-2 text-right font-medium">Score</th>
            <th scope="col" className="py-1 font-medium">Document</th>
          </tr>
        </thead>
        <tbody>
          {documents.map((d) => (
            <tr key={d.rank} className="border-b border-zinc-100 align-top dark:border-zinc-900">
              <td className="py-1 pr-2 tabular-nums">{d.rank}</td>
              <td className="py-1 pr-2 text-right tabular-nums">{formatScore(d.score)}</td>
              <td className="py-1">
                <div className="flex flex-wrap items-center gap-2">
                  <Link href={`/datasets/${slug}/documents/${encodeURIComponent(d.documentId)}`} className="truncate font-mono text-xs text-blue-700 underline dark:text-blue-400">
                    {d.documentId}
                  </Link>
                  <SourceBadge source={d.source} />
                </div>
                {d.text ? <p className="mt-0.5 line-clamp-2 text-xs text-zinc-600 dark:text-zinc-400">{d.text}</p> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="mt-2 flex justify-end">
        <ExportButtons
          name={`compare-${side}-top-documents`}
          rows={documents.map((d) => ({ rank: d.rank, documentId: d.documentId, source: d.source, score: d.score, globalRank: d.globalRank }))}
        />
      </div>
    </div>
  );
}
