import { formatMultiplier } from "@/components/charts/multiplier-scale";
import { ExportButtons } from "@/components/ui/export-buttons";
import type { LabelTable } from "@/lib/data/views/concentration";
import { formatCount } from "@/lib/format";

/** Per label key, a table of multipliers by group and value (rows) and k (columns). */
export function LabelEnrichment({ slug, tail, ks, tables }: { slug: string; tail: "top" | "bottom"; ks: number[]; tables: LabelTable[] }) {
  return (
    <div className="space-y-6">
      {tables.map((table) => (
        <div key={table.key}>
          <div className="flex flex-wrap items-end justify-between gap-2">
            <h3 className="text-sm font-semibold">Label “{table.key}”</h3>
            <ExportButtons
              name={`${slug}-label-${table.key}-${tail}`}
              rows={table.rows.flatMap((r) => r.points.map((p) => ({ group: r.group.key, tail, key: table.key, value: r.value, k: p.k, count: p.count, multiplier: p.multiplier })))}
            />
          </div>
          <div className="overflow-x-auto">
            <table className="mt-1 w-full text-sm tabular-nums" aria-label={`Multipliers of label ${table.key} among the ${tail}-k documents`}>
              <thead className="text-left text-xs text-zinc-500">
                <tr>
                  <th scope="col" className="py-1 pr-3 font-medium">Group</th>
                  <th scope="col" className="py-1 pr-3 font-medium">{table.key}</th>
                  <th scope="col" className="py-1 pr-3 text-right font-medium">Corpus share</th>
                  {ks.map((k) => <th scope="col" key={k} className="py-1 pr-3 text-right font-medium">k = {formatCount(k)}</th>)}
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-100 dark:divide-zinc-900">
                {table.rows.map((r) => (
                  <tr key={`${r.group.key}|${r.value}`}>
                    <td className="py-0.5 pr-3">{r.group.name}</td>
                    <td className="py-0.5 pr-3">{r.value}</td>
                    <td className="py-0.5 pr-3 text-right">{r.share.toFixed(1)}%</td>
                    {ks.map((k) => {
                      const point = r.points.find((p) => p.k === k);
                      return (
                        <td key={k} className="py-0.5 pr-3 text-right" title={point ? `${formatCount(point.count)} of the pooled ${tail}-${formatCount(k)} documents` : undefined}>
                          {point ? formatMultiplier(point.multiplier) : "—"}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ))}
    </div>
  );
}
