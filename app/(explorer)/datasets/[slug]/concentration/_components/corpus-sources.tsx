import { sourceColor } from "@/components/palette";
import { SourceBadge } from "@/components/ui/badge";
import { ExportButtons } from "@/components/ui/export-buttons";
import type { CorpusSource } from "@/lib/data/views/concentration";
import { formatCount } from "@/lib/format";

/** The corpus's documents per source (what the multipliers are relative to). */
export function CorpusSources({ slug, corpus }: { slug: string; corpus: CorpusSource[] }) {
  const max = Math.max(1, ...corpus.map((c) => c.share));
  return (
    <div>
      <div className="mb-2 flex justify-end">
        <ExportButtons name={`${slug}-corpus-sources`} rows={corpus.map((c) => ({ ...c }))} />
      </div>
      <table className="w-full max-w-xl text-sm" aria-label="Corpus documents per source">
        <thead className="text-left text-xs text-zinc-500">
          <tr>
            <th scope="col" className="py-1 pr-3 font-medium">Source</th>
            <th scope="col" className="py-1 pr-3 text-right font-medium">Documents</th>
            <th scope="col" className="py-1 pr-3 text-right font-medium">Share</th>
            <th scope="col" className="w-1/3 py-1 font-medium"><span className="sr-only">Share bar</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-900">
          {corpus.map((c) => (
            <tr key={c.source}>
              <td className="py-1 pr-3"><SourceBadge source={c.source} /></td>
              <td className="py-1 pr-3 text-right tabular-nums">{formatCount(c.count)}</td>
              <td className="py-1 pr-3 text-right tabular-nums">{c.share.toFixed(1)}%</td>
              <td className="py-1" aria-hidden>
                <div className="h-2 rounded-sm" style={{ width: `${(100 * c.share) / max}%`, backgroundColor: sourceColor(c.source) }} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
