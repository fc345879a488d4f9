"use client";

import { scaleBand, scaleLog } from "d3";
import { useMemo, useRef, type RefObject } from "react";
import { AxisBottom, AxisLeft } from "@/components/charts/axis";
import { ChartFrame } from "@/components/charts/chart-frame";
import { ExportButtons } from "@/components/ui/export-buttons";
import { sourceColor } from "@/components/palette";
import { formatCount, formatStat } from "@/lib/format";

export interface SourceDatum {
  source: string;
  count: number;
  /** Share among the pooled top-k over share of the corpus. */
  multiplier: number;
}

const MARGIN = { top: 8, right: 16, bottom: 40, left: 124 };
const ROW = 22;

function SourcesChart({
  width, height, rows, order, domain, label, svgRef,
}: {
  width: number; height: number; rows: SourceDatum[]; order: string[]; domain: [number, number]; label: string;
  svgRef: RefObject<SVGSVGElement | null>;
}) {
  const { x, y } = useMemo(
    () => ({
      x: scaleLog().domain(domain).range([MARGIN.left, width - MARGIN.right]).clamp(true),
      y: scaleBand<string>().domain(order).range([MARGIN.top, height - MARGIN.bottom]).padding(0.3),
    }),
    [width, height, order, domain],
  );
  const bySource = new Map(rows.map((r) => [r.source, r]));
  const one = x(1);
  return (
    <svg ref={svgRef} width={width} height={height} role="img" aria-label={label}>
      {order.map((source) => {
        const row = bySource.get(source);
        if (!row) return null;
        const cy = (y(source) ?? 0) + y.bandwidth() / 2;
        const cx = x(row.multiplier > 0 ? row.multiplier : domain[0]);
        return (
          <g key={source}>
            <line x1={one} x2={cx} y1={cy} y2={cy} stroke={sourceColor(source)} strokeWidth={3} />
            <circle cx={cx} cy={cy} r={4.5} fill={row.multiplier > 0 ? sourceColor(source) : "none"} stroke={sourceColor(source)} strokeWidth={1.5} />
          </g>
        );
      })}
      <line x1={one} x2={one} y1={MARGIN.top} y2={height - MARGIN.bottom} stroke="currentColor" strokeWidth={1.5} />
      <AxisBottom scale={x} offset={height - MARGIN.bottom} label="multiplier (log; 1 = corpus share)" format={(v) => (Number.isInteger(Math.log10(v)) ? String(v) : "")} />
      <AxisLeft scale={y} offset={MARGIN.left} />
    </svg>
  );
}

/**
 * One side's source multipliers at the smallest k, rows in an order and on a log scale
 * shared with the other side. A hollow dot at the left edge is a source absent from the top k.
 */
export function SourcesPanel({
  name, title, k, rows, order, domain, note,
}: {
  name: string; title: string; k: number | null; rows: SourceDatum[]; order: string[]; domain: [number, number]; note: string | null;
}) {
  const svgRef = useRef<SVGSVGElement>(null);
  if (k === null || rows.length === 0) {
    return <p className="rounded border border-dashed border-zinc-300 p-4 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">{note ?? "No source multipliers stored for this selection."}</p>;
  }
  const label = `Source multipliers among the top ${k} documents of ${title}, log scale, with a line at 1 for the corpus share: ${rows
    .map((r) => `${r.source} ${formatStat(r.multiplier, 2)}`)
    .join(", ")}.`;
  const height = order.length * ROW + MARGIN.top + MARGIN.bottom;
  return (
    <div>
      <ChartFrame height={height}>
        {({ width, height: h }) => <SourcesChart width={width} height={h} rows={rows} order={order} domain={domain} label={label} svgRef={svgRef} />}
      </ChartFrame>
      <div className="mt-1 flex flex-wrap items-center justify-between gap-2">
        <details className="text-sm">
          <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">Plotted numbers</summary>
          <table className="mt-1 text-xs tabular-nums">
            <caption className="sr-only">Source multipliers at k = {k} for {title}</caption>
            <thead>
              <tr><th scope="col" className="pr-3 text-left">source</th><th scope="col" className="pr-3 text-right">documents</th><th scope="col" className="text-right">multiplier</th></tr>
            </thead>
            <tbody>
              {order.flatMap((source) => {
                const r = rows.find((row) => row.source === source);
                return r ? [
                  <tr key={source}>
                    <td className="pr-3">{source}</td>
                    <td className="pr-3 text-right">{formatCount(r.count)}</td>
                    <td className="text-right">{formatStat(r.multiplier, 2)}</td>
                  </tr>,
                ] : [];
              })}
            </tbody>
          </table>
        </details>
        <ExportButtons
          name={name}
          rows={rows.map((r) => ({ k, ...r }))}
          figure={{
            ref: svgRef,
            title: `Source multipliers among the top ${k} documents: ${title}`,
            dataset: title,
            legend: order.map((source) => ({ label: source, color: sourceColor(source), mark: "dot" as const })),
          }}
        />
      </div>
    </div>
  );
}
