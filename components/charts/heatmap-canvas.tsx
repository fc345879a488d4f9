"use client";

import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { cellAt, moveFocus, type HeatmapBlock } from "./heatmap-layout";
import { heatmapPixels, rampColor, type RampTheme } from "./heatmap-ramp";
import { useElementSize } from "./use-element-size";
import { useRampTheme } from "./use-ramp-theme";

/** Room for the group labels: rows on the left, columns (rotated) on top. */
const MARGIN = { top: 92, right: 84, bottom: 8, left: 124 } as const;
/** The plot never grows past this (pixels a side): beyond it cells only get fatter. */
const MAX_PLOT = 720;
const TOOLTIP_WIDTH = 320;

export interface Cell {
  row: number;
  col: number;
}

export interface HeatmapCanvasProps {
  /** Rows (= columns). */
  size: number;
  /** Row-major size x size values; null = undefined (drawn grey). */
  values: readonly (number | null)[];
  /** Contiguous groups of rows/columns, labelled along both axes and separated by lines. */
  blocks: readonly HeatmapBlock[];
  /** Accessible name of the chart. */
  label: string;
  /** The selected cell (outlined), if any. */
  selected: Cell | null;
  /** Click or Enter on a cell. */
  onSelect: (cell: Cell) => void;
  /** Content of the HTML tooltip for a hovered or keyboard-focused cell. */
  tooltip: (cell: Cell) => ReactNode;
  /** One-line description of a cell, announced to screen readers as the focus moves. */
  describe: (cell: Cell) => string;
}

/**
 * A square heatmap for many cells: the cells are drawn once on a canvas (per data or
 * size change, at the device pixel ratio), and hover, focus and selection live on a
 * light SVG overlay, so moving the pointer over 200 x 200 cells costs no redraw.
 * Keyboard: arrow keys move a focus cell (Shift: 10 cells), Home/End jump along the
 * row, Enter or Space selects.
 */
export function HeatmapCanvas(props: HeatmapCanvasProps) {
  const [ref, { width }] = useElementSize<HTMLDivElement>();
  return (
    <div ref={ref} className="w-full">
      {width > 0 ? <HeatmapInner {...props} width={width} /> : <div style={{ height: 320 }} />}
    </div>
  );
}

