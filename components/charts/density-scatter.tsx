"use client";

import { interpolateBlues, scaleLinear } from "d3";
import { useEffect, useMemo, useRef } from "react";
import { HIGHLIGHT_COLORS } from "@/components/palette";
import { logDensity } from "./density-scale";
import { formatScore } from "@/lib/format";
import { AxisBottom, AxisLeft } from "./axis";
import { ChartFrame } from "./chart-frame";

const MARGIN = { top: 12, right: 16, bottom: 46, left: 86 } as const;
const HEIGHT = 380;

export interface DensityPoint {
  documentId: string;
  x: number;
  y: number;
  top: "a" | "b" | "both" | null;
}

export interface DensityScatterProps {
  /** Raw score ranges of the axes (also the bins' extent). */
  xDomain: readonly [number, number];
  yDomain: readonly [number, number];
  /** Row-major counts (row 0 = lowest y); null draws `points` only. */
  density: { xBins: number; yBins: number; counts: readonly number[]; max: number } | null;
  /** Every document (no density) or only the highlighted top documents. */
  points: readonly DensityPoint[];
  xLabel: string;
  yLabel: string;
  /** Accessible name. */
  label: string;
}

/** Exponent notation for the tiny (or huge) magnitudes influence scores often have. */
const tickSpecifier = ([lower, upper]: readonly [number, number]) => {
  const magnitude = Math.max(Math.abs(lower), Math.abs(upper));
  return magnitude < 1e-3 || magnitude >= 1e4 ? "~e" : "~g";
};

const pointX = (p: DensityPoint) => p.x;
const pointY = (p: DensityPoint) => p.y;

/**
 * A scatter of two score series: a log-coloured 2-D histogram on canvas when the
 * documents are many, plain dots when they are few, and the top documents as SVG
 * marks on top (with their ids as titles).
 */
export function DensityScatter(props: DensityScatterProps) {
  return <ChartFrame height={HEIGHT}>{({ width, height }) => <DensityScatterInner {...props} width={width} height={height} />}</ChartFrame>;
}

function DensityScatterInner({ xDomain, yDomain, density, points, xLabel, yLabel, label, width, height }: DensityScatterProps & { width: number; height: number }) {
  const innerWidth = Math.max(10, width - MARGIN.left - MARGIN.right);
  const innerHeight = height - MARGIN.top - MARGIN.bottom;
  const x = useMemo(() => scaleLinear().domain(xDomain).range([MARGIN.left, MARGIN.left + innerWidth]), [xDomain, innerWidth]);
  const y = useMemo(() => scaleLinear().domain(yDomain).range([MARGIN.top + innerHeight, MARGIN.top]), [yDomain, innerHeight]);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const highlighted = useMemo(() => points.filter((p) => p.top !== null), [points]);
  const plain = useMemo(() => (density ? [] : points.filter((p) => p.top === null)), [density, points]);

  useEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext("2d");
    if (!canvas || !context) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(innerWidth * dpr);
    canvas.height = Math.round(innerHeight * dpr);
    context.setTransform(dpr, 0, 0, dpr, 0, 0);
    context.clearRect(0, 0, innerWidth, innerHeight);
    if (density) {
      const { xBins, yBins, counts, max } = density;
      const bw = innerWidth / xBins;
      const bh = innerHeight / yBins;
      for (let row = 0; row < yBins; row++) {
        for (let col = 0; col < xBins; col++) {
          const t = logDensity(counts[row * xBins + col] ?? 0, max);
          if (t === 0) continue;
          context.fillStyle = interpolateBlues(0.15 + 0.85 * t);
          // Snap to whole pixels so neighbouring bins do not leave hairline gaps.
          const left = Math.floor(col * bw);
          const top = Math.floor(innerHeight - (row + 1) * bh);
          context.fillRect(left, top, Math.ceil((col + 1) * bw) - left, Math.ceil(innerHeight - row * bh) - top);
        }
      }
    }
    if (plain.length > 0) {
      context.fillStyle = getComputedStyle(canvas).color;
      context.globalAlpha = 0.55;
      for (const p of plain) {
        context.beginPath();
        context.arc(x(pointX(p)) - MARGIN.left, y(pointY(p)) - MARGIN.top, 2.5, 0, 2 * Math.PI);
        context.fill();
      }
      context.globalAlpha = 1;
    }
  }, [density, plain, x, y, innerWidth, innerHeight]);

  const xTicks = Math.max(2, Math.floor(innerWidth / 80));
  const zeroX = xDomain[0] < 0 && xDomain[1] > 0 ? x(0) : null;
  const zeroY = yDomain[0] < 0 && yDomain[1] > 0 ? y(0) : null;

  return (
    <div className="relative" style={{ width, height }}>
      <canvas
        ref={canvasRef}
        aria-hidden
        className="absolute text-zinc-600 dark:text-zinc-300"
        style={{ left: MARGIN.left, top: MARGIN.top, width: innerWidth, height: innerHeight }}
      />
      <svg width={width} height={height} role="img" aria-label={label} className="absolute left-0 top-0">
        <g>
          {zeroX !== null ? <line x1={zeroX} x2={zeroX} y1={MARGIN.top} y2={MARGIN.top + innerHeight} className="text-zinc-400" stroke="currentColor" strokeDasharray="3 3" /> : null}
          {zeroY !== null ? <line y1={zeroY} y2={zeroY} x1={MARGIN.left} x2={MARGIN.left + innerWidth} className="text-zinc-400" stroke="currentColor" strokeDasharray="3 3" /> : null}
          {highlighted.map((p) => (
            <circle
              key={p.documentId}
              cx={x(pointX(p))}
              cy={y(pointY(p))}
              r={p.top === "both" ? 4 : 3}
              fill={HIGHLIGHT_COLORS[p.top!]}
              fillOpacity={0.85}
              stroke="white"
              strokeWidth={0.75}
            >
              <title>{`${p.documentId}: ${formatScore(p.x)}, ${formatScore(p.y)}`}</title>
            </circle>
          ))}
          <AxisBottom scale={x} offset={MARGIN.top + innerHeight} label={xLabel} ticks={xTicks} format={x.tickFormat(xTicks, tickSpecifier(xDomain))} />
          <AxisLeft scale={y} offset={MARGIN.left} label={yLabel} ticks={6} format={y.tickFormat(6, tickSpecifier(yDomain))} />
        </g>
      </svg>
    </div>
  );
}

const densityStops = () => Array.from({ length: 6 }, (_, i) => interpolateBlues(0.15 + (0.85 * i) / 5));

/** The density ramp as the exported figure's colour bar. */
export function densityColorBar(max: number) {
  return { title: "Documents per bin (log scale)", stops: densityStops(), ticks: [{ at: 0, label: "1" }, { at: 1, label: max.toLocaleString("en-US") }] };
}

/** The density colour ramp as HTML (documents per bin on a log scale). */
export function DensityLegend({ max }: { max: number }) {
  const stops = densityStops();
  return (
    <span className="inline-flex items-center gap-2 text-xs text-zinc-600 dark:text-zinc-400">
      Documents per bin (log):
      <span>1</span>
      <span aria-hidden className="inline-block h-2.5 w-24 rounded-sm" style={{ background: `linear-gradient(to right, ${stops.join(",")})` }} />
      <span>{max.toLocaleString("en-US")}</span>
    </span>
  );
}
