"use client";

import { line, scaleLinear, scaleLog } from "d3";
import { useMemo, useRef } from "react";
import { groupColor } from "@/components/palette";
import { ExportButtons } from "@/components/ui/export-buttons";
import { formatCount, formatStat } from "@/lib/format";
import { AxisLeft } from "./axis";
import { ChartFrame } from "./chart-frame";

/** One group's curve: mean Jaccard overlap of the two methods' top-k sets at each k. */
export interface JaccardSeries {
  key: string;
  label: string;
  /** components/palette.ts groupColor key. */
  colorKey: string;
  /** Ascending k; a null mean (no query with a value) leaves a gap. */
  points: { k: number; mean: number | null }[];
}

const MARGIN = { top: 12, right: 16, bottom: 44, left: 52 } as const;
const HEIGHT = 280;
const kOf = (p: { k: number }) => p.k;

function JaccardChart({ width, series, ks, svgRef }: {
  width: number;
  series: readonly JaccardSeries[];
  ks: readonly number[];
  svgRef: React.RefObject<SVGSVGElement | null>;
}) {
  const innerWidth = Math.max(0, width - MARGIN.left - MARGIN.right);
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const { x, y } = useMemo(() => {
    const lo = ks[0] ?? 1;
    const hi = ks.at(-1) ?? 10;
    const top = Math.max(0.1, ...series.flatMap((s) => s.points.map((p) => p.mean ?? 0)));
    return {
      // A single k still gets a range around it.
      x: scaleLog().domain(lo === hi ? [lo / 2, hi * 2] : [lo, hi]).range([0, innerWidth]),
      y: scaleLinear().domain([0, Math.min(1, top * 1.1)]).range([innerHeight, 0]).nice(),
    };
  }, [ks, series, innerWidth, innerHeight]);
  const path = line<{ k: number; mean: number | null }>()
    .defined((p) => p.mean !== null)
    .x((p) => x(kOf(p)))
    .y((p) => y(p.mean ?? 0));
  return (
    <svg ref={svgRef} width={width} height={HEIGHT} role="img" className="text-zinc-700 dark:text-zinc-300"
      aria-label={`Mean Jaccard overlap of the two datasets' top-k documents against k (log scale, ${ks.map(formatCount).join(", ")}), one line per query group (${series.map((s) => s.label).join(", ")})`}>
      <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
        <AxisLeft scale={y} offset={0} ticks={5} />
        <text transform={`translate(${-MARGIN.left + 12},${innerHeight / 2}) rotate(-90)`} textAnchor="middle" fill="currentColor" fontSize={12}>
          mean Jaccard overlap
        </text>
        <g transform={`translate(0,${innerHeight})`} className="text-zinc-500" fontSize={11}>
          <line x1={0} x2={innerWidth} stroke="currentColor" />
          {ks.map((k) => (
            <g key={k} transform={`translate(${x(k)},0)`}>
              <line y2={5} stroke="currentColor" />
              <text y={16} textAnchor="middle" fill="currentColor">{formatCount(k)}</text>
            </g>
          ))}
          <text x={innerWidth / 2} y={34} textAnchor="middle" fill="currentColor" fontSize={12}>top-k documents (log scale)</text>
        </g>
        {series.map((s) => (
          <g key={s.key} color={groupColor(s.colorKey)}>
            <path d={path(s.points) ?? undefined} fill="none" stroke="currentColor" strokeWidth={2} />
            {s.points.map((p) => (p.mean === null ? null : (
              <circle key={p.k} cx={x(p.k)} cy={y(p.mean)} r={3.5} fill="currentColor">
                <title>{`${s.label}, k = ${formatCount(p.k)}: ${formatStat(p.mean)}`}</title>
              </circle>
            )))}
          </g>
        ))}
      </g>
    </svg>
  );
}

/**
 * Mean Jaccard overlap of two methods' top-k sets against k on a log axis, one line per
 * query group, with an HTML legend and the plotted numbers as a table.
 */
export function JaccardCurve({ name, title, dataset, series, ks }: { name: string; title: string; dataset: string; series: readonly JaccardSeries[]; ks: readonly number[] }) {
  const svgRef = useRef<SVGSVGElement>(null);
  const rows = useMemo(() => series.flatMap((s) => s.points.map((p) => ({ group: s.label, k: p.k, meanJaccard: p.mean }))), [series]);
  if (ks.length === 0) {
    return <p className="text-sm text-zinc-600 dark:text-zinc-400">Too few shared documents for any top-k overlap (k ≤ a tenth of them, smallest k 10).</p>;
  }
  return (
    <div>
      <ChartFrame height={HEIGHT}>{({ width }) => <JaccardChart width={width} series={series} ks={ks} svgRef={svgRef} />}</ChartFrame>
      <div className="mt-1 flex flex-wrap items-center justify-between gap-2 text-xs text-zinc-600 dark:text-zinc-400">
        <ul className="flex flex-wrap gap-3" aria-label="Groups">
          {series.map((s) => (
            <li key={s.key}>
              <span aria-hidden className="mr-1 inline-block h-0.5 w-4 align-middle" style={{ backgroundColor: groupColor(s.colorKey) }} />
              {s.label}
            </li>
          ))}
        </ul>
        <ExportButtons
          name={name}
          rows={rows}
          figure={{ ref: svgRef, title, dataset, legend: series.map((s) => ({ label: s.label, color: groupColor(s.colorKey) })) }}
        />
      </div>
      <details className="mt-1 text-sm">
        <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">Mean Jaccard by group and k as a table</summary>
        <table className="mt-2 text-sm tabular-nums" aria-label="Mean Jaccard overlap by group and k">
          <thead>
            <tr className="text-left text-zinc-500">
              <th className="pr-4 font-normal">group</th>
              {ks.map((k) => <th key={k} className="pr-4 font-normal">k = {formatCount(k)}</th>)}
            </tr>
          </thead>
          <tbody>
            {series.map((s) => (
              <tr key={s.key}>
                <td className="pr-4">{s.label}</td>
                {s.points.map((p) => <td key={p.k} className="pr-4">{formatStat(p.mean)}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}
