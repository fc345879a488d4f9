"use client";

import { scaleLog } from "d3";
import { useMemo, useState, type Ref } from "react";
import { sourceColor } from "@/components/palette";
import type { MultiplierPoint, MultiplierSeries } from "@/lib/data/views/concentration";
import { formatCount } from "@/lib/format";
import { AxisBottom, AxisLeft } from "./axis";
import { decadeTicks, dodgeOffsets, formatDecade, formatMultiplier, kDomain, lineSegments, placeMultiplier, spreadLabels } from "./multiplier-scale";

export interface MultiplierChartProps {
  width: number;
  height: number;
  series: readonly MultiplierSeries[];
  /** The k values on the x axis (log scale), ascending. */
  ks: readonly number[];
  /** y domain (log scale), multipliers; zeros are drawn at its floor. */
  yDomain: readonly [number, number];
  /** "top" or "bottom": names the x axis. */
  tail: "top" | "bottom";
  /** Accessible name of the svg (what the chart shows, in words). */
  label: string;
  /** A source to emphasise (the others fade), e.g. while its legend entry is hovered. */
  highlight?: string | null;
  svgRef?: Ref<SVGSVGElement>;
}

/** The right margin holds each line's name at its end (direct labels instead of a legend to look up). */
const MARGIN = { top: 12, right: 118, bottom: 44, left: 50 } as const;
const LABEL_GAP = 11;
const MARKER_RADIUS = 3.5;

const xOf = (p: MultiplierPoint) => p.k;

interface Hover {
  source: string;
  point: MultiplierPoint;
  x: number;
  y: number;
}

/**
 * Source multipliers against k on log-log axes, one line with markers per source and a
 * reference line at 1 (the corpus distribution). A multiplier of 0 has no place on a log
 * axis: it is drawn as an open marker on the floor and the tooltip says so. Each line is
 * named at its right end (labels spread so none overlap); hovering a line or its name
 * picks it out.
 */
