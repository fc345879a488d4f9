"use client";

import { scaleLinear } from "d3";
import { useMemo, type Ref } from "react";
import { AxisBottom } from "./axis";

/** One bar: a category (e.g. a query group) and a series within it (e.g. "correct"). */
export interface BarDatum {
  category: string;
  /** Shown as the heading of the category's bars. */
  categoryLabel: string;
  /** Shown left of the bar. */
  series: string;
  /** Bar length in the x domain's units; null draws no bar and `valueLabel` alone. */
  value: number | null;
  color: string;
  /** Fill opacity (0..1), to tell series apart within one colour. */
  opacity?: number;
  /** Text at the end of the bar, e.g. "55% (19 of 34)". */
  valueLabel: string;
}

export interface BarChartProps {
  width: number;
  /** Use `barChartHeight` so every bar gets its row. */
  height: number;
  data: readonly BarDatum[];
  /** x domain in the values' units, e.g. [0, 100] for percentages. */
  domain: readonly [number, number];
  xLabel: string;
  formatTick?: (value: number) => string;
  /** Accessible name of the svg. */
  label: string;
  svgRef?: Ref<SVGSVGElement>;
}

const MARGIN = { top: 4, right: 120, bottom: 40, left: 84 } as const;
const HEADER = 18;
const ROW = 18;
const BAR = 13;
const GAP = 8;

/** Categories in first-seen order with their bars. */
function byCategory(data: readonly BarDatum[]) {
  const groups = new Map<string, BarDatum[]>();
  for (const d of data) groups.set(d.category, [...(groups.get(d.category) ?? []), d]);
  return [...groups.values()];
}

/** The height that gives each category a heading row and each bar its own row. */
export function barChartHeight(data: readonly BarDatum[]): number {
  const categories = byCategory(data);
  return MARGIN.top + MARGIN.bottom + categories.reduce((h, bars) => h + HEADER + bars.length * ROW + GAP, 0);
}

/**
 * Horizontal bars grouped by category (a heading per category, one row per series),
 * with the value written at each bar's end.
 */
export function BarChart({ width, height, data, domain, xLabel, formatTick, label, svgRef }: BarChartProps) {
  const innerWidth = Math.max(0, width - MARGIN.left - MARGIN.right);
  const x = useMemo(() => scaleLinear().domain(domain).range([MARGIN.left, MARGIN.left + innerWidth]), [domain, innerWidth]);
  const layout = useMemo(() => {
    const categories = byCategory(data);
    // Each category's heading sits below every earlier category's heading and rows.
    const headers = categories.map((_, c) => MARGIN.top + categories.slice(0, c).reduce((y, bars) => y + HEADER + bars.length * ROW + GAP, 0));
    return categories.map((bars, c) => ({ header: headers[c]!, bars: bars.map((bar, i) => ({ bar, y: headers[c]! + HEADER + i * ROW })) }));
  }, [data]);
  if (width <= 0 || innerWidth <= 0) return null;
  const axisY = height - MARGIN.bottom;

  return (
    <svg ref={svgRef} width={width} height={height} role="img" aria-label={label} className="block text-zinc-900 dark:text-zinc-100">
      {x.ticks(5).map((t) => (
        <line key={t} x1={x(t)} x2={x(t)} y1={MARGIN.top} y2={axisY} stroke="currentColor" strokeOpacity={0.1} />
      ))}
      {layout.map(({ header, bars }) => (
        <g key={bars[0]!.bar.category}>
          <text x={4} y={header + 13} fontSize={12} fontWeight={600} fill="currentColor">
            {bars[0]!.bar.categoryLabel}
          </text>
          {bars.map(({ bar, y }) => {
            const end = bar.value === null ? x(domain[0]) : x(Math.max(domain[0], Math.min(domain[1], bar.value)));
            return (
              <g key={bar.series}>
                <text x={MARGIN.left - 6} y={y + BAR / 2} dy="0.32em" textAnchor="end" fontSize={11} fill="currentColor" opacity={0.7}>
                  {bar.series}
                </text>
                {bar.value === null ? null : (
                  <rect x={x(domain[0])} y={y} width={Math.max(0, end - x(domain[0]))} height={BAR} fill={bar.color} fillOpacity={bar.opacity ?? 1} stroke={bar.color} />
                )}
                <text x={end + 5} y={y + BAR / 2} dy="0.32em" fontSize={11} fill="currentColor">
                  {bar.valueLabel}
                </text>
              </g>
            );
          })}
        </g>
      ))}
      <AxisBottom scale={x} offset={axisY} label={xLabel} ticks={5} format={formatTick} />
    </svg>
  );
}
