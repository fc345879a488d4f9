"use client";

import * as d3 from "d3";
import { useMemo, useRef, useState } from "react";
import { ExportButtons } from "@/components/ui/export-buttons";
import { groupColor } from "@/components/palette";
import { formatCount, formatScore } from "@/lib/format";
import { AxisBottom } from "./axis";
import { ChartFrame } from "./chart-frame";

export interface StripPoint {
  queryId: string;
  /** Row label, e.g. "slopes" or "factual control". */
  group: string;
  /** Colour key of the query's set (components/palette.ts groupColor): "factual", "reasoning", "factual_control", … */
  colorKey: string;
  /** Raw influence score. */
  score: number;
  /** 1-based top rank of the document for this query. */
  rank: number;
}

export type StripScale = "symlog" | "linear";

/**
 * The symlog constant: the scale is linear within ±c and logarithmic beyond, so c is
 * set to a low quantile (10%) of the nonzero magnitudes, letting the small scores
 * spread out while the largest stay on screen. 1 when every score is zero.
 */
export function symlogConstant(scores: readonly number[]): number {
  const magnitudes = scores.map(Math.abs).filter((v) => v > 0).sort(d3.ascending);
  if (magnitudes.length === 0) return 1;
  return d3.quantileSorted(magnitudes, 0.1) ?? magnitudes[0]!;
}

/** A stable vertical jitter in [-0.5, 0.5) from a string (the same dot sits in the same place on every render). */
export function jitter(key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return ((h >>> 0) % 1000) / 1000 - 0.5;
}

const MARGIN = { top: 8, right: 16, bottom: 44, left: 130 };
const ROW_HEIGHT = 34;
const getScore = (p: StripPoint) => p.score;

function StripChart({ points, groups, scale, width, svgRef, onHover }: {
  points: readonly StripPoint[]; groups: string[]; scale: StripScale; width: number;
  svgRef: React.RefObject<SVGSVGElement | null>; onHover: (p: StripPoint | null, x: number, y: number) => void;
}) {
  const innerWidth = Math.max(0, width - MARGIN.left - MARGIN.right);
  const innerHeight = groups.length * ROW_HEIGHT;
  const height = innerHeight + MARGIN.top + MARGIN.bottom;
  const { x, y } = useMemo(() => {
    const [lo = -1, hi = 1] = d3.extent(points, getScore);
    const bound = Math.max(Math.abs(lo), Math.abs(hi)) || 1;
    const domain: [number, number] = [Math.min(lo, 0) === 0 ? -bound * 0.05 : lo, Math.max(hi, 0) === 0 ? bound * 0.05 : hi];
    const x = scale === "symlog"
      ? d3.scaleSymlog().constant(symlogConstant(points.map(getScore))).domain(domain).range([0, innerWidth]).nice()
      : d3.scaleLinear().domain(domain).range([0, innerWidth]).nice();
    const y = d3.scaleBand().domain(groups).range([0, innerHeight]).padding(0.15);
    return { x, y };
  }, [points, groups, scale, innerWidth, innerHeight]);
  const ticks = scale === "symlog" ? spacedTicks(symlogTicks(x.domain() as [number, number]), x, 56) : undefined;
  return (
    <svg ref={svgRef} width={width} height={height} role="img" className="text-zinc-700 dark:text-zinc-300"
      aria-label={`Strip plot of this document's score for each of ${points.length} queries, one row per group (${groups.join(", ")}), x on a ${scale} scale`}>
      <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
        {groups.map((g) => (
          <g key={g} transform={`translate(0,${y(g) ?? 0})`}>
            <rect width={innerWidth} height={y.bandwidth()} className="fill-zinc-100 dark:fill-zinc-900" />
            <text x={-8} y={y.bandwidth() / 2} dy="0.32em" textAnchor="end" fontSize={12} fill="currentColor">{g}</text>
          </g>
        ))}
        <line x1={x(0)} x2={x(0)} y1={0} y2={innerHeight} stroke="currentColor" strokeOpacity={0.4} />
        {ticks ? (
          <g transform={`translate(0,${innerHeight})`} className="text-zinc-500" fontSize={11}>
            <line x1={0} x2={innerWidth} stroke="currentColor" />
            {ticks.map((t) => (
              <g key={t} transform={`translate(${x(t)},0)`}>
                <line y2={5} stroke="currentColor" />
                <text y={16} textAnchor="middle" fill="currentColor">{t === 0 ? "0" : t.toExponential(0)}</text>
              </g>
            ))}
            <text x={innerWidth / 2} y={34} textAnchor="middle" fill="currentColor" fontSize={12}>score (symlog)</text>
          </g>
        ) : (
          <AxisBottom scale={x} offset={innerHeight} label="score" ticks={5} format={formatScore} />
        )}
        {points.map((p) => {
          const cy = (y(p.group) ?? 0) + y.bandwidth() / 2 + jitter(p.queryId) * y.bandwidth() * 0.7;
          return (
            <circle key={p.queryId} cx={x(p.score)} cy={cy} r={4} fill={groupColor(p.colorKey)} fillOpacity={0.8}
              stroke="white" strokeWidth={0.5}
              onMouseEnter={() => onHover(p, MARGIN.left + x(p.score), MARGIN.top + cy)}
              onMouseLeave={() => onHover(null, 0, 0)} />
          );
        })}
      </g>
    </svg>
  );
}

