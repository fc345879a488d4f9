"use client";

import { scaleBand, scaleLinear } from "d3";
import { useMemo, useRef, useState } from "react";
import { groupColor } from "@/components/palette";
import { ExportButtons } from "@/components/ui/export-buttons";
import { formatStat } from "@/lib/format";
import { AxisBottom } from "./axis";
import { ChartFrame } from "./chart-frame";
import { jitter } from "./strip-plot";

/** A row of the strip plot: one query group. */
export interface StripGroup {
  key: string;
  label: string;
  /** components/palette.ts groupColor key. */
  colorKey: string;
  /** Mean of the group's values (drawn as a tick); null when none. */
  mean: number | null;
}

/** One query's value in one group's row. */
export interface StripValue {
  queryId: string;
  groupKey: string;
  /** A correlation in [-1, 1]; null (undefined) values are not drawn. */
  value: number | null;
}

const MARGIN = { top: 8, right: 16, bottom: 44, left: 130 } as const;
const ROW_HEIGHT = 30;
/** A correlation's full range: the axis never rescales, so two plots compare by eye. */
const DOMAIN: [number, number] = [-1, 1];

interface Hover {
  point: StripValue;
  x: number;
  y: number;
}

function StripChart({ width, groups, values, metric, svgRef, onHover }: {
  width: number;
  groups: readonly StripGroup[];
  values: readonly StripValue[];
  metric: string;
  svgRef: React.RefObject<SVGSVGElement | null>;
  onHover: (hover: Hover | null) => void;
}) {
  const innerWidth = Math.max(0, width - MARGIN.left - MARGIN.right);
  const innerHeight = groups.length * ROW_HEIGHT;
  const { x, y } = useMemo(
    () => ({
      x: scaleLinear().domain(DOMAIN).range([0, innerWidth]),
      y: scaleBand().domain(groups.map((g) => g.key)).range([0, innerHeight]).padding(0.15),
    }),
    [groups, innerWidth, innerHeight],
  );
  const colorOf = new Map(groups.map((g) => [g.key, groupColor(g.colorKey)]));
  return (
    <svg ref={svgRef} width={width} height={innerHeight + MARGIN.top + MARGIN.bottom} role="img" className="text-zinc-700 dark:text-zinc-300"
      aria-label={`Strip plot of each shared query's ${metric} between the two datasets, one row per query group (${groups.map((g) => g.label).join(", ")}), x from -1 to 1, the group mean as a vertical bar`}>
      <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
        {groups.map((g) => (
          <g key={g.key} transform={`translate(0,${y(g.key) ?? 0})`}>
            <rect width={innerWidth} height={y.bandwidth()} className="fill-zinc-100 dark:fill-zinc-900" />
            <text x={-8} y={y.bandwidth() / 2} dy="0.32em" textAnchor="end" fontSize={12} fill="currentColor">{g.label}</text>
            {g.mean !== null ? (
              <line x1={x(g.mean)} x2={x(g.mean)} y1={-2} y2={y.bandwidth() + 2} stroke="currentColor" strokeWidth={2.5} />
            ) : null}
          </g>
        ))}
        <line x1={x(0)} x2={x(0)} y1={0} y2={innerHeight} stroke="currentColor" strokeOpacity={0.3} strokeDasharray="3 3" />
        <AxisBottom scale={x} offset={innerHeight} label={metric} ticks={8} format={(v) => v.toFixed(2).replace(/\.?0+$/, "") || "0"} />
        {values.map((p) => {
          if (p.value === null) return null;
          const cx = x(p.value);
          const cy = (y(p.groupKey) ?? 0) + y.bandwidth() / 2 + jitter(p.queryId) * y.bandwidth() * 0.7;
          return (
            <circle key={`${p.groupKey}:${p.queryId}`} cx={cx} cy={cy} r={3.5} fill={colorOf.get(p.groupKey)} fillOpacity={0.75}
              stroke="white" strokeWidth={0.5}
              onMouseEnter={() => onHover({ point: p, x: MARGIN.left + cx, y: MARGIN.top + cy })}
              onMouseLeave={() => onHover(null)} />
          );
        })}
      </g>
    </svg>
  );
}

/**
 * The distribution of a per-query correlation (Pearson or Spearman between two
 * datasets) by query group: one row per group, a dot per query, the group mean as a bar,
 * on a fixed -1..1 axis; hover names the query; the plotted numbers below as a table.
 */
export function AgreementStrip({ name, title, dataset, metric, groups, values }: {
  /** Export file stem. */
  name: string;
  /** Title and dataset of the exported figure. */
  title: string;
  dataset: string;
  /** "Pearson r" or "Spearman ρ": the axis label. */
  metric: string;
  groups: readonly StripGroup[];
  values: readonly StripValue[];
}) {
  const svgRef = useRef<SVGSVGElement>(null);
  const [hover, setHover] = useState<Hover | null>(null);
  const height = groups.length * ROW_HEIGHT + MARGIN.top + MARGIN.bottom;
  const rows = useMemo(
    () => values.map((v) => ({ group: groups.find((g) => g.key === v.groupKey)?.label ?? v.groupKey, queryId: v.queryId, value: v.value })),
    [groups, values],
  );
  return (
    <div>
      <div className="relative">
        <ChartFrame height={height}>
          {({ width }) => <StripChart width={width} groups={groups} values={values} metric={metric} svgRef={svgRef} onHover={setHover} />}
        </ChartFrame>
        {hover ? (
          <div role="tooltip" className="pointer-events-none absolute z-10 -translate-x-1/2 -translate-y-full rounded border border-zinc-200 bg-white px-2 py-1 text-xs shadow dark:border-zinc-700 dark:bg-zinc-900"
            style={{ left: hover.x, top: hover.y - 8 }}>
            <div className="font-medium">query {hover.point.queryId}</div>
            <div>{metric} {formatStat(hover.point.value)}</div>
          </div>
        ) : null}
      </div>
      <div className="mt-1 flex justify-end">
        <ExportButtons
          name={name}
          rows={rows}
          figure={{ ref: svgRef, title, dataset, legend: groups.map((g) => ({ label: g.label, color: groupColor(g.colorKey), mark: "dot" as const })) }}
        />
      </div>
      <details className="mt-1 text-sm">
        <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">{metric} by group as a table</summary>
        <table className="mt-2 text-sm tabular-nums" aria-label={`${metric} by group`}>
          <thead>
            <tr className="text-left text-zinc-500"><th className="pr-4 font-normal">group</th><th className="pr-4 font-normal">queries</th><th className="pr-4 font-normal">mean</th><th className="font-normal">min … max</th></tr>
          </thead>
          <tbody>
            {groups.map((g) => {
              const own = values.filter((v) => v.groupKey === g.key && v.value !== null).map((v) => v.value!);
              return (
                <tr key={g.key}>
                  <td className="pr-4">{g.label}</td>
                  <td className="pr-4">{own.length}</td>
                  <td className="pr-4">{formatStat(g.mean)}</td>
                  <td>{own.length ? `${formatStat(Math.min(...own))} … ${formatStat(Math.max(...own))}` : "–"}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </details>
    </div>
  );
}
