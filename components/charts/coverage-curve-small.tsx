"use client";

import * as d3 from "d3";
import { useMemo, useRef } from "react";
import { TAIL_COLORS } from "@/components/palette";
import { ExportButtons } from "@/components/ui/export-buttons";
import { formatCount, formatStat } from "@/lib/format";
import { AxisBottom, AxisLeft } from "./axis";
import { ChartFrame } from "./chart-frame";

export interface CoveragePoint {
  /** Top-k percentile of the tail's documents (0.2 … 100). */
  percentile: number;
  /** Percentage (0–100) of the tail's total influence held by those documents. */
  share: number;
  /** Documents in that percentile. */
  count: number;
}

export interface CoverageSeries {
  tail: "positive" | "negative";
  points: CoveragePoint[];
}

const MARGIN = { top: 12, right: 16, bottom: 44, left: 52 };
const getPercentile = (p: CoveragePoint) => p.percentile;
const getShare = (p: CoveragePoint) => p.share;

/** Points of a coverage curve sorted by percentile and limited to `maxPercentile` (the paper's figure stops at 5). */
export function coverageCurve(points: readonly CoveragePoint[], maxPercentile = 100): CoveragePoint[] {
  return points.filter((p) => p.percentile <= maxPercentile).sort((a, b) => a.percentile - b.percentile);
}

function CoverageChart({ series, width, height, svgRef }: { series: CoverageSeries[]; width: number; height: number; svgRef: React.RefObject<SVGSVGElement | null> }) {
  const innerWidth = Math.max(0, width - MARGIN.left - MARGIN.right);
  const innerHeight = Math.max(0, height - MARGIN.top - MARGIN.bottom);
  const { x, y, paths } = useMemo(() => {
    const all = series.flatMap((s) => s.points);
    const x = d3.scaleLog().domain([d3.min(all, getPercentile) ?? 0.2, d3.max(all, getPercentile) ?? 100]).range([0, innerWidth]);
    const y = d3.scaleLinear().domain([0, 100]).range([innerHeight, 0]);
    const line = d3.line<CoveragePoint>().x((p) => x(getPercentile(p))).y((p) => y(getShare(p)));
    return { x, y, paths: series.map((s) => ({ tail: s.tail, d: line(s.points) ?? "" })) };
  }, [series, innerWidth, innerHeight]);
  return (
    <svg ref={svgRef} width={width} height={height} role="img" className="text-zinc-700 dark:text-zinc-300"
      aria-label={`Coverage curve: share of total influence held by the top percent of documents, ${series.map((s) => s.tail).join(" and ")} tail`}>
      <g transform={`translate(0,${MARGIN.top})`}>
        <AxisLeft scale={y} offset={MARGIN.left} label="% of total influence" ticks={5} />
      </g>
      <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
        <AxisBottom scale={x} offset={innerHeight} label="top-k percentile of documents (log)" ticks={5} format={(v) => ([0.2, 1, 5, 10, 100].includes(v) ? String(v) : "")} />
        {paths.map((p) => <path key={p.tail} d={p.d} fill="none" stroke={TAIL_COLORS[p.tail]} strokeWidth={1.5} />)}
        {series.map((s) => s.points.map((p) => (
          <circle key={`${s.tail}-${p.percentile}`} cx={x(p.percentile)} cy={y(p.share)} r={2.5} fill={TAIL_COLORS[s.tail]} />
        )))}
      </g>
    </svg>
  );
}

/** A single query's coverage curve(s): percentile of documents (log x) against share of the tail's influence. */
export function CoverageCurveSmall({ series, name, title, dataset }: { series: CoverageSeries[]; name: string; title: string; dataset: string }) {
  const svgRef = useRef<SVGSVGElement>(null);
  const shown = useMemo(() => series.filter((s) => s.points.length > 0), [series]);
  const rows = useMemo(() => shown.flatMap((s) => s.points.map((p) => ({ tail: s.tail, percentile: p.percentile, count: p.count, share: p.share }))), [shown]);
  if (shown.length === 0) return <p className="text-sm text-zinc-500">No coverage rows for this query.</p>;
  return (
    <div>
      <ChartFrame height={240}>{({ width, height }) => <CoverageChart series={shown} width={width} height={height} svgRef={svgRef} />}</ChartFrame>
      <div className="mt-1 flex flex-wrap items-center justify-between gap-2 text-xs text-zinc-600 dark:text-zinc-400">
        <span className="flex gap-3">
          {shown.map((s) => (
            <span key={s.tail}>
              <span aria-hidden className="mr-1 inline-block size-2 rounded-full" style={{ backgroundColor: TAIL_COLORS[s.tail] }} />
              {s.tail} tail
            </span>
          ))}
        </span>
        <ExportButtons
          name={name}
          rows={rows}
          figure={{ ref: svgRef, title, dataset, legend: shown.map((s) => ({ label: `${s.tail} tail`, color: TAIL_COLORS[s.tail] })) }}
        />
      </div>
      <details className="mt-1 text-xs">
        <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">Plotted numbers</summary>
        <table className="w-full text-left tabular-nums">
          <caption className="sr-only">Coverage by percentile</caption>
          <thead><tr><th scope="col">Tail</th><th scope="col">Top %</th><th scope="col">Documents</th><th scope="col">Share %</th></tr></thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.tail}-${r.percentile}`}><td>{r.tail}</td><td>{r.percentile}</td><td>{formatCount(r.count)}</td><td>{formatStat(r.share, 1)}</td></tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}