/** Ticks for a symlog axis: 0 and a few powers of ten on each side, within the domain. */
export function symlogTicks([lo, hi]: [number, number]): number[] {
  const ticks = [0];
  const top = Math.max(Math.abs(lo), Math.abs(hi));
  if (top === 0) return ticks;
  const maxExp = Math.floor(Math.log10(top));
  for (let e = maxExp; e > maxExp - 4; e--) {
    const v = 10 ** e;
    if (v <= hi) ticks.push(v);
    if (-v >= lo) ticks.push(-v);
  }
  return ticks.sort(d3.ascending);
}

/** Keeps ticks at least `gap` px apart, preferring 0 and then the largest magnitudes. */
export function spacedTicks(ticks: readonly number[], x: (v: number) => number, gap: number): number[] {
  const kept: number[] = [];
  const byPriority = [...ticks].sort((a, b) => (a === 0 ? -1 : b === 0 ? 1 : Math.abs(b) - Math.abs(a)));
  for (const t of byPriority) if (kept.every((k) => Math.abs(x(k) - x(t)) >= gap)) kept.push(t);
  return kept.sort(d3.ascending);
}

/**
 * One row per group, x = a document's score for each query, dots coloured by set;
 * hovering a dot names its query and the document's rank there.
 */
export function StripPlot({ points, groups, scale, name, title, dataset }: { points: readonly StripPoint[]; groups: string[]; scale: StripScale; name: string; title: string; dataset: string }) {
  const svgRef = useRef<SVGSVGElement>(null);
  const [hover, setHover] = useState<{ point: StripPoint; x: number; y: number } | null>(null);
  const height = groups.length * ROW_HEIGHT + MARGIN.top + MARGIN.bottom;
  const rows = useMemo(() => points.map((p) => ({ queryId: p.queryId, group: p.group, score: p.score, rank: p.rank })), [points]);
  return (
    <div>
      <div className="relative">
        <ChartFrame height={height}>
          {({ width }) => (
            <StripChart points={points} groups={groups} scale={scale} width={width} svgRef={svgRef}
              onHover={(point, x, y) => setHover(point ? { point, x, y } : null)} />
          )}
        </ChartFrame>
        {hover ? (
          <div role="tooltip" className="pointer-events-none absolute z-10 -translate-x-1/2 -translate-y-full rounded border border-zinc-200 bg-white px-2 py-1 text-xs shadow dark:border-zinc-700 dark:bg-zinc-900"
            style={{ left: hover.x, top: hover.y - 8 }}>
            <div className="font-medium">query {hover.point.queryId}</div>
            <div>score {formatScore(hover.point.score)} · rank {formatCount(hover.point.rank)}</div>
          </div>
        ) : null}
      </div>
      <div className="mt-1 flex flex-wrap items-center justify-between gap-2 text-xs text-zinc-600 dark:text-zinc-400">
        <span className="flex flex-wrap gap-3">
          {[...new Set(points.map((p) => p.colorKey))].map((k) => (
            <span key={k}>
              <span aria-hidden className="mr-1 inline-block size-2 rounded-full" style={{ backgroundColor: groupColor(k) }} />
              {k.replace("_", " ")}
            </span>
          ))}
        </span>
        <ExportButtons
          name={name}
          rows={rows}
          figure={{ ref: svgRef, title, dataset, legend: [...new Set(points.map((p) => p.colorKey))].map((k) => ({ label: k.replace("_", " "), color: groupColor(k), mark: "dot" as const })) }}
        />
      </div>
    </div>
  );
}
