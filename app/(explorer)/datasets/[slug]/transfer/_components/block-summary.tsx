import type { CSSProperties } from "react";
import { ExportButtons } from "@/components/ui/export-buttons";
import { formatCount, formatStat } from "@/lib/format";
import { rampColor, textOnRamp } from "@/components/charts/heatmap-ramp";

export interface BlockRow {
  groupA: string;
  groupB: string;
  mean: number | null;
  pairs: number;
}

/**
 * Mean off-diagonal value within each group (diagonal) and between groups, as an
 * annotated table coloured with the heatmap's ramp.
 */
export function BlockSummary({
  name,
  metric,
  groups,
  rows,
}: {
  name: string;
  metric: string;
  /** Groups in display order: key and name. */
  groups: { key: string; name: string; size: number }[];
  rows: BlockRow[];
}) {
  const lookup = new Map<string, BlockRow>();
  for (const row of rows) {
    lookup.set(`${row.groupA}|${row.groupB}`, row);
    lookup.set(`${row.groupB}|${row.groupA}`, row);
  }
  const names = new Map(groups.map((g) => [g.key, g.name]));
  const exportRows = rows.map((r) => ({
    groupA: names.get(r.groupA) ?? r.groupA,
    groupB: names.get(r.groupB) ?? r.groupB,
    keyA: r.groupA,
    keyB: r.groupB,
    mean: r.mean,
    pairs: r.pairs,
  }));
  if (rows.length === 0) return <p className="text-sm text-zinc-500">No block summary is stored for {metric}.</p>;
  return (
    <div>
      <div className="overflow-x-auto">
        <table className="text-sm tabular-nums">
          <caption className="mb-1 text-left text-xs text-zinc-500">
            Mean {metric} over query pairs within a group (diagonal) and between two groups (a query is never paired with itself).
          </caption>
          <thead>
            <tr>
              <td />
              {groups.map((g) => (
                <th key={g.key} scope="col" className="px-2 py-1 text-xs font-medium">
                  {g.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {groups.map((row) => (
              <tr key={row.key}>
                <th scope="row" className="px-2 py-1 text-left text-xs font-medium">
                  {row.name} <span className="font-normal text-zinc-500">({formatCount(row.size)})</span>
                </th>
                {groups.map((col) => {
                  const cell = lookup.get(`${row.key}|${col.key}`);
                  const mean = cell?.mean ?? null;
                  return (
                    <td
                      key={col.key}
                      // Both themes' ramp colours ride along as variables; the dark: variant picks (a server component cannot know the theme).
                      className="min-w-16 border border-white bg-(--ramp-light) px-2 py-1 text-center text-(--ink-light) dark:border-zinc-950 dark:bg-(--ramp-dark) dark:text-(--ink-dark)"
                      style={{ "--ramp-light": rampColor(mean), "--ramp-dark": rampColor(mean, "dark"), "--ink-light": textOnRamp(mean), "--ink-dark": textOnRamp(mean, "dark") } as CSSProperties}
                      data-mean={mean ?? undefined}
                      title={cell ? `${formatCount(cell.pairs)} pairs` : undefined}
                    >
                      {formatStat(mean !== null && Math.abs(mean) < 0.005 ? 0 : mean, 2)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="mt-2">
        <ExportButtons name={name} rows={exportRows} />
      </div>
    </div>
  );
}
