"use client";

import { useCallback, useMemo, useRef, useState } from "react";
import { HeatmapCanvas, heatmapCanvasIn, heatmapColorBar, HeatmapLegend, type Cell } from "@/components/charts/heatmap-canvas";
import { ExportButtons } from "@/components/ui/export-buttons";
import { formatStat } from "@/lib/format";
import { unpackCells, type HeatmapBlock } from "@/components/charts/heatmap-layout";
import type { HeatmapQuery } from "@/lib/data/views/transfer";
import { useUrlState } from "@/lib/use-url-state";

/**
 * The query x query heatmap of the current metric: hover for both prompts and the
 * value, click or Enter to select a pair (a= and b= in the URL).
 */
export function TransferHeatmap({
  queries,
  cells,
  blocks,
  metric,
  selected,
  dataset,
}: {
  /** The dataset's name (the exported figure's subtitle). */
  dataset: string;
  /** Queries in heatmap order (rows = columns). */
  queries: HeatmapQuery[];
  /** Row-major values in the same order (packCells). */
  cells: Int16Array;
  blocks: HeatmapBlock[];
  /** "Pearson r", "Jaccard@500". */
  metric: string;
  /** Selected pair as row and column indices. */
  selected: Cell | null;
}) {
  const { update, pending } = useUrlState();
  const [clicked, setClicked] = useState<Cell | null>(null);
  const size = queries.length;
  const values = useMemo(() => unpackCells(cells), [cells]);
  const value = useCallback((c: Cell) => values[c.row * size + c.col] ?? null, [values, size]);
  const shown = pending && clicked ? clicked : selected;

  const onSelect = useCallback(
    (c: Cell) => {
      const a = queries[c.row];
      const b = queries[c.col];
      if (!a || !b) return;
      setClicked(c);
      update({ a: a.id, b: b.id });
    },
    [queries, update],
  );

  const tooltip = useCallback(
    (c: Cell) => {
      const a = queries[c.row]!;
      const b = queries[c.col]!;
      const v = value(c);
      return (
        <div className="space-y-1.5">
          <p className="text-sm font-semibold">
            {metric} = <span data-testid="tooltip-value">{formatStat(v)}</span>
            {v !== null && v < 0 ? <span className="font-normal text-zinc-500"> (below 0: drawn white)</span> : null}
          </p>
          {[["Row", a], ["Column", b]].map(([role, q]) => {
            const query = q as HeatmapQuery;
            return (
              <div key={role as string}>
                <p className="text-zinc-500">
                  {role as string} <span className="font-mono text-zinc-900 dark:text-zinc-100">{query.id}</span> · {query.group}
                </p>
                <p className="line-clamp-3">{query.prompt}</p>
              </div>
            );
          })}
          <p className="text-zinc-500">Click for the scatter and shared documents.</p>
        </div>
      );
    },
    [queries, metric, value],
  );

  const describe = useCallback(
    (c: Cell) => `${queries[c.row]?.id} (${queries[c.row]?.group}) by ${queries[c.col]?.id} (${queries[c.col]?.group}): ${metric} ${formatStat(value(c))}`,
    [queries, metric, value],
  );

  const label = useMemo(
    () =>
      `Heatmap of ${metric} between ${size} queries, ordered by group: ${blocks.map((b) => `${b.name} (${b.end - b.start})`).join(", ")}`,
    [metric, size, blocks],
  );

  const figureRef = useRef<HTMLDivElement>(null);
  // One row per cell (10,000 for 100 queries): built when an export is asked for, not per render.
  const rows = useCallback(
    () => queries.flatMap((a, i) => queries.map((b, j) => ({ row: a.id, column: b.id, value: values[i * size + j] ?? null }))),
    [queries, values, size],
  );

  return (
    <div>
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <HeatmapLegend title={metric} />
        <p role="status" className="text-xs text-zinc-500">
          {pending ? "Loading the selected pair…" : ""}
        </p>
        <ExportButtons name={`heatmap-${metric.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`} rows={rows}
          figure={{
            ref: figureRef,
            title: `${metric} between every pair of ${size} queries, ordered by group`,
            dataset,
            colorBar: heatmapColorBar(metric),
            lightCanvas: (onScreen) => heatmapCanvasIn(values, size, "light", onScreen),
          }}
        />
      </div>
      <div ref={figureRef}>
        <HeatmapCanvas size={size} values={values} blocks={blocks} label={label} selected={shown} onSelect={onSelect} tooltip={tooltip} describe={describe} />
      </div>
    </div>
  );
}