function HeatmapInner({ size, values, blocks, label, selected, onSelect, tooltip, describe, width }: HeatmapCanvasProps & { width: number }) {
  const plot = Math.max(size, Math.floor(Math.min(MAX_PLOT, width - MARGIN.left - MARGIN.right)));
  const cell = plot / size;
  const chartWidth = MARGIN.left + plot + MARGIN.right;
  const chartHeight = MARGIN.top + plot + MARGIN.bottom;
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [hover, setHover] = useState<Cell | null>(null);
  const [focus, setFocus] = useState<Cell | null>(null);
  const [keyboard, setKeyboard] = useState(false);
  const [dpr, setDpr] = useState(1);
  const instructionsId = useId();

  const theme = useRampTheme();
  // One RGBA pixel per cell, rebuilt only when the values or the theme change.
  const pixels = useMemo(() => heatmapPixels(values, size, theme), [values, size, theme]);

  useEffect(() => {
    const update = () => setDpr(window.devicePixelRatio || 1);
    update();
    const media = window.matchMedia(`(resolution: ${window.devicePixelRatio || 1}dppx)`);
    media.addEventListener("change", update);
    return () => media.removeEventListener("change", update);
  }, [dpr]);

  useEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext("2d");
    if (!canvas || !context || size === 0) return;
    paintCells(canvas, pixels, size, Math.round(plot * dpr));
  }, [pixels, size, plot, dpr]);

  const active = keyboard ? focus : hover;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const current = focus ?? selected ?? { row: 0, col: 0 };
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      setKeyboard(true);
      setFocus(current);
      onSelect(current);
      return;
    }
    if (event.key === "Escape") {
      setKeyboard(false);
      return;
    }
    const next = moveFocus(current, event.key, size, event.shiftKey ? 10 : 1);
    if (next) {
      event.preventDefault();
      setKeyboard(true);
      setFocus(next);
    }
  };

  const tooltipLeft =
    active && MARGIN.left + (active.col + 1) * cell + 12 + TOOLTIP_WIDTH > Math.max(chartWidth, width)
      ? Math.max(0, MARGIN.left + active.col * cell - 12 - TOOLTIP_WIDTH)
      : MARGIN.left + ((active?.col ?? 0) + 1) * cell + 12;
  const tooltipTop = MARGIN.top + Math.min(Math.max(0, (active?.row ?? 0) * cell - 20), Math.max(0, plot - 160));

  const outline = (c: Cell, className: string, strokeWidth: number, dash?: string) => (
    <rect
      x={c.col * cell - strokeWidth / 2}
      y={c.row * cell - strokeWidth / 2}
      width={cell + strokeWidth}
      height={cell + strokeWidth}
      fill="none"
      stroke="currentColor"
      strokeWidth={strokeWidth}
      strokeDasharray={dash}
      className={className}
    />
  );

  return (
    <div
      tabIndex={0}
      role="group"
      aria-roledescription="heatmap"
      aria-label={label}
      aria-describedby={instructionsId}
      onKeyDown={onKeyDown}
      onFocus={() => setFocus((f) => f ?? selected ?? { row: 0, col: 0 })}
      onBlur={() => setKeyboard(false)}
      className="relative rounded outline-none focus-visible:ring-2 focus-visible:ring-blue-500"
      style={{ width: chartWidth, height: chartHeight, maxWidth: "100%" }}
    >
      <p id={instructionsId} className="sr-only">
        Use the arrow keys to move between cells (Shift moves ten), Enter to select a cell and show the pair&apos;s scatter
        and shared documents. The same numbers are in the table below the chart.
      </p>
      <canvas
        ref={canvasRef}
        aria-hidden
        className="absolute cursor-crosshair"
        style={{ left: MARGIN.left, top: MARGIN.top, width: plot, height: plot }}
        onPointerMove={(event) => {
          const next = cellAt(event.nativeEvent.offsetX, event.nativeEvent.offsetY, cell, size);
          setKeyboard(false);
          setHover((h) => (h?.row === next?.row && h?.col === next?.col ? h : next));
        }}
        onPointerLeave={() => setHover(null)}
        onClick={(event) => {
          const c = cellAt(event.nativeEvent.offsetX, event.nativeEvent.offsetY, cell, size);
          if (c) {
            setFocus(c);
            onSelect(c);
          }
        }}
      />
      <svg width={chartWidth} height={chartHeight} role="img" aria-label={label} className="pointer-events-none absolute left-0 top-0 text-zinc-700 dark:text-zinc-300">
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          <rect width={plot} height={plot} fill="none" stroke="currentColor" strokeOpacity={0.5} />
          {blocks.map((block) => {
            const middle = ((block.start + block.end) / 2) * cell;
            return (
              <g key={block.key} fontSize={11} fill="currentColor">
                {block.start > 0 ? (
                  <>
                    <line x1={block.start * cell} x2={block.start * cell} y1={0} y2={plot} stroke="currentColor" strokeOpacity={0.7} />
                    <line y1={block.start * cell} y2={block.start * cell} x1={0} x2={plot} stroke="currentColor" strokeOpacity={0.7} />
                  </>
                ) : null}
                <text x={-8} y={middle} dy="0.32em" textAnchor="end">
                  {block.name}
                </text>
                <text transform={`translate(${middle},-8) rotate(-40)`} textAnchor="start">
                  {block.name}
                </text>
              </g>
            );
          })}
          {active ? (
            <g data-export="skip">
              <rect x={0} y={active.row * cell} width={plot} height={cell} fill="currentColor" fillOpacity={0.12} />
              <rect x={active.col * cell} y={0} width={cell} height={plot} fill="currentColor" fillOpacity={0.12} />
              {outline(active, "text-zinc-900 dark:text-white", 1.5, keyboard ? "3 2" : undefined)}
            </g>
          ) : null}
          {selected ? <g data-export="skip">{outline(selected, "text-orange-600 dark:text-orange-400", 2.5)}</g> : null}
        </g>
      </svg>
      {active ? (
        <div
          role="tooltip"
          className="pointer-events-none absolute z-10 rounded border border-zinc-300 bg-white p-2 text-xs shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
          style={{ left: tooltipLeft, top: tooltipTop, width: TOOLTIP_WIDTH }}
        >
          {tooltip(active)}
        </div>
      ) : null}
      <p className="sr-only" aria-live="polite">
        {keyboard && focus ? describe(focus) : ""}
      </p>
    </div>
  );
}

