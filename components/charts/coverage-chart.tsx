import { area, extent, line, max, scaleLinear, scaleLog, type ScaleContinuousNumeric } from "d3";
import { useId, useMemo, type Ref } from "react";
import { COVERAGE_PERCENTILES } from "@/lib/domain/ks";
import { AxisBottom, AxisLeft } from "./axis";

/** One point of a group's coverage curve. */
export interface CoverageDatum {
  /** Top-k percentile of the query's tail documents (0.2 … 100). */
  percentile: number;
  /** Mean number of documents that percentile covers (mean of ceil(p·n/100) over the queries). */
  meanCount: number;
  /** Mean across queries: % of the tail's total influence, or summed |influence| per nat. */
  mean: number;
  /** Sample std across queries; null with fewer than two queries. */
  std: number | null;
  /** Queries averaged. */
  n: number;
}

export interface CoverageSeries {
  key: string;
  label: string;
  color: string;
  /** Dashed line (control groups). */
  dashed?: boolean;
  points: CoverageDatum[];
}

export type CoverageXMode = "percentile" | "count";

/** Where a point sits on the x axis: its percentile, or the mean document count behind it. */
export function coverageX(point: CoverageDatum, mode: CoverageXMode): number {
  return mode === "percentile" ? point.percentile : point.meanCount;
}

/** Points that can be drawn on a log x axis (x > 0 and finite), sorted by x. */
export function plottablePoints(points: readonly CoverageDatum[], mode: CoverageXMode): CoverageDatum[] {
  return points
    .filter((p) => {
      const x = coverageX(p, mode);
      return Number.isFinite(x) && x > 0 && Number.isFinite(p.mean);
    })
    .sort((a, b) => coverageX(a, mode) - coverageX(b, mode));
}

/** The x extent over every series (log axis: strictly positive); [1, 10] when there is nothing. */
export function coverageXDomain(series: readonly CoverageSeries[], mode: CoverageXMode): [number, number] {
  const xs = series.flatMap((s) => plottablePoints(s.points, mode).map((p) => coverageX(p, mode)));
  const [lo, hi] = extent(xs);
  if (lo === undefined || hi === undefined) return [1, 10];
  // A single distinct x (e.g. every percentile covers one document): widen so the log scale has a span.
  return lo === hi ? [lo / 2, hi * 2] : [lo, hi];
}

/**
 * The y extent: from 0 (shares and summed magnitudes are never negative; a band's
 * mean − std below 0 is clipped) to the largest mean + std, capped at 100 for
 * percentages; [0, 1] when there is nothing to show.
 */
export function coverageYDomain(series: readonly CoverageSeries[], mode: CoverageXMode, percent: boolean): [number, number] {
  const top = max(series.flatMap((s) => plottablePoints(s.points, mode).map((p) => p.mean + (p.std ?? 0)))) ?? 0;
  const hi = percent ? Math.min(100, top) : top;
  return [0, hi > 0 ? hi : 1];
}

type Scale = ScaleContinuousNumeric<number, number>;

/**
 * SVG path of the mean ± std band (a closed polygon, upper edge left to right then
 * lower edge back); null when fewer than one point. Points without a std get zero width.
 */
export function bandPath(points: readonly CoverageDatum[], mode: CoverageXMode, x: Scale, y: Scale): string | null {
  const drawable = plottablePoints(points, mode);
  if (drawable.length === 0) return null;
  return (
    area<CoverageDatum>()
      .x((p) => x(coverageX(p, mode)))
      .y0((p) => y(p.mean - (p.std ?? 0)))
      .y1((p) => y(p.mean + (p.std ?? 0)))(drawable) ?? null
  );
}

/** SVG path of the mean line through the plottable points; null when none. */
export function meanPath(points: readonly CoverageDatum[], mode: CoverageXMode, x: Scale, y: Scale): string | null {
  const drawable = plottablePoints(points, mode);
  if (drawable.length === 0) return null;
  return line<CoverageDatum>().x((p) => x(coverageX(p, mode))).y((p) => y(p.mean))(drawable) ?? null;
}

/** The percentiles labelled on a percentile axis (the ingest's grid). */

