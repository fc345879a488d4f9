import { groupColor } from "@/components/palette";
import { Badge } from "@/components/ui/badge";
import { formatStat } from "@/lib/format";
import type { RetrievalGroup } from "@/lib/data/views/retrieval";

/**
 * A ranking evaluated against ground truth, one row per query group: queries with
 * ground truth, mean reciprocal rank of the first relevant document, mean recall@k and
 * precision@k (all in [0, 1]).
 *
 * @param label names the table (several may share a page)
 */
export function RetrievalTable({ label, ks, groups }: { label: string; ks: readonly number[]; groups: readonly RetrievalGroup[] }) {
  const cell = "px-2 py-1 text-right";
  const value = (g: RetrievalGroup, k: number, metric: "recall" | "precision") => g.atK.find((p) => p.k === k)?.[metric] ?? null;
  return (
    // Focusable: a keyboard user can scroll a table wider than its column.
    <div className="overflow-x-auto" role="region" aria-label={`${label} (scrolls sideways)`} tabIndex={0}>
      <table className="w-full text-sm tabular-nums" aria-label={label}>
        <thead>
          <tr className="text-zinc-500">
            <th scope="col" rowSpan={2} className="px-2 py-1 text-left font-normal">group</th>
            <th scope="col" rowSpan={2} className={`${cell} font-normal`}>queries</th>
            <th scope="col" rowSpan={2} className={`${cell} font-normal`}>MRR</th>
            {ks.length > 0 ? <th scope="colgroup" colSpan={ks.length} className="px-2 pt-1 text-center font-normal">recall@k</th> : null}
            {ks.length > 0 ? <th scope="colgroup" colSpan={ks.length} className="px-2 pt-1 text-center font-normal">precision@k</th> : null}
          </tr>
          <tr className="border-b border-zinc-200 text-zinc-500 dark:border-zinc-800">
            {(["recall", "precision"] as const).flatMap((metric) =>
              ks.map((k) => (
                <th key={`${metric}-${k}`} scope="col" className={`${cell} font-normal`} aria-label={`${metric}@${k}`}>
                  {k.toLocaleString("en-US")}
                </th>
              )))}
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.key} className="border-b border-zinc-100 last:border-0 dark:border-zinc-900">
              <th scope="row" className="px-2 py-1 text-left font-normal">
                <Badge color={groupColor(g.colorKey)}>{g.label}</Badge>
              </th>
              <td className={cell}>{g.queries}</td>
              <td className={`${cell} font-medium`}>{formatStat(g.mrr, 3)}</td>
              {(["recall", "precision"] as const).flatMap((metric) =>
                ks.map((k) => <td key={`${metric}-${k}`} className={cell}>{formatStat(value(g, k, metric), 3)}</td>))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
