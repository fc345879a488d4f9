"use client";

import { useRef } from "react";
import { ChartFrame } from "@/components/charts/chart-frame";
import { CoverageChart, type CoverageSeries, type CoverageXMode } from "@/components/charts/coverage-chart";
import { ExportButtons } from "@/components/ui/export-buttons";
import { Legend } from "./legend";

interface Props {
  series: CoverageSeries[];
  xMode: CoverageXMode;
  percent: boolean;
  xLabel: string;
  yLabel: string;
  ariaLabel: string;
  exportName: string;
  /** Title and dataset of the exported figure. */
  title: string;
  dataset: string;
}

const formatValue = (percent: boolean, value: number | null) =>
  value === null ? "—" : percent ? value.toFixed(2) : value.toExponential(3);

/** The coverage curves with their legend, exports and a table of the plotted numbers. */
export function CoveragePanel({ series, xMode, percent, xLabel, yLabel, ariaLabel, exportName, title, dataset }: Props) {
  const svgRef = useRef<SVGSVGElement>(null);
  const rows = series.flatMap((s) =>
    s.points.map((p) => ({ group: s.label, percentile: p.percentile, mean_documents: p.meanCount, mean: p.mean, std: p.std, n: p.n })),
  );
  return (
    <div>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Legend label="Coverage legend" items={series} />
        <ExportButtons name={exportName} rows={rows}
          figure={{ ref: svgRef, title, dataset, legend: series.map((s) => ({ label: s.label, color: s.color, mark: s.dashed ? "dashed" : "line" })) }}
        />
      </div>
      <div className="mt-2">
        <ChartFrame height={340}>
          {({ width, height }) => (
            <CoverageChart
              width={width}
              height={height}
              series={series}
              xMode={xMode}
              percent={percent}
              xLabel={xLabel}
              yLabel={yLabel}
              ariaLabel={ariaLabel}
              svgRef={svgRef}
            />
          )}
        </ChartFrame>
      </div>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">Table of the plotted numbers</summary>
        <div className="mt-2 max-h-96 overflow-auto">
          <table className="w-full text-left tabular-nums">
            <caption className="sr-only">Coverage curves: mean and standard deviation per group and percentile</caption>
            <thead className="sticky top-0 bg-white dark:bg-zinc-950">
              <tr className="border-b border-zinc-200 dark:border-zinc-800">
                <th scope="col" className="py-1 pr-3">Group</th>
                <th scope="col" className="py-1 pr-3 text-right">Top percentile</th>
                <th scope="col" className="py-1 pr-3 text-right">Mean documents</th>
                <th scope="col" className="py-1 pr-3 text-right">Mean{percent ? " (%)" : " (per nat)"}</th>
                <th scope="col" className="py-1 pr-3 text-right">Std</th>
                <th scope="col" className="py-1 text-right">Queries</th>
              </tr>
            </thead>
            <tbody>
              {series.flatMap((s) =>
                s.points.map((p) => (
                  <tr key={`${s.key}-${p.percentile}`} className="border-b border-zinc-100 dark:border-zinc-900">
                    <th scope="row" className="py-0.5 pr-3 font-normal">{s.label}</th>
                    <td className="py-0.5 pr-3 text-right">{p.percentile}%</td>
                    <td className="py-0.5 pr-3 text-right">{p.meanCount.toFixed(1)}</td>
                    <td className="py-0.5 pr-3 text-right">{formatValue(percent, p.mean)}</td>
                    <td className="py-0.5 pr-3 text-right">{formatValue(percent, p.std)}</td>
                    <td className="py-0.5 text-right">{p.n}</td>
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