/** Paints size x size cell pixels onto `canvas` at `device` pixels a side, scaled without smoothing: crisp cells. */
function paintCells(canvas: HTMLCanvasElement, pixels: Uint8ClampedArray<ArrayBuffer>, size: number, device: number) {
  const context = canvas.getContext("2d");
  if (!context) return;
  canvas.width = device;
  canvas.height = device;
  const source = document.createElement("canvas");
  source.width = size;
  source.height = size;
  source.getContext("2d")?.putImageData(new ImageData(pixels, size, size), 0, 0);
  context.imageSmoothingEnabled = false;
  context.clearRect(0, 0, device, device);
  context.drawImage(source, 0, 0, device, device);
}

/** The cells drawn in `theme`'s ramp on a new canvas as large as `like` (the export's light copy of the screen's canvas). */
export function heatmapCanvasIn(values: readonly (number | null)[], size: number, theme: RampTheme, like: HTMLCanvasElement): HTMLCanvasElement {
  const canvas = document.createElement("canvas");
  paintCells(canvas, heatmapPixels(values, size, theme), size, Math.max(size, like.width));
  return canvas;
}

/** The export's colour bar: the light ramp from ≤ 0 to 1. */
export function heatmapColorBar(title: string) {
  return {
    title,
    stops: Array.from({ length: 11 }, (_, i) => rampColor(i / 10)),
    ticks: [0, 0.25, 0.5, 0.75, 1].map((t) => ({ at: t, label: t === 0 ? "≤ 0" : String(t) })),
    note: "grey: undefined (a query with constant scores)",
  };
}

/**
 * The heatmap's colour scale as real SVG, in the theme's ramp: from the background
 * colour at 0 to blue at 1, values below 0 drawn as 0, undefined cells grey.
 */
export function HeatmapLegend({ title }: { title: string }) {
  const id = useId();
  const theme = useRampTheme();
  const stops = Array.from({ length: 11 }, (_, i) => i / 10);
  const width = 200;
  return (
    <div className="flex flex-wrap items-center gap-4 text-xs text-zinc-600 dark:text-zinc-400">
      <svg width={width + 16} height={40} role="img" aria-label={`Colour scale: ${title} from 0 (${theme === "dark" ? "near black" : "white"}) to 1 (${theme === "dark" ? "light blue" : "dark blue"}); values below 0 are drawn as 0`}>
        <defs>
          <linearGradient id={id}>
            {stops.map((t) => (
              <stop key={t} offset={`${t * 100}%`} stopColor={rampColor(t, theme)} />
            ))}
          </linearGradient>
        </defs>
        <g transform="translate(8,2)">
          <text y={10} fontSize={11} fill="currentColor">{title}</text>
          <rect y={14} width={width} height={10} fill={`url(#${id})`} stroke="currentColor" strokeOpacity={0.4} />
          {[0, 0.25, 0.5, 0.75, 1].map((t) => (
            <text key={t} x={t * width} y={36} fontSize={10} textAnchor="middle" fill="currentColor">
              {t === 0 ? "≤ 0" : t}
            </text>
          ))}
        </g>
      </svg>
      <span className="inline-flex items-center gap-1">
        <span aria-hidden className="inline-block size-3 border border-zinc-400" style={{ backgroundColor: rampColor(null, theme) }} />
        undefined (a query with constant scores)
      </span>
    </div>
  );
}
