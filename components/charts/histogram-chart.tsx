import { max, scaleLinear, type ScaleContinuousNumeric } from "d3";
import { useMemo, type Ref } from "react";
import { AxisBottom, AxisLeft } from "./axis";

/** One bin of a log10 |score| histogram, its count already turned into a share. */
export interface HistogramBin {
  /** Bin edges on log10 |score|. */
  lower: number;
  upper: number;
  count: number;
  /** Percentage of the group's scores (of this sign) falling in the bin. */
  share: number;
}

export interface HistogramSeries {
  key: string;
  label: string;
  color: string;
  dashed?: boolean;
  bins: HistogramBin[];
}

/**
 * Turns raw bin counts into percentages of their total, so groups of different sizes
 * compare; every share is 0 when the total is 0.
 */
export function normaliseBins(bins: readonly { lower: number; upper: number; count: number }[]): HistogramBin[] {
  const total = bins.reduce((sum, b) => sum + b.count, 0);
  return [...bins]
    .sort((a, b) => a.lower - b.lower)
    .map((b) => ({ lower: b.lower, upper: b.upper, count: b.count, share: total > 0 ? (100 * b.count) / total : 0 }));
}

/**
 * Drops the leading and trailing bins that are empty in every series (the bins are
 * shared with groups not shown), keeping the series aligned bin for bin.
 */
export function trimEmptyEdges(series: readonly HistogramSeries[]): HistogramSeries[] {
  const length = Math.max(0, ...series.map((s) => s.bins.length));
  const used = (i: number) => series.some((s) => (s.bins[i]?.count ?? 0) > 0);
  let first = 0;
  while (first < length && !used(first)) first++;
  let last = length - 1;
  while (last >= first && !used(last)) last--;
  return series.map((s) => ({ ...s, bins: s.bins.slice(first, last + 1) }));
}

type Scale = ScaleContinuousNumeric<number, number>;

/**
 * The outline of a histogram as one step path: from the baseline up at the first
 * bin's lower edge, across each bin's top, and back down at the last upper edge.
 * Null when there are no bins.
 */
export function stepPath(bins: readonly HistogramBin[], x: Scale, y: Scale): string | null {
  if (bins.length === 0) return null;
  const base = y(0);
  const parts = [`M${x(bins[0]!.lower)},${base}`];
  for (const b of bins) parts.push(`L${x(b.lower)},${y(b.share)}`, `L${x(b.upper)},${y(b.share)}`);
  parts.push(`L${x(bins[bins.length - 1]!.upper)},${base}`, "Z");
  return parts.join("");
}

/** Tick label for a log10 value: "1e-5" at whole decades, otherwise empty when decades fit, else the value. */
export function decadeLabel(log10Value: number, span: number): string {
  if (Math.abs(log10Value - Math.round(log10Value)) < 1e-9) return `1e${Math.round(log10Value)}`;
  return span >= 2 ? "" : (10 ** log10Value).toExponential(1).replace("e+", "e");
}

const MARGIN = { top: 12, right: 16, bottom: 44, left: 52 };

export interface HistogramChartProps {
  width: number;
  height: number;
  series: HistogramSeries[];
  xLabel: string;
  ariaLabel: string;
  svgRef?: Ref<SVGSVGElement>;
}

/** Overlaid step histograms of |score| on a log10 axis; y is % of each group's scores. */
export function HistogramChart({ width, height, series, xLabel, ariaLabel, svgRef }: HistogramChartProps) {
  const innerWidth = Math.max(0, width - MARGIN.left - MARGIN.right);
  const innerHeight = Math.max(0, height - MARGIN.top - MARGIN.bottom);
  const bins = useMemo(() => series.flatMap((s) => s.bins), [series]);
  const x = useMemo(() => {
    const lo = Math.min(...bins.map((b) => b.lower));
    const hi = Math.max(...bins.map((b) => b.upper));
    return scaleLinear()
      .domain(Number.isFinite(lo) && Number.isFinite(hi) && hi > lo ? [lo, hi] : [0, 1])
      .range([MARGIN.left, MARGIN.left + innerWidth]);
  }, [bins, innerWidth]);
  const y = useMemo(
    () => scaleLinear().domain([0, max(bins, (b) => b.share) || 1]).nice().range([MARGIN.top + innerHeight, MARGIN.top]),
    [bins, innerHeight],
  );
  if (innerWidth <= 0 || innerHeight <= 0) return null;
  const [lo, hi] = x.domain() as [number, number];

  return (
    <svg ref={svgRef} width={width} height={height} role="img" aria-label={ariaLabel}>
      <g className="text-zinc-200 dark:text-zinc-800">
        {y.ticks(4).map((t) => (
          <line key={t} x1={MARGIN.left} x2={MARGIN.left + innerWidth} y1={y(t)} y2={y(t)} stroke="currentColor" />
        ))}
      </g>
      {series.map((s) => {
        const d = stepPath(s.bins, x, y);
        return d ? (
          <path
            key={s.key}
            d={d}
            fill={s.color}
            fillOpacity={0.12}
            stroke={s.color}
            strokeWidth={1.5}
            strokeDasharray={s.dashed ? "5 3" : undefined}
          />
        ) : null;
      })}
      <AxisBottom scale={x} offset={MARGIN.top + innerHeight} label={xLabel} ticks={8} format={(v) => decadeLabel(v, hi - lo)} />
      <AxisLeft scale={y} offset={MARGIN.left} label="% of group's scores" ticks={4} format={(v) => `${v}%`} />
    </svg>
  );
}
