"use client";

import { useRef } from "react";
import { ChartFrame } from "@/components/charts/chart-frame";
import { HistogramChart, type HistogramSeries } from "@/components/charts/histogram-chart";
import { ExportButtons } from "@/components/ui/export-buttons";
import { Legend } from "./legend";

interface Props {
  series: HistogramSeries[];
  xLabel: string;
  ariaLabel: string;
  exportName: string;
  /** Title and dataset of the exported figure. */
  title: string;
  dataset: string;
}

/** Overlaid score histograms per group, with exports and a table of the plotted numbers. */
export function HistogramPanel({ series, xLabel, ariaLabel, exportName, title, dataset }: Props) {
  const svgRef = useRef<SVGSVGElement>(null);
  const rows = series.flatMap((s) =>
    s.bins.map((b) => ({ group: s.label, log10_lower: b.lower, log10_upper: b.upper, count: b.count, share_percent: b.share })),
  );
  return (
    <div>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Legend label="Histogram legend" items={series} />
        <ExportButtons name={exportName} rows={rows}
          figure={{ ref: svgRef, title, dataset, legend: series.map((s) => ({ label: s.label, color: s.color, mark: s.dashed ? "dashed" : "line" })) }}
        />
      </div>
      <div className="mt-2">
        <ChartFrame height={260}>
          {({ width, height }) => (
            <HistogramChart width={width} height={height} series={series} xLabel={xLabel} ariaLabel={ariaLabel} svgRef={svgRef} />
          )}
        </ChartFrame>
      </div>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">Table of the plotted numbers</summary>
        <div className="mt-2 max-h-96 overflow-auto">
          <table className="w-full text-left tabular-nums">
            <caption className="sr-only">Score histograms: share of each group&apos;s scores per log10 |score| bin</caption>
            <thead className="sticky top-0 bg-white dark:bg-zinc-950">
              <tr className="border-b border-zinc-200 dark:border-zinc-800">
                <th scope="col" className="py-1 pr-3">Group</th>
                <th scope="col" className="py-1 pr-3 text-right">|score| from</th>
                <th scope="col" className="py-1 pr-3 text-right">to</th>
                <th scope="col" className="py-1 pr-3 text-right">Scores</th>
                <th scope="col" className="py-1 text-right">Share (%)</th>
              </tr>
            </thead>
            <tbody>
              {series.flatMap((s) =>
                s.bins.map((b) => (
                  <tr key={`${s.key}-${b.lower}`} className="border-b border-zinc-100 dark:border-zinc-900">
                    <th scope="row" className="py-0.5 pr-3 font-normal">{s.label}</th>
                    <td className="py-0.5 pr-3 text-right">{(10 ** b.lower).toExponential(2)}</td>
                    <td className="py-0.5 pr-3 text-right">{(10 ** b.upper).toExponential(2)}</td>
                    <td className="py-0.5 pr-3 text-right">{b.count.toLocaleString("en-US")}</td>
                    <td className="py-0.5 text-right">{b.share.toFixed(2)}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
