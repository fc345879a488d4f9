"use client";

import { area, line, scaleLinear, scaleLog, type ScaleLinear, type ScaleLogarithmic } from "d3";
import { useMemo, useRef, type RefObject } from "react";
import { AxisBottom, AxisLeft } from "@/components/charts/axis";
import { ChartFrame } from "@/components/charts/chart-frame";
import { ExportButtons } from "@/components/ui/export-buttons";
import { formatStat } from "@/lib/format";
import { COVERAGE_X_DOMAIN } from "./scales";

export interface CoverageDatum {
  /** Top-p percent of positive documents. */
  percentile: number;
  /** Percent of total positive influence (mean across queries). */
  mean: number;
  /** Sample std across queries; null for one query. */
  std: number | null;
}

const MARGIN = { top: 12, right: 16, bottom: 44, left: 52 };
const HEIGHT = 240;
const LABELLED = new Set([0.2, 0.5, 1, 2, 5, 10, 20]);

const xOf = (d: CoverageDatum) => d.percentile;
const lowOf = (d: CoverageDatum) => Math.max(0, d.mean - (d.std ?? 0));
const highOf = (d: CoverageDatum) => Math.min(100, d.mean + (d.std ?? 0));

function CoverageChart({
  width, height, points, yMax, color, label, svgRef,
}: {
  width: number; height: number; points: CoverageDatum[]; yMax: number; color: string; label: string;
  svgRef: RefObject<SVGSVGElement | null>;
}) {
  const { x, y } = useMemo(() => {
    const x: ScaleLogarithmic<number, number> = scaleLog().domain(COVERAGE_X_DOMAIN).range([MARGIN.left, width - MARGIN.right]);
    const y: ScaleLinear<number, number> = scaleLinear().domain([0, yMax]).range([height - MARGIN.bottom, MARGIN.top]).nice();
    return { x, y };
  }, [width, height, yMax]);
  const shown = points.filter((d) => d.percentile >= COVERAGE_X_DOMAIN[0] && d.percentile <= COVERAGE_X_DOMAIN[1]);
  const band = area<CoverageDatum>().x((d) => x(xOf(d))).y0((d) => y(lowOf(d))).y1((d) => y(highOf(d)))(shown) ?? "";
  const path = line<CoverageDatum>().x((d) => x(xOf(d))).y((d) => y(d.mean))(shown) ?? "";
  return (
    <svg ref={svgRef} width={width} height={height} role="img" aria-label={label}>
      <path d={band} fill={color} opacity={0.18} />
      <path d={path} fill="none" stroke={color} strokeWidth={2} />
      {shown.map((d) => (
        <circle key={d.percentile} cx={x(xOf(d))} cy={y(d.mean)} r={3} fill={color} />
      ))}
      <AxisBottom scale={x} offset={height - MARGIN.bottom} label="top-k percent of positive documents (log)" format={(v) => (LABELLED.has(+v.toPrecision(3)) ? `${v}` : "")} />
      <AxisLeft scale={y} offset={MARGIN.left} label="% of positive influence" />
    </svg>
  );
}

/**
 * One side's coverage curve (mean with a ±1 std band when several queries), on axes
 * shared with the other side so the two read against each other.
 */
export function CoveragePanel({ name, title, points, yMax, color }: { name: string; title: string; points: CoverageDatum[]; yMax: number; color: string }) {
  const svgRef = useRef<SVGSVGElement>(null);
  const several = points.some((p) => p.std !== null);
  if (points.length === 0) {
    return <p className="rounded border border-dashed border-zinc-300 p-4 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">No coverage curve: no query of this selection has positive scores.</p>;
  }
  const label = `Coverage curve of ${title}: percent of total positive influence held by the top-k percent of positive documents, k from 0.2 to 20${several ? ", mean with a band of one standard deviation across queries" : ""}.`;
  return (
    <div>
      <ChartFrame height={HEIGHT}>
        {({ width, height }) => <CoverageChart width={width} height={height} points={points} yMax={yMax} color={color} label={label} svgRef={svgRef} />}
      </ChartFrame>
      <div className="mt-1 flex flex-wrap items-center justify-between gap-2">
        <details className="text-sm">
          <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">Plotted numbers</summary>
          <table className="mt-1 text-xs tabular-nums">
            <caption className="sr-only">Coverage of {title}</caption>
            <thead>
              <tr><th scope="col" className="pr-3 text-left">top %</th><th scope="col" className="pr-3 text-right">mean %</th><th scope="col" className="text-right">std</th></tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.percentile}>
                  <td className="pr-3">{p.percentile}</td>
                  <td className="pr-3 text-right">{formatStat(p.mean, 2)}</td>
                  <td className="text-right">{formatStat(p.std, 2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
        <ExportButtons
          name={name}
          rows={points.map((p) => ({ percentile: p.percentile, mean: p.mean, std: p.std }))}
          figure={{ ref: svgRef, title: `Coverage of positive influence: ${title}`, dataset: title, legend: [{ label: several ? `${title}: mean ± 1 std across queries` : title, color }] }}
        />
      </div>
    </div>
  );
}