export function MultiplierChart({ width, height, series, ks, yDomain, tail, label, highlight, svgRef }: MultiplierChartProps) {
  const [hover, setHover] = useState<Hover | null>(null);
  const [hoveredSource, setHoveredSource] = useState<string | null>(null);
  const emphasised = highlight ?? hoveredSource;
  const innerWidth = Math.max(0, width - MARGIN.left - MARGIN.right);
  const innerHeight = Math.max(0, height - MARGIN.top - MARGIN.bottom);

  const x = useMemo(() => scaleLog().domain(kDomain(ks)).range([MARGIN.left, MARGIN.left + innerWidth]), [ks, innerWidth]);
  const y = useMemo(() => scaleLog().domain(yDomain).range([MARGIN.top + innerHeight, MARGIN.top]), [yDomain, innerHeight]);
  // The shared axis draws scale.ticks(): here the available k and the decades, nothing in between.
  const xAxis = useMemo(() => Object.assign(x.copy(), { ticks: () => [...ks] }), [x, ks]);
  const yAxis = useMemo(() => Object.assign(y.copy(), { ticks: () => decadeTicks(yDomain) }), [y, yDomain]);

  // Zero markers at the same k are spread sideways so each stays visible.
  const zeroOffsets = useMemo(() => {
    const offsets = new Map<string, number>();
    for (const k of ks) {
      const zeros = series.filter((s) => s.points.some((p) => p.k === k && !(p.multiplier > 0)));
      dodgeOffsets(zeros.length).forEach((dx, i) => offsets.set(`${zeros[i]!.source}@${k}`, dx));
    }
    return offsets;
  }, [series, ks]);

  if (width <= 0 || innerWidth <= 0) return null;

  const position = (source: string, p: MultiplierPoint) => {
    const placed = placeMultiplier(p.multiplier, yDomain);
    return { cx: x(xOf(p)) + (placed.atFloor ? (zeroOffsets.get(`${source}@${p.k}`) ?? 0) : 0), cy: y(placed.value), atFloor: placed.atFloor };
  };
  const faded = (source: string) => (emphasised && emphasised !== source ? 0.15 : 1);
  // Each line's name at its last point, spread vertically so no two overlap.
  const ends = series.flatMap((s) => {
    const last = s.points[s.points.length - 1];
    return last ? [{ source: s.source, ...position(s.source, last) }] : [];
  });
  const labelYs = spreadLabels(ends.map((e) => e.cy), LABEL_GAP, [MARGIN.top, MARGIN.top + innerHeight]);
  const labelX = MARGIN.left + innerWidth + 14;

  return (
    <div className="relative" onMouseLeave={() => setHover(null)}>
      <svg ref={svgRef} width={width} height={height} role="img" aria-label={label} className="block overflow-visible text-zinc-900 dark:text-zinc-100">
        <AxisLeft scale={yAxis} offset={MARGIN.left} label="multiplier vs corpus" format={formatDecade} />
        <AxisBottom scale={xAxis} offset={MARGIN.top + innerHeight} label={`${tail}-k documents per query`} format={formatCount} />
        {/* The corpus distribution: a multiplier of 1. */}
        <line x1={MARGIN.left} x2={MARGIN.left + innerWidth} y1={y(1)} y2={y(1)} stroke="currentColor" strokeWidth={1.5} />
        {series.map((s) => (
          <g
            key={s.source}
            opacity={faded(s.source)}
            stroke={sourceColor(s.source)}
            onMouseEnter={() => setHoveredSource(s.source)}
            onMouseLeave={() => setHoveredSource(null)}
          >
            {/* A wide invisible stroke makes the thin line easy to hover. */}
            <polyline
              data-export="skip"
              points={s.points.map((p) => { const { cx, cy } = position(s.source, p); return `${cx},${cy}`; }).join(" ")}
              fill="none"
              stroke="transparent"
              strokeWidth={10}
            />
            {lineSegments(s.points).map(({ from, to, toFloor }) => {
              const a = position(s.source, from);
              const b = position(s.source, to);
              return (
                <line key={`${from.k}-${to.k}`} x1={a.cx} y1={a.cy} x2={b.cx} y2={b.cy} strokeWidth={1.5} strokeDasharray={toFloor ? "3 3" : undefined} />
              );
            })}
            {s.points.map((p) => {
              const { cx, cy, atFloor } = position(s.source, p);
              return (
                <circle
                  key={p.k}
                  cx={cx}
                  cy={cy}
                  r={MARKER_RADIUS}
                  strokeWidth={1.5}
                  fill={atFloor ? "white" : sourceColor(s.source)}
                  className={atFloor ? "fill-white dark:fill-zinc-950" : undefined}
                  onMouseEnter={() => setHover({ source: s.source, point: p, x: cx, y: cy })}
                />
              );
            })}
          </g>
        ))}
        {ends.map((end, i) => (
          <g
            key={`label-${end.source}`}
            opacity={faded(end.source)}
            onMouseEnter={() => setHoveredSource(end.source)}
            onMouseLeave={() => setHoveredSource(null)}
          >
            {Math.abs(labelYs[i]! - end.cy) > 1 ? (
              <line x1={end.cx + MARKER_RADIUS + 1} y1={end.cy} x2={labelX - 2} y2={labelYs[i]} stroke={sourceColor(end.source)} strokeOpacity={0.6} />
            ) : null}
            <text x={labelX} y={labelYs[i]} dy="0.32em" fontSize={10} fontWeight={emphasised === end.source ? 700 : 500} fill={sourceColor(end.source)}>
              {end.source}
            </text>
          </g>
        ))}
      </svg>
      {hover ? (
        <div
          role="tooltip"
          className="pointer-events-none absolute z-10 w-max max-w-56 rounded border border-zinc-200 bg-white px-2 py-1 text-xs shadow dark:border-zinc-700 dark:bg-zinc-900"
          style={{
            left: Math.min(hover.x + 10, Math.max(0, width - 224)),
            // Below the marker in the upper half, above it in the lower half: never over the point.
            top: hover.y > height / 2 ? hover.y - 10 : hover.y + 10,
            transform: hover.y > height / 2 ? "translateY(-100%)" : undefined,
          }}
        >
          <p className="font-medium">{hover.source}</p>
          <p>
            {tail}-{formatCount(hover.point.k)}: {formatMultiplier(hover.point.multiplier)} ({formatCount(hover.point.count)} documents)
          </p>
          {hover.point.multiplier > 0 ? null : <p className="text-zinc-500">None in the {tail}-k: 0 cannot sit on a log axis, so it is drawn on the floor.</p>}
        </div>
      ) : null}
    </div>
  );
}
