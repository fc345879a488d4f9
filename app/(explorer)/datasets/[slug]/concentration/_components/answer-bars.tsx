"use client";

import { useMemo, useRef } from "react";
import { BarChart, barChartHeight, type BarDatum } from "@/components/charts/bar-chart";
import { ChartFrame } from "@/components/charts/chart-frame";
import { groupColor } from "@/components/palette";
import { ExportButtons } from "@/components/ui/export-buttons";

export interface AnswerRow {
  key: string;
  name: string;
  colorKey: string;
  subset: "all" | "correct" | "incorrect";
  withAnswer: number;
  hits: number;
  percent: number | null;
}

// Correctness reads as fill strength within the group's own colour (one palette).
const OPACITY = { all: 1, correct: 0.7, incorrect: 0.25 } as const;

/** Percent of queries whose answer is in their top-k documents, per group and correctness. */
export function AnswerBars({ slug, rows, answerK }: { slug: string; rows: AnswerRow[]; answerK: number }) {
  const svgRef = useRef<SVGSVGElement>(null);
  const data: BarDatum[] = useMemo(
    () =>
      rows.map((r) => ({
        category: r.key,
        categoryLabel: r.name,
        series: r.subset,
        value: r.percent,
        color: groupColor(r.colorKey),
        opacity: OPACITY[r.subset],
        valueLabel: r.percent === null ? "no queries" : `${Math.round(r.percent)}% (${r.hits} of ${r.withAnswer})`,
      })),
    [rows],
  );
  const exportRows = rows.map((r) => ({ group: r.key, subset: r.subset, queriesWithAnswer: r.withAnswer, answerInTopK: r.hits, percent: r.percent, k: answerK }));
  const summary = rows
    .filter((r) => r.subset === "all")
    .map((r) => `${r.name} ${r.percent === null ? "n/a" : `${Math.round(r.percent)}%`}`)
    .join(", ");
  return (
    <div>
      <div className="mb-2 flex justify-end">
        <ExportButtons name={`${slug}-answer-occurrence`} rows={exportRows}
          figure={{
            ref: svgRef,
            title: `Answer occurrence in the top ${answerK} documents`,
            dataset: slug,
            legend: [...new Map(rows.map((r) => [r.key, r])).values()].map((r) => ({ label: r.name, color: groupColor(r.colorKey), mark: "swatch" as const })),
          }}
        />
      </div>
      <ChartFrame height={barChartHeight(data)}>
        {({ width, height }) => (
          <BarChart
            width={width}
            height={height}
            data={data}
            domain={[0, 100]}
            xLabel={`% of queries with the answer in their top ${answerK} documents`}
            formatTick={(v) => `${v}%`}
            label={`Answer occurrence in the top ${answerK} documents per group: ${summary}.`}
            svgRef={svgRef}
          />
        )}
      </ChartFrame>
      <details className="mt-2">
        <summary className="cursor-pointer text-sm text-zinc-600 dark:text-zinc-400">Table of answer occurrence</summary>
        <table className="mt-2 w-full max-w-xl text-sm" aria-label="Answer occurrence">
          <thead className="text-left text-xs text-zinc-500">
            <tr>
              <th className="py-1 pr-3 font-medium">Group</th>
              <th className="py-1 pr-3 font-medium">Queries</th>
              <th className="py-1 pr-3 text-right font-medium">With an answer</th>
              <th className="py-1 pr-3 text-right font-medium">Answer in top {answerK}</th>
              <th className="py-1 text-right font-medium">%</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-900">
            {rows.map((r) => (
              <tr key={`${r.key}-${r.subset}`}>
                <td className="py-0.5 pr-3">{r.name}</td>
                <td className="py-0.5 pr-3">{r.subset}</td>
                <td className="py-0.5 pr-3 text-right tabular-nums">{r.withAnswer}</td>
                <td className="py-0.5 pr-3 text-right tabular-nums">{r.hits}</td>
                <td className="py-0.5 text-right tabular-nums">{r.percent === null ? "—" : r.percent.toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}
