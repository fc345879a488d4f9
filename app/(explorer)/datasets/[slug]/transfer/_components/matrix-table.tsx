"use client";

import { memo, useCallback, useMemo, useState } from "react";
import { ExportButtons } from "@/components/ui/export-buttons";
import { unpackCells } from "@/components/charts/heatmap-layout";
import { formatStat } from "@/lib/format";
import type { HeatmapQuery } from "@/lib/data/views/transfer";

/** Rows and columns shown in the HTML table (the exports always hold the whole matrix). */
const TABLE_LIMIT = 100;

/**
 * The plotted matrix as a table, rendered only once opened (a 100 x 100 table is
 * 10,000 cells), with CSV and JSON exports of every row.
 */
export const MatrixTable = memo(MatrixTableInner, (previous, next) =>
  // `name` names the matrix (dataset, method, k): a new selected cell re-renders the page
  // with equal values, and re-rendering 10,000 cells for nothing is what we skip here.
  previous.name === next.name && previous.queries.length === next.queries.length && previous.metric === next.metric,
);

function MatrixTableInner({ name, metric, queries, cells }: { name: string; metric: string; queries: HeatmapQuery[]; cells: Int16Array }) {
  const [open, setOpen] = useState(false);
  const size = queries.length;
  // Unpacked once the table is opened (its exports are in it): not on the server, nor on load.
  const values = useMemo(() => (open ? unpackCells(cells) : []), [open, cells]);
  const shown = queries.slice(0, TABLE_LIMIT);
  // Built when an export is asked for: until then the rows are 10,000 cells nobody sees
  // (built on every server render, they were a third of the transfer page's render time).
  const rows = useCallback(
    () =>
      queries.map((q, i) => ({
        query: q.id,
        group: q.group,
        ...Object.fromEntries(queries.map((c, j) => [c.id, values[i * size + j] ?? null])),
      })),
    [queries, values, size],
  );
  return (
    <details className="mt-4 rounded border border-zinc-200 p-3 dark:border-zinc-800" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="cursor-pointer text-sm font-medium">Matrix as a table ({metric})</summary>
      {open ? (
        <>
        <div className="mt-2 flex flex-wrap items-center justify-between gap-2">
          <p className="text-xs text-zinc-500">
            Rows and columns in heatmap order.
            {size > TABLE_LIMIT ? ` Showing the first ${TABLE_LIMIT} of ${size}; the exports hold all of them.` : ""}
          </p>
          <ExportButtons name={name} rows={rows} />
        </div>
        <div className="mt-2 max-h-[32rem] overflow-auto">
          <table className="text-xs tabular-nums">
            <caption className="sr-only">{metric} between every pair of queries, rows and columns in heatmap order</caption>
            <thead>
              <tr>
                <th scope="col" className="sticky left-0 top-0 z-20 bg-white px-1 text-left dark:bg-zinc-950">Query</th>
                <th scope="col" className="sticky top-0 z-10 bg-white px-1 text-left dark:bg-zinc-950">Group</th>
                {shown.map((q) => (
                  <th key={q.id} scope="col" className="sticky top-0 z-10 bg-white px-1 font-mono font-normal dark:bg-zinc-950">
                    {q.id}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map((q, i) => (
                <tr key={q.id} className="bg-white odd:bg-zinc-50 dark:bg-zinc-950 dark:odd:bg-zinc-900">
                  <th scope="row" className="sticky left-0 bg-inherit px-1 text-left font-mono font-normal">{q.id}</th>
                  <td className="px-1 text-zinc-500">{q.group}</td>
                  {shown.map((c, j) => (
                    <td key={c.id} className="px-1 text-right">{formatStat(values[i * size + j], 2)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        </>
      ) : null}
    </details>
  );
}
