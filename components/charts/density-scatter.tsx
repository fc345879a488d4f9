"use client";

import { interpolateBlues, scaleLinear } from "d3";
import { useEffect, useMemo, useRef } from "react";
import { HIGHLIGHT_COLORS } from "@/components/palette";
import { logDensity } from "./density-scale";
import { formatScore, tickFormatter } from "@/lib/format";
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
  /** Score ranges of the axes (also the bins' extent); points beyond them are drawn on the edge, hollow. */
  xDomain: readonly [number, number];
  yDomain: readonly [number, number];
  /** Documents binned into each edge bin from beyond the axes (dashed edge lines mark those sides). */
  beyond?: { left: number; right: number; bottom: number; top: number };
  /** Row-major counts (row 0 = lowest y); null draws `points` only. */
  density: { xBins: number; yBins: number; counts: readonly number[]; max: number } | null;
  /** Every document (no density) or only the highlighted top documents. */
  points: readonly DensityPoint[];
  xLabel: string;
  yLabel: string;
  /** Accessible name. */
  label: string;
}

const pointX = (p: DensityPoint) => p.x;
const pointY = (p: DensityPoint) => p.y;
const clampTo = (v: number, [lower, upper]: readonly [number, number]) => Math.min(upper, Math.max(lower, v));
const inside = (p: DensityPoint, xd: readonly [number, number], yd: readonly [number, number]) =>
  p.x >= xd[0] && p.x <= xd[1] && p.y >= yd[0] && p.y <= yd[1];

/**
 * A scatter of two score series: a log-coloured 2-D histogram on canvas when the
 * documents are many, plain dots when they are few, and the top documents as SVG
 * marks on top (with their ids as titles).
 */
export function DensityScatter(props: DensityScatterProps) {
  return <ChartFrame height={HEIGHT}>{({ width, height }) => <DensityScatterInner {...props} width={width} height={height} />}</ChartFrame>;
}

function DensityScatterInner({ xDomain, yDomain, beyond, density, points, xLabel, yLabel, label, width, height }: DensityScatterProps & { width: number; height: number }) {
  const innerWidth = Math.max(10, width - MARGIN.left - MARGIN.right);
  const innerHeight = height - MARGIN.top - MARGIN.bottom;
  // Outliers beyond the axes sit on the edge (clamped), so the scales stay exactly the domain.
  const x = useMemo(() => scaleLinear().domain(xDomain).range([MARGIN.left, MARGIN.left + innerWidth]).clamp(true), [xDomain, innerWidth]);
  const y = useMemo(() => scaleLinear().domain(yDomain).range([MARGIN.top + innerHeight, MARGIN.top]).clamp(true), [yDomain, innerHeight]);
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
      context.strokeStyle = context.fillStyle;
      context.globalAlpha = 0.55;
      for (const p of plain) {
        context.beginPath();
        context.arc(x(pointX(p)) - MARGIN.left, y(pointY(p)) - MARGIN.top, 2.5, 0, 2 * Math.PI);
        // A point beyond the axes is drawn on the edge, hollow.
        if (inside(p, xDomain, yDomain)) context.fill();
        else context.stroke();
      }
      context.globalAlpha = 1;
    }
  }, [density, plain, x, y, innerWidth, innerHeight, xDomain, yDomain]);

  const xTicks = Math.max(2, Math.floor(innerWidth / 80));
  const xFormat = tickFormatter(x.ticks(xTicks));
  const yFormat = tickFormatter(y.ticks(6));
  const edges = beyond
    ? [
        beyond.left > 0 ? { key: "left", x1: MARGIN.left, x2: MARGIN.left, y1: MARGIN.top, y2: MARGIN.top + innerHeight } : null,
        beyond.right > 0 ? { key: "right", x1: MARGIN.left + innerWidth, x2: MARGIN.left + innerWidth, y1: MARGIN.top, y2: MARGIN.top + innerHeight } : null,
        beyond.bottom > 0 ? { key: "bottom", x1: MARGIN.left, x2: MARGIN.left + innerWidth, y1: MARGIN.top + innerHeight, y2: MARGIN.top + innerHeight } : null,
        beyond.top > 0 ? { key: "top", x1: MARGIN.left, x2: MARGIN.left + innerWidth, y1: MARGIN.top, y2: MARGIN.top } : null,
      ].filter((e) => e !== null)
    : [];
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
          {edges.map((e) => (
            <line key={e.key} x1={e.x1} x2={e.x2} y1={e.y1} y2={e.y2} stroke={HIGHLIGHT_COLORS.edge} strokeWidth={2} strokeDasharray="4 3">
              <title>Documents beyond this edge are drawn on it</title>
            </line>
          ))}
          {highlighted.map((p) => {
            const within = inside(p, xDomain, yDomain);
            return (
              <circle
                key={p.documentId}
                cx={x(clampTo(pointX(p), xDomain))}
                cy={y(clampTo(pointY(p), yDomain))}
                r={p.top === "both" ? 4 : 3}
                fill={within ? HIGHLIGHT_COLORS[p.top!] : "white"}
                fillOpacity={within ? 0.85 : 1}
                stroke={within ? "white" : HIGHLIGHT_COLORS[p.top!]}
                strokeWidth={within ? 0.75 : 1.5}
              >
                <title>{`${p.documentId}: ${formatScore(p.x)}, ${formatScore(p.y)}${within ? "" : " (beyond the axes: drawn on the edge)"}`}</title>
              </circle>
            );
          })}
          <AxisBottom scale={x} offset={MARGIN.top + innerHeight} label={xLabel} ticks={xTicks} format={xFormat} />
          <AxisLeft scale={y} offset={MARGIN.left} label={yLabel} ticks={6} format={yFormat} />
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
