import Link from "next/link";
import { SourceBadge } from "@/components/ui/badge";
import { ExportButtons } from "@/components/ui/export-buttons";
import type { TaskDocumentRow } from "@/lib/data/views/concentration";
import { formatScore } from "@/lib/format";

/** The documents with the largest mean score over a group's queries, linking to each document. */
export function TaskDocuments({ slug, groupKey, groupName, rows }: { slug: string; groupKey: string; groupName: string; rows: TaskDocumentRow[] }) {
  if (rows.length === 0) {
    return <p className="text-sm text-zinc-600 dark:text-zinc-400">No task-wide documents were computed for {groupName}.</p>;
  }
  return (
    <div>
      <div className="mb-2 flex justify-end">
        <ExportButtons
          name={`${slug}-task-documents-${groupKey.replace(":", "-")}`}
          rows={rows.map((r) => ({ group: groupKey, rank: r.rank, documentId: r.documentId, source: r.source, meanScore: r.meanScore, positiveMembers: r.positiveMembers, groupSize: r.groupSize, snippet: r.snippet }))}
        />
      </div>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[40rem] text-sm" aria-label={`Documents most influential across ${groupName}`}>
          <thead className="text-left text-xs text-zinc-500">
            <tr>
              <th scope="col" className="py-1 pr-3 text-right font-medium">Rank</th>
              <th scope="col" className="whitespace-nowrap py-1 pr-3 text-right font-medium">Mean score</th>
              <th scope="col" className="py-1 pr-3 text-right font-medium">Helps</th>
              <th scope="col" className="py-1 pr-3 font-medium">Source</th>
              <th scope="col" className="py-1 font-medium">Document</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 align-top dark:divide-zinc-900">
            {rows.map((r) => (
              <tr key={r.documentId}>
                <td className="py-1.5 pr-3 text-right tabular-nums">{r.rank}</td>
                <td className="py-1.5 pr-3 text-right tabular-nums">{formatScore(r.meanScore)}</td>
                <td className="whitespace-nowrap py-1.5 pr-3 text-right tabular-nums" title={`Positive score for ${r.positiveMembers} of the ${r.groupSize} queries`}>
                  {r.positiveMembers} / {r.groupSize}
                </td>
                <td className="py-1.5 pr-3">
                  <SourceBadge source={r.source} />
                </td>
                <td className="py-1.5">
                  <Link href={`/datasets/${slug}/documents/${encodeURIComponent(r.documentId)}`} className="font-mono text-xs text-blue-700 hover:underline dark:text-blue-400">
                    {r.documentId}
                  </Link>
                  {r.snippet ? <p className="line-clamp-2 text-xs text-zinc-600 dark:text-zinc-400">{r.snippet}</p> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
