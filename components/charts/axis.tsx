import type { ScaleBand, ScaleContinuousNumeric } from "d3";

type Scale = ScaleContinuousNumeric<number, number> | ScaleBand<string>;

interface AxisProps {
  scale: Scale;
  /** Pixel offset of the axis line: y for a bottom axis, x for a left axis. */
  offset: number;
  label?: string;
  /** Approximate tick count for continuous scales. */
  ticks?: number;
  format?: (value: number) => string;
}

function tickValues(scale: Scale, count: number): { value: number | string; position: number }[] {
  if ("bandwidth" in scale) {
    return scale.domain().map((d) => ({ value: d, position: (scale(d) ?? 0) + scale.bandwidth() / 2 }));
  }
  return scale.ticks(count).map((t) => ({ value: t, position: scale(t) }));
}

function formatTick(value: number | string, scale: Scale, format?: (value: number) => string, count = 5) {
  if (typeof value === "string") return value;
  if (format) return format(value);
  return "bandwidth" in scale ? String(value) : scale.tickFormat(count)(value);
}

/** A bottom axis drawn by React from a d3 scale (ticks, grid-free, optional label). */
export function AxisBottom({ scale, offset, label, ticks = 6, format }: AxisProps) {
  const [start, end] = scale.range() as [number, number];
  return (
    <g transform={`translate(0,${offset})`} className="text-zinc-500" fontSize={11}>
      <line x1={start} x2={end} stroke="currentColor" />
      {tickValues(scale, ticks).map(({ value, position }) => (
        <g key={String(value)} transform={`translate(${position},0)`}>
          <line y2={5} stroke="currentColor" />
          <text y={16} textAnchor="middle" fill="currentColor">
            {formatTick(value, scale, format, ticks)}
          </text>
        </g>
      ))}
      {label ? (
        <text x={(start + end) / 2} y={34} textAnchor="middle" fill="currentColor" fontSize={12}>
          {label}
        </text>
      ) : null}
    </g>
  );
}

/** A left axis drawn by React from a d3 scale. */
export function AxisLeft({ scale, offset, label, ticks = 5, format }: AxisProps) {
  const [start, end] = scale.range() as [number, number];
  return (
    <g transform={`translate(${offset},0)`} className="text-zinc-500" fontSize={11}>
      <line y1={start} y2={end} stroke="currentColor" />
      {tickValues(scale, ticks).map(({ value, position }) => (
        <g key={String(value)} transform={`translate(0,${position})`}>
          <line x2={-5} stroke="currentColor" />
          <text x={-8} dy="0.32em" textAnchor="end" fill="currentColor">
            {formatTick(value, scale, format, ticks)}
          </text>
        </g>
      ))}
      {label ? (
        <text transform={`translate(${-offset + 12},${(start + end) / 2}) rotate(-90)`} textAnchor="middle" fill="currentColor" fontSize={12}>
          {label}
        </text>
      ) : null}
    </g>
  );
}
