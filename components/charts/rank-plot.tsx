"use client";

import * as d3 from "d3";
import { useId, useMemo, useRef } from "react";
import { RANK_PLOT_COLORS } from "@/components/palette";
import { ExportButtons } from "@/components/ui/export-buttons";
import { formatScore, formatStat } from "@/lib/format";
import { AxisBottom, AxisLeft } from "./axis";
import { ChartFrame } from "./chart-frame";
import type { FittedRankPoint } from "./rank-plot-math";

const MARGIN = { top: 12, right: 16, bottom: 44, left: 64 };
const getRank = (p: FittedRankPoint) => p.rank;
const getScore = (p: FittedRankPoint) => p.score;

interface RankPlotProps {
  /** Ranks 1..n in order, each with the fitted power law's score (score units). */
  points: readonly FittedRankPoint[];
  /** Fitted power-law slope (log-log), null when the fit is undefined. */
  alpha: number | null;
  alphaStderr: number | null;
  /** File name stem for exports. */
  name: string;
  /** Title and dataset of the exported figure. */
  title: string;
  dataset: string;
}

function RankPlotChart({ points, alpha, width, height, svgRef }: RankPlotProps & { width: number; height: number; svgRef: React.RefObject<SVGSVGElement | null> }) {
  const innerWidth = Math.max(0, width - MARGIN.left - MARGIN.right);
  const innerHeight = Math.max(0, height - MARGIN.top - MARGIN.bottom);
  const { x, y, line } = useMemo(() => {
    const maxRank = d3.max(points, getRank) ?? 1;
    const [minScore = 1e-9, maxScore = 1] = d3.extent(points, getScore);
    const x = d3.scaleLog().domain([1, Math.max(2, maxRank)]).range([0, innerWidth]);
    const y = d3.scaleLog().domain([minScore, maxScore === minScore ? minScore * 10 : maxScore]).range([innerHeight, 0]).nice();
    // The points run from rank 1 to maxRank, so the fitted line joins the first and last.
    const first = points[0];
    const last = points.at(-1);
    const line = first && last && first.fitted !== null && last.fitted !== null ? {
      x1: x(first.rank), y1: y(first.fitted),
      x2: x(last.rank), y2: y(last.fitted),
    } : null;
    return { x, y, line };
  }, [points, innerWidth, innerHeight]);
  const clipId = useId();
  const tick = (v: number) => (Math.abs(Math.log10(v) % 1) < 1e-9 ? v.toExponential(0) : "");
  return (
    <svg
      ref={svgRef}
      width={width}
      height={height}
      role="img"
      aria-label={`Log-log rank plot of the top ${points.length} positive scores${alpha === null ? "" : `, fitted slope alpha ${formatStat(alpha)}`}`}
      className="text-zinc-700 dark:text-zinc-300"
    >
      <defs>
        <clipPath id={clipId}><rect width={innerWidth} height={innerHeight} /></clipPath>
      </defs>
      <g transform={`translate(0,${MARGIN.top})`}>
        <AxisLeft scale={y} offset={MARGIN.left} label="score (log)" ticks={4} format={tick} />
      </g>
      <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
        <AxisBottom scale={x} offset={innerHeight} label="rank (log)" ticks={4} format={(v) => (Math.log10(v) % 1 === 0 ? String(v) : "")} />
        <g clipPath={`url(#${clipId})`}>
          {points.map((p) => (
            <circle key={p.rank} cx={x(p.rank)} cy={y(p.score)} r={2} fill={RANK_PLOT_COLORS.points} fillOpacity={0.55} />
          ))}
          {line ? <line {...line} stroke={RANK_PLOT_COLORS.fit} strokeWidth={1.5} strokeDasharray="5 3" /> : null}
        </g>
      </g>
    </svg>
  );
}

/** Score against rank on log-log axes over the top positive scores, with the fitted power law. */
export function RankPlot(props: RankPlotProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  const rows = useMemo(() => props.points.map((p) => ({ rank: p.rank, score: p.score, fitted: p.fitted })), [props.points]);
  if (props.points.length < 2) {
    return <p className="text-sm text-zinc-500">Too few positive scores ({props.points.length}) to plot a rank curve.</p>;
  }
  return (
    <div>
      <ChartFrame height={240}>{({ width, height }) => <RankPlotChart {...props} width={width} height={height} svgRef={svgRef} />}</ChartFrame>
      <div className="mt-1 flex flex-wrap items-center justify-between gap-2 text-xs text-zinc-600 dark:text-zinc-400">
        <span>
          <span aria-hidden className="mr-1 inline-block h-0 w-4 border-t-2 border-dashed border-red-600 align-middle" />
          fit: α = {formatStat(props.alpha)} ± {formatStat(props.alphaStderr)} (ranks 1–{props.points.length})
        </span>
        <ExportButtons
          name={props.name}
          rows={rows}
          figure={{
            ref: svgRef,
            title: props.title,
            dataset: props.dataset,
            legend: [
              { label: "score", color: RANK_PLOT_COLORS.points, mark: "dot" },
              { label: `fitted power law, α = ${formatStat(props.alpha)} ± ${formatStat(props.alphaStderr)} (ranks 1–${props.points.length})`, color: RANK_PLOT_COLORS.fit, mark: "dashed" },
            ],
          }}
        />
      </div>
      <details className="mt-1 text-xs">
        <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">Plotted numbers</summary>
        <div className="max-h-48 overflow-auto">
          <table className="w-full text-left tabular-nums">
            <caption className="sr-only">Rank, score and fitted score</caption>
            <thead><tr><th scope="col">Rank</th><th scope="col">Score</th><th scope="col">Fitted</th></tr></thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.rank}><td>{r.rank}</td><td>{formatScore(r.score)}</td><td>{r.fitted === null ? "—" : formatScore(r.fitted)}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