const MARGIN = { top: 12, right: 16, bottom: 44, left: 60 };

export interface CoverageChartProps {
  width: number;
  height: number;
  series: CoverageSeries[];
  xMode: CoverageXMode;
  /** True: y is % of total influence (0–100); false: summed |influence| per nat (raw units). */
  percent: boolean;
  xLabel: string;
  yLabel: string;
  ariaLabel: string;
  svgRef?: Ref<SVGSVGElement>;
}

/** Coverage curves: mean per group with markers and a shaded mean ± std band, log x axis. */
export function CoverageChart({ width, height, series, xMode, percent, xLabel, yLabel, ariaLabel, svgRef }: CoverageChartProps) {
  const clipId = useId().replace(/:/g, "");
  const innerWidth = Math.max(0, width - MARGIN.left - MARGIN.right);
  const innerHeight = Math.max(0, height - MARGIN.top - MARGIN.bottom);
  const x = useMemo(
    () => scaleLog().domain(coverageXDomain(series, xMode)).range([MARGIN.left, MARGIN.left + innerWidth]),
    [series, xMode, innerWidth],
  );
  const y = useMemo(
    () => scaleLinear().domain(coverageYDomain(series, xMode, percent)).nice().range([MARGIN.top + innerHeight, MARGIN.top]),
    [series, xMode, percent, innerHeight],
  );
  if (innerWidth <= 0 || innerHeight <= 0) return null;

  const tickSet = new Set<number>(COVERAGE_PERCENTILES);
  const xFormat =
    xMode === "percentile"
      ? (v: number) => (tickSet.has(Number(v.toPrecision(6))) ? String(Number(v.toPrecision(6))) : "")
      : x.tickFormat(8, "~s");
  const perNatFormat = y.tickFormat(5, "~e");
  const yFormat = percent ? (v: number) => `${v}%` : (v: number) => (v === 0 ? "0" : perNatFormat(v));

  return (
    <svg ref={svgRef} width={width} height={height} role="img" aria-label={ariaLabel}>
      <defs>
        <clipPath id={clipId}>
          <rect x={MARGIN.left} y={MARGIN.top} width={innerWidth} height={innerHeight} />
        </clipPath>
      </defs>
      <g className="text-zinc-200 dark:text-zinc-800">
        {y.ticks(5).map((t) => (
          <line key={t} x1={MARGIN.left} x2={MARGIN.left + innerWidth} y1={y(t)} y2={y(t)} stroke="currentColor" />
        ))}
      </g>
      <g clipPath={`url(#${clipId})`}>
        {series.map((s) => {
          const d = bandPath(s.points, xMode, x, y);
          return d ? <path key={`band-${s.key}`} d={d} fill={s.color} fillOpacity={0.15} stroke="none" /> : null;
        })}
        {series.map((s) => {
          const d = meanPath(s.points, xMode, x, y);
          return d ? (
            <path key={`line-${s.key}`} d={d} fill="none" stroke={s.color} strokeWidth={2} strokeDasharray={s.dashed ? "5 3" : undefined} />
          ) : null;
        })}
      </g>
      {series.map((s) => (
        <g key={`marks-${s.key}`} fill={s.color}>
          {plottablePoints(s.points, xMode).map((p) => (
            <circle key={p.percentile} cx={x(coverageX(p, xMode))} cy={y(p.mean)} r={3.5} stroke="white" strokeWidth={1}>
              <title>
                {`${s.label}, top ${p.percentile}% (≈ ${p.meanCount.toFixed(1)} documents): ${
                  percent ? `${p.mean.toFixed(2)}%` : p.mean.toExponential(3)
                }${p.std !== null ? ` ± ${percent ? p.std.toFixed(2) : p.std.toExponential(2)}` : ""} over ${p.n} queries`}
              </title>
            </circle>
          ))}
        </g>
      ))}
      <AxisBottom scale={x} offset={MARGIN.top + innerHeight} label={xLabel} ticks={8} format={xFormat} />
      <AxisLeft scale={y} offset={MARGIN.left} label={yLabel} ticks={5} format={yFormat} />
    </svg>
  );
}
